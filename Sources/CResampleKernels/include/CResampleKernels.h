#ifndef CRESAMPLEKERNELS_H
#define CRESAMPLEKERNELS_H
/*
 * AVX2+FMA kernel for SRImage's MATLAB bicubic byte path (vertical pass first, Float).
 *
 * Why C: Swift has no per-function target attribute, and building all of SRImage with
 * -mavx2 would make the binaries fault on x86-64 CPUs without it. Here only the kernel is
 * compiled for AVX2+FMA (clang target attribute) and chosen at run time with
 * __builtin_cpu_supports; elsewhere (older x86-64, aarch64) it reports itself unavailable and
 * SRImage runs its portable Swift passes (BandedResize). At x1/4 on 512x512 RGB, 2 threads,
 * load 8, the resize went from 1.02 / 0.52 ms (median / min) to 0.37 / 0.26 ms; one thread
 * runs the whole kernel in 0.22 ms (Benchmarks/README.md).
 *
 * FMA rounds once per multiply-add instead of twice, so the Float values differ from the Swift
 * passes in the last bits; both stay within NearTieRepair's error bound (n roundings per
 * n-tap sum either way), and the byte API recomputes every sample near a rounding tie in
 * Double, so the bytes are the same on every CPU.
 *
 * Symbols are prefixed CResampleKernels_. Resampling/VerticalFirstKernel.swift uses the
 * kernels; Resampling/WorkerPool.swift uses CResampleKernels_spinPause.
 */
#include <stddef.h>
#include <stdint.h>

/* Status codes of CResampleKernels_verticalFirstRows. */
#define CResampleKernels_STATUS_OK 0
/* This CPU (or architecture) has no AVX2+FMA kernel; use the portable passes. */
#define CResampleKernels_STATUS_UNAVAILABLE 1
/* Scratch allocation failed; use the portable passes. */
#define CResampleKernels_STATUS_RESOURCE 2

/* 1 when CResampleKernels_verticalFirstRows can run on this CPU, else 0. */
int CResampleKernels_available(void);

/*
 * Output rows [rowStart, rowEnd) of a separable resize of an 8-bit image, vertical pass first,
 * computed in float and rounded to bytes (clipped to 0...255) into
 * out[(r - rowStart) * outputWidth * channels + x * channels + c].
 *
 * source: inputHeight rows of inputWidth * channels bytes (HWC).
 * Vertical taps: output row r reads input rows verticalIndices[r * verticalTaps + j] with
 * weights verticalWeights[r * verticalTaps + j]; horizontal taps likewise per output column
 * (indices are input columns). Every index must be in range (the caller's AxisWeights are).
 * Each sum starts from tap 0 and adds the taps in increasing order.
 *
 * Every sample whose float value is at least `limit` away from its nearest integer (near a
 * rounding tie, where float and double may round apart) has its index into out appended to
 * flagged, which must hold (rowEnd - rowStart) * outputWidth * channels entries; its byte is
 * provisional and the caller recomputes it. *flaggedCount receives the number appended.
 */
int CResampleKernels_verticalFirstRows(
    const uint8_t *source, ptrdiff_t inputWidth, ptrdiff_t channels,
    const float *verticalWeights, const int32_t *verticalIndices, ptrdiff_t verticalTaps,
    const float *horizontalWeights, const int32_t *horizontalIndices, ptrdiff_t horizontalTaps,
    ptrdiff_t outputWidth, ptrdiff_t rowStart, ptrdiff_t rowEnd, float limit, uint8_t *out,
    int32_t *flagged, ptrdiff_t *flaggedCount);

/*
 * The double value of one output sample of MATLAB's imresize, vertical pass first:
 * sum_j hw[j] * m[j] with m[j] = sum_t vw[t] * source[vi[t] * inputWidth * channels +
 * hi[j] * channels + channel], both sums from tap 0 in increasing order, every multiply and add
 * rounded separately (no FMA): bit-identical to SRImage's Double path. vw, vi point at the
 * output row's taps, hw, hi at the output column's. Writes *value; returns
 * CResampleKernels_STATUS_UNAVAILABLE (and writes nothing) where the AVX2 kernel is unavailable.
 */
int CResampleKernels_exactVerticalFirst(
    const uint8_t *source, ptrdiff_t inputWidth, ptrdiff_t channels, ptrdiff_t channel,
    const double *vw, const int32_t *vi, ptrdiff_t verticalTaps,
    const double *hw, const int32_t *hi, ptrdiff_t horizontalTaps, double *value);

/*
 * One spin-wait hint for WorkerPool's busy-wait loops: PAUSE on x86-64 (lets the sibling
 * hyperthread run and avoids the memory-order mis-speculation penalty when the awaited store
 * lands), YIELD on aarch64, nothing elsewhere. Swift has no intrinsic for it (_mm_pause is not
 * importable), hence this shim.
 */
static inline void CResampleKernels_spinPause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

#endif
