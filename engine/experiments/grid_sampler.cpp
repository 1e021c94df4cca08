#include "experiments/grid_sampler.h"

#include <cmath>

namespace ap {
namespace {

// The pixel value, 0 outside the image.
template <typename Scalar>
Scalar pixel(const Scalar* image, int h, int w, int y, int x) {
    return (x >= 0 && x < w && y >= 0 && y < h) ? image[y * w + x] : Scalar(0);
}

template <typename Scalar>
void addPixel(Scalar* image, int h, int w, int y, int x, Scalar value) {
    if (x >= 0 && x < w && y >= 0 && y < h) image[y * w + x] += value;
}

// Where output point (xo, yo) samples the input: the pixel (x0, y0) at the
// top left of its four neighbours and the bilinear weights wx, wy.
template <typename Scalar>
struct SamplePoint {
    int x0, y0;
    Scalar wx, wy;
    SamplePoint(const SamplerShape& s, const Scalar* t, Scalar xo, Scalar yo) {
        const Scalar px = ((t[0] * xo + t[1] * yo + t[2] + 1) * Scalar(s.inW) - 1) / 2;
        const Scalar py = ((t[3] * xo + t[4] * yo + t[5] + 1) * Scalar(s.inH) - 1) / 2;
        const Scalar fx = std::floor(px), fy = std::floor(py);
        x0 = int(fx), y0 = int(fy);
        wx = px - fx, wy = py - fy;
    }
};

}  // namespace

template <typename Scalar>
void identityTheta(Scalar* theta) {
    theta[0] = 1, theta[1] = 0, theta[2] = 0;
    theta[3] = 0, theta[4] = 1, theta[5] = 0;
}

template <typename Scalar>
void gridSampleForward(const SamplerShape& s, const Scalar* images, const Scalar* theta, int batch, Scalar* out) {
    const int S = s.out;
    for (int b = 0; b < batch; ++b) {
        const Scalar* image = images + Eigen::Index(b) * s.inH * s.inW;
        const Scalar* t = theta + Eigen::Index(b) * 6;
        Scalar* o = out + Eigen::Index(b) * S * S;
        for (int i = 0; i < S; ++i) {
            const Scalar yo = Scalar(2 * i + 1) / Scalar(S) - 1;
            for (int j = 0; j < S; ++j) {
                const Scalar xo = Scalar(2 * j + 1) / Scalar(S) - 1;
                const SamplePoint<Scalar> at(s, t, xo, yo);
                const int x0 = at.x0, y0 = at.y0;
                const Scalar wx = at.wx, wy = at.wy;
                o[i * S + j] = (1 - wy) * ((1 - wx) * pixel(image, s.inH, s.inW, y0, x0) +
                                           wx * pixel(image, s.inH, s.inW, y0, x0 + 1)) +
                               wy * ((1 - wx) * pixel(image, s.inH, s.inW, y0 + 1, x0) +
                                     wx * pixel(image, s.inH, s.inW, y0 + 1, x0 + 1));
            }
        }
    }
}

template <typename Scalar>
void gridSampleBackward(const SamplerShape& s, const Scalar* images, const Scalar* theta, const Scalar* dOut, int batch,
                        Scalar* dTheta, Scalar* dImages) {
    const int S = s.out;
    for (int b = 0; b < batch; ++b) {
        const Scalar* image = images + Eigen::Index(b) * s.inH * s.inW;
        Scalar* dImage = dImages ? dImages + Eigen::Index(b) * s.inH * s.inW : nullptr;
        const Scalar* t = theta + Eigen::Index(b) * 6;
        const Scalar* d = dOut + Eigen::Index(b) * S * S;
        Scalar g[6] = {0, 0, 0, 0, 0, 0};
        for (int i = 0; i < S; ++i) {
            const Scalar yo = Scalar(2 * i + 1) / Scalar(S) - 1;
            for (int j = 0; j < S; ++j) {
                const Scalar grad = d[i * S + j];
                if (grad == Scalar(0)) continue;
                const Scalar xo = Scalar(2 * j + 1) / Scalar(S) - 1;
                const SamplePoint<Scalar> at(s, t, xo, yo);
                const int x0 = at.x0, y0 = at.y0;
                const Scalar wx = at.wx, wy = at.wy;
                const Scalar v00 = pixel(image, s.inH, s.inW, y0, x0), v01 = pixel(image, s.inH, s.inW, y0, x0 + 1);
                const Scalar v10 = pixel(image, s.inH, s.inW, y0 + 1, x0);
                const Scalar v11 = pixel(image, s.inH, s.inW, y0 + 1, x0 + 1);
                // Eq. 7 of the paper: the derivative of the interpolation
                // with respect to the sample point, then the chain rule
                // through the unnormalisation and the affine map.
                const Scalar dpx = grad * ((1 - wy) * (v01 - v00) + wy * (v11 - v10)) * Scalar(s.inW) / 2;
                const Scalar dpy = grad * ((1 - wx) * (v10 - v00) + wx * (v11 - v01)) * Scalar(s.inH) / 2;
                g[0] += dpx * xo, g[1] += dpx * yo, g[2] += dpx;
                g[3] += dpy * xo, g[4] += dpy * yo, g[5] += dpy;
                if (dImage) {
                    addPixel(dImage, s.inH, s.inW, y0, x0, grad * (1 - wy) * (1 - wx));
                    addPixel(dImage, s.inH, s.inW, y0, x0 + 1, grad * (1 - wy) * wx);
                    addPixel(dImage, s.inH, s.inW, y0 + 1, x0, grad * wy * (1 - wx));
                    addPixel(dImage, s.inH, s.inW, y0 + 1, x0 + 1, grad * wy * wx);
                }
            }
        }
        for (int k = 0; k < 6; ++k) dTheta[Eigen::Index(b) * 6 + k] += g[k];
    }
}

#define AP_GRID_SAMPLER(S)                                                                \
    template void identityTheta<S>(S*);                                                   \
    template void gridSampleForward<S>(const SamplerShape&, const S*, const S*, int, S*); \
    template void gridSampleBackward<S>(const SamplerShape&, const S*, const S*, const S*, int, S*, S*);
AP_GRID_SAMPLER(float)
AP_GRID_SAMPLER(double)
#undef AP_GRID_SAMPLER

}  // namespace ap
