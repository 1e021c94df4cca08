// Views of the training code's flat double buffers as Eigen matrices and
// vectors (column-major, no copies), shared by the GRU, attention and model.
#pragma once

#include <Eigen/Core>

namespace ap {

using ConstMap = Eigen::Map<const Eigen::MatrixXd>;
using Map = Eigen::Map<Eigen::MatrixXd>;
using ConstVecMap = Eigen::Map<const Eigen::VectorXd>;
using VecMap = Eigen::Map<Eigen::VectorXd>;

}  // namespace ap
