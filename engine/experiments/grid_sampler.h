// The spatial transformer's sampler (Jaderberg et al. 2015, section 3.2 and
// 3.3): an affine grid and bilinear sampling, forward and backward by hand,
// with PyTorch's conventions (affine_grid and grid_sample with
// align_corners=False and zero padding), so that a theta means the same in
// both.
//
// Output pixel (i, j) of an S x S output has normalised coordinates
// xo = (2j + 1)/S - 1, yo = (2i + 1)/S - 1. theta = [a b c; d e f] (row
// major) maps them to the input's normalised coordinates
//   xs = a xo + b yo + c,  ys = d xo + e yo + f        (eq. 1 of the paper)
// and those to input pixels px = ((xs + 1) W - 1)/2, py = ((ys + 1) H - 1)/2.
// The output is the bilinear interpolation of the four pixels around
// (px, py) (eq. 5), pixels outside the image counting as 0.
#pragma once

#include "experiments/matrix_types.h"

namespace ap {

struct SamplerShape {
    int inH = 1, inW = 1;  // the input images
    int out = 1;           // S: the output is S x S
};

// images: batch x inH x inW; theta: batch x 6; out: batch x S x S.
template <typename Scalar>
void gridSampleForward(const SamplerShape& s, const Scalar* images, const Scalar* theta, int batch, Scalar* out);

// From dOut (batch x S x S): adds dL/dtheta to dTheta (batch x 6) and, when
// dImages is not null, dL/dimages to dImages. Where a sample point lies
// exactly on a pixel boundary the interpolation has a kink; the derivative
// taken there is the one from the right (towards larger px and py), the
// side floor() picks.
template <typename Scalar>
void gridSampleBackward(const SamplerShape& s, const Scalar* images, const Scalar* theta, const Scalar* dOut, int batch,
                        Scalar* dTheta, Scalar* dImages);

// The identity transform [1 0 0; 0 1 0].
template <typename Scalar>
void identityTheta(Scalar* theta);

}  // namespace ap
