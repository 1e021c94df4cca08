// The experiments' Eigen types, templated on the scalar: training runs in
// float, the gradient checks in double.
#pragma once

#include <Eigen/Core>

namespace ap {

template <typename Scalar>
using MatrixX = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
template <typename Scalar>
using VectorX = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

}  // namespace ap
