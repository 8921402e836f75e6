#include "CResampleKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>
#include <stdlib.h>
#include <string.h>

#define AVX2 __attribute__((target("avx2,fma")))

/* Output rows per block: one per float of a ymm register, so the horizontal pass sees one
 * output row per lane and needs no gathers. */
#define LANES 8
/* Samples per column tile of the vertical pass: 12 ymm accumulators for one output row, which
 * leaves registers for the weight and the address; the tile's widened input rows (44 at x1/4,
 * 17 KB) stay in L1. */
#define TILE 96

int CResampleKernels_available(void) {
    static int cached = -1;
    int value = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (value < 0) {
        __builtin_cpu_init();
        value = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
        __atomic_store_n(&cached, value, __ATOMIC_RELAXED);
    }
    return value;
}

/* Bytes src[0..<n] as floats into dst, four vectors per step (the loop overhead was half the
 * instructions of a one-vector loop). */
AVX2 static void widen(const uint8_t *src, float *dst, ptrdiff_t n) {
    ptrdiff_t i = 0;
#define WIDEN8(k) _mm256_storeu_ps(dst + i + (k), _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32( \
        _mm_loadl_epi64((const __m128i *)(src + i + (k))))))
    for (; i + 32 <= n; i += 32) { WIDEN8(0); WIDEN8(8); WIDEN8(16); WIDEN8(24); }
    for (; i + 8 <= n; i += 8) WIDEN8(0);
#undef WIDEN8
    for (; i < n; i++) dst[i] = (float)src[i];
}

/* out[i] = sum_j w[j] * rows[j][t0 + i] for i < n. */
AVX2 static void verticalTile(const float *const *rows, ptrdiff_t t0, const float *w, ptrdiff_t taps,
                              ptrdiff_t n, float *out) {
    ptrdiff_t i = 0;
    if (n == TILE) {
        const float *r = rows[0] + t0;
        __m256 wj = _mm256_broadcast_ss(w);
        __m256 a0 = _mm256_mul_ps(wj, _mm256_loadu_ps(r)), a1 = _mm256_mul_ps(wj, _mm256_loadu_ps(r + 8));
        __m256 a2 = _mm256_mul_ps(wj, _mm256_loadu_ps(r + 16)), a3 = _mm256_mul_ps(wj, _mm256_loadu_ps(r + 24));
        __m256 a4 = _mm256_mul_ps(wj, _mm256_loadu_ps(r + 32)), a5 = _mm256_mul_ps(wj, _mm256_loadu_ps(r + 40));
        __m256 a6 = _mm256_mul_ps(wj, _mm256_loadu_ps(r + 48)), a7 = _mm256_mul_ps(wj, _mm256_loadu_ps(r + 56));
        __m256 a8 = _mm256_mul_ps(wj, _mm256_loadu_ps(r + 64)), a9 = _mm256_mul_ps(wj, _mm256_loadu_ps(r + 72));
        __m256 a10 = _mm256_mul_ps(wj, _mm256_loadu_ps(r + 80)), a11 = _mm256_mul_ps(wj, _mm256_loadu_ps(r + 88));
        for (ptrdiff_t j = 1; j < taps; j++) {
            r = rows[j] + t0;
            wj = _mm256_broadcast_ss(w + j);
            a0 = _mm256_fmadd_ps(wj, _mm256_loadu_ps(r), a0);
            a1 = _mm256_fmadd_ps(wj, _mm256_loadu_ps(r + 8), a1);
            a2 = _mm256_fmadd_ps(wj, _mm256_loadu_ps(r + 16), a2);
            a3 = _mm256_fmadd_ps(wj, _mm256_loadu_ps(r + 24), a3);
            a4 = _mm256_fmadd_ps(wj, _mm256_loadu_ps(r + 32), a4);
            a5 = _mm256_fmadd_ps(wj, _mm256_loadu_ps(r + 40), a5);
            a6 = _mm256_fmadd_ps(wj, _mm256_loadu_ps(r + 48), a6);
            a7 = _mm256_fmadd_ps(wj, _mm256_loadu_ps(r + 56), a7);
            a8 = _mm256_fmadd_ps(wj, _mm256_loadu_ps(r + 64), a8);
            a9 = _mm256_fmadd_ps(wj, _mm256_loadu_ps(r + 72), a9);
            a10 = _mm256_fmadd_ps(wj, _mm256_loadu_ps(r + 80), a10);
            a11 = _mm256_fmadd_ps(wj, _mm256_loadu_ps(r + 88), a11);
        }
        _mm256_storeu_ps(out, a0); _mm256_storeu_ps(out + 8, a1); _mm256_storeu_ps(out + 16, a2);
        _mm256_storeu_ps(out + 24, a3); _mm256_storeu_ps(out + 32, a4); _mm256_storeu_ps(out + 40, a5);
        _mm256_storeu_ps(out + 48, a6); _mm256_storeu_ps(out + 56, a7); _mm256_storeu_ps(out + 64, a8);
        _mm256_storeu_ps(out + 72, a9); _mm256_storeu_ps(out + 80, a10); _mm256_storeu_ps(out + 88, a11);
        return;
    }
    for (; i + 8 <= n; i += 8) {
        __m256 a = _mm256_mul_ps(_mm256_broadcast_ss(w), _mm256_loadu_ps(rows[0] + t0 + i));
        for (ptrdiff_t j = 1; j < taps; j++)
            a = _mm256_fmadd_ps(_mm256_broadcast_ss(w + j), _mm256_loadu_ps(rows[j] + t0 + i), a);
        _mm256_storeu_ps(out + i, a);
    }
    for (; i < n; i++) {
        float a = w[0] * rows[0][t0 + i];
        for (ptrdiff_t j = 1; j < taps; j++) a = __builtin_fmaf(w[j], rows[j][t0 + i], a);
        out[i] = a;
    }
}

/* Transposes the 8x8 tile whose row k starts at in + k * inStride into out + k * outStride. */
AVX2 static inline void transpose8(const float *in, ptrdiff_t inStride, float *out, ptrdiff_t outStride) {
    __m256 r0 = _mm256_loadu_ps(in), r1 = _mm256_loadu_ps(in + inStride);
    __m256 r2 = _mm256_loadu_ps(in + 2 * inStride), r3 = _mm256_loadu_ps(in + 3 * inStride);
    __m256 r4 = _mm256_loadu_ps(in + 4 * inStride), r5 = _mm256_loadu_ps(in + 5 * inStride);
    __m256 r6 = _mm256_loadu_ps(in + 6 * inStride), r7 = _mm256_loadu_ps(in + 7 * inStride);
    __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1);
    __m256 t2 = _mm256_unpacklo_ps(r2, r3), t3 = _mm256_unpackhi_ps(r2, r3);
    __m256 t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5);
    __m256 t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
    __m256 s0 = _mm256_shuffle_ps(t0, t2, 0x44), s1 = _mm256_shuffle_ps(t0, t2, 0xEE);
    __m256 s2 = _mm256_shuffle_ps(t1, t3, 0x44), s3 = _mm256_shuffle_ps(t1, t3, 0xEE);
    __m256 s4 = _mm256_shuffle_ps(t4, t6, 0x44), s5 = _mm256_shuffle_ps(t4, t6, 0xEE);
    __m256 s6 = _mm256_shuffle_ps(t5, t7, 0x44), s7 = _mm256_shuffle_ps(t5, t7, 0xEE);
    _mm256_storeu_ps(out, _mm256_permute2f128_ps(s0, s4, 0x20));
    _mm256_storeu_ps(out + outStride, _mm256_permute2f128_ps(s1, s5, 0x20));
    _mm256_storeu_ps(out + 2 * outStride, _mm256_permute2f128_ps(s2, s6, 0x20));
    _mm256_storeu_ps(out + 3 * outStride, _mm256_permute2f128_ps(s3, s7, 0x20));
    _mm256_storeu_ps(out + 4 * outStride, _mm256_permute2f128_ps(s0, s4, 0x31));
    _mm256_storeu_ps(out + 5 * outStride, _mm256_permute2f128_ps(s1, s5, 0x31));
    _mm256_storeu_ps(out + 6 * outStride, _mm256_permute2f128_ps(s2, s6, 0x31));
    _mm256_storeu_ps(out + 7 * outStride, _mm256_permute2f128_ps(s3, s7, 0x31));
}

/* The horizontal pass on a transposed block (block[k * LANES + lane] = sample k of lane's
 * row), results likewise: results[(x * channels + c) * LANES + lane]. */
AVX2 static void horizontalBlock(const float *block, ptrdiff_t channels, const float *hw, const int32_t *hi,
                                 ptrdiff_t taps, ptrdiff_t outputs, float *results) {
    ptrdiff_t x = 0;
    if (channels == 3) {
        /* Two columns at a time: six independent dependency chains hide the FMA latency. */
        for (; x + 2 <= outputs; x += 2) {
            const float *wa = hw + x * taps, *wb = wa + taps;
            const int32_t *ia = hi + x * taps, *ib = ia + taps;
            __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, b0 = a0, b1 = a0, b2 = a0;
            for (ptrdiff_t j = 0; j < taps; j++) {
                const float *p = block + (ptrdiff_t)ia[j] * 3 * LANES;
                const float *q = block + (ptrdiff_t)ib[j] * 3 * LANES;
                __m256 u = _mm256_broadcast_ss(wa + j), v = _mm256_broadcast_ss(wb + j);
                a0 = _mm256_fmadd_ps(u, _mm256_loadu_ps(p), a0);
                a1 = _mm256_fmadd_ps(u, _mm256_loadu_ps(p + LANES), a1);
                a2 = _mm256_fmadd_ps(u, _mm256_loadu_ps(p + 2 * LANES), a2);
                b0 = _mm256_fmadd_ps(v, _mm256_loadu_ps(q), b0);
                b1 = _mm256_fmadd_ps(v, _mm256_loadu_ps(q + LANES), b1);
                b2 = _mm256_fmadd_ps(v, _mm256_loadu_ps(q + 2 * LANES), b2);
            }
            float *o = results + x * 3 * LANES;
            _mm256_storeu_ps(o, a0); _mm256_storeu_ps(o + LANES, a1); _mm256_storeu_ps(o + 2 * LANES, a2);
            _mm256_storeu_ps(o + 3 * LANES, b0); _mm256_storeu_ps(o + 4 * LANES, b1); _mm256_storeu_ps(o + 5 * LANES, b2);
        }
    }
    for (; x < outputs; x++) {
        const float *wx = hw + x * taps;
        const int32_t *ix = hi + x * taps;
        for (ptrdiff_t c = 0; c < channels; c++) {
            __m256 s = _mm256_setzero_ps();
            for (ptrdiff_t j = 0; j < taps; j++)
                s = _mm256_fmadd_ps(_mm256_broadcast_ss(wx + j),
                                    _mm256_loadu_ps(block + ((ptrdiff_t)ix[j] * channels + c) * LANES), s);
            _mm256_storeu_ps(results + (x * channels + c) * LANES, s);
        }
    }
}

/* Rounds values[0..<n] to bytes (clipped to 0...255, ties to even: cvtps under the default
 * MXCSR, the same bytes as the portable path's 1.5 * 2^23 trick) and appends base + i to
 * flagged for every value whose distance from its nearest integer is at least limit (near a
 * tie, so the caller recomputes it exactly). Returns the number appended. */
AVX2 static ptrdiff_t roundRow(const float *values, ptrdiff_t n, float limit, uint8_t *out,
                               int32_t *flagged, int32_t base) {
    const __m256 zero = _mm256_setzero_ps(), top = _mm256_set1_ps(255), lim = _mm256_set1_ps(limit);
    const __m256 sign = _mm256_set1_ps(-0.0f);
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    ptrdiff_t count = 0, i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256 x0 = _mm256_loadu_ps(values + i), x1 = _mm256_loadu_ps(values + i + 8);
        __m256 x2 = _mm256_loadu_ps(values + i + 16), x3 = _mm256_loadu_ps(values + i + 24);
        __m256i r0 = _mm256_cvtps_epi32(_mm256_min_ps(_mm256_max_ps(x0, zero), top));
        __m256i r1 = _mm256_cvtps_epi32(_mm256_min_ps(_mm256_max_ps(x1, zero), top));
        __m256i r2 = _mm256_cvtps_epi32(_mm256_min_ps(_mm256_max_ps(x2, zero), top));
        __m256i r3 = _mm256_cvtps_epi32(_mm256_min_ps(_mm256_max_ps(x3, zero), top));
        __m256i bytes = _mm256_packus_epi16(_mm256_packus_epi32(r0, r1), _mm256_packus_epi32(r2, r3));
        _mm256_storeu_si256((__m256i *)(out + i), _mm256_permutevar8x32_epi32(bytes, order));
#define NEAR(x) _mm256_movemask_ps(_mm256_cmp_ps(_mm256_andnot_ps(sign, _mm256_sub_ps(x, \
        _mm256_round_ps(x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC))), lim, _CMP_GE_OQ))
        uint32_t near = (uint32_t)NEAR(x0) | (uint32_t)NEAR(x1) << 8 | (uint32_t)NEAR(x2) << 16 | (uint32_t)NEAR(x3) << 24;
#undef NEAR
        while (near) {
            flagged[count++] = base + (int32_t)i + __builtin_ctz(near);
            near &= near - 1;
        }
    }
    for (; i < n; i++) {
        const float x = values[i];
        const float clipped = x > 0 ? (x < 255 ? x : 255) : 0;
        out[i] = (uint8_t)_mm_cvtss_si32(_mm_set_ss(clipped));
        const float d = x - _mm_cvtss_f32(_mm_round_ss(_mm_setzero_ps(), _mm_set_ss(x), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
        if (d >= limit || d <= -limit) flagged[count++] = base + (int32_t)i;
    }
    return count;
}

AVX2 static int verticalFirstRowsAVX2(
    const uint8_t *source, ptrdiff_t inputWidth, ptrdiff_t channels,
    const float *vw, const int32_t *vi, ptrdiff_t vtaps,
    const float *hw, const int32_t *hi, ptrdiff_t htaps,
    ptrdiff_t outputWidth, ptrdiff_t rowStart, ptrdiff_t rowEnd, float limit, uint8_t *out,
    int32_t *flagged, ptrdiff_t *flaggedCount) {
    const ptrdiff_t inLen = inputWidth * channels, outLen = outputWidth * channels;
    int32_t *const start = flagged;
    /* The most input rows one block of LANES output rows reads: the ring of widened rows holds
     * that many, so a block's rows never evict each other, and each input row is widened once
     * per band (rows shared by consecutive blocks stay in the ring). */
    ptrdiff_t slots = 1;
    for (ptrdiff_t first = rowStart; first < rowEnd; first += LANES) {
        ptrdiff_t end = first + LANES < rowEnd ? first + LANES : rowEnd;
        int32_t lo = INT32_MAX, hi32 = INT32_MIN;
        for (ptrdiff_t k = first * vtaps; k < end * vtaps; k++) {
            lo = vi[k] < lo ? vi[k] : lo;
            hi32 = vi[k] > hi32 ? vi[k] : hi32;
        }
        if (hi32 - lo + 1 > slots) slots = hi32 - lo + 1;
    }
    const size_t floats = (size_t)slots * inLen + LANES * TILE + (size_t)inLen * LANES + 2 * (size_t)outLen * LANES;
    const size_t pointers = (size_t)slots + (size_t)LANES * vtaps;
    float *scratch = malloc(floats * sizeof(float) + pointers * sizeof(void *) + (size_t)slots * sizeof(ptrdiff_t) + 64);
    if (!scratch) return CResampleKernels_STATUS_RESOURCE;
    float *ring = scratch;                               /* slots rows of inLen, widened */
    float *tile = ring + (size_t)slots * inLen;          /* LANES rows x TILE, vertical results */
    float *block = tile + LANES * TILE;                  /* inLen x LANES, transposed */
    float *results = block + (size_t)inLen * LANES;      /* outLen x LANES */
    float *rows = results + (size_t)outLen * LANES;      /* LANES rows of outLen */
    uintptr_t after = ((uintptr_t)(rows + (size_t)outLen * LANES) + 15) & ~(uintptr_t)15;
    const float **tapRows = (const float **)after;       /* LANES x vtaps row pointers */
    ptrdiff_t *tags = (ptrdiff_t *)(tapRows + (size_t)LANES * vtaps); /* input row in each slot */
    for (ptrdiff_t k = 0; k < slots; k++) tags[k] = -1;
    /* Lanes past the band's last row are computed from zeros and dropped. */
    memset(tile, 0, LANES * TILE * sizeof(float));

    for (ptrdiff_t first = rowStart; first < rowEnd; first += LANES) {
        const ptrdiff_t count = rowEnd - first < LANES ? rowEnd - first : LANES;
        for (ptrdiff_t k = first * vtaps; k < (first + count) * vtaps; k++) {
            const ptrdiff_t row = vi[k], slot = row % slots;
            float *wide = ring + slot * inLen;
            if (tags[slot] != row) {
                widen(source + row * inLen, wide, inLen);
                tags[slot] = row;
            }
            tapRows[k - first * vtaps] = wide;
        }
        for (ptrdiff_t t0 = 0; t0 < inLen; t0 += TILE) {
            const ptrdiff_t n = inLen - t0 < TILE ? inLen - t0 : TILE;
            for (ptrdiff_t l = 0; l < count; l++)
                verticalTile(tapRows + l * vtaps, t0, vw + (first + l) * vtaps, vtaps, n, tile + l * TILE);
            ptrdiff_t i = 0;
            for (; i + 8 <= n; i += 8) transpose8(tile + i, TILE, block + (t0 + i) * LANES, LANES);
            for (; i < n; i++)
                for (ptrdiff_t l = 0; l < LANES; l++) block[(t0 + i) * LANES + l] = tile[l * TILE + i];
        }
        horizontalBlock(block, channels, hw, hi, htaps, outputWidth, results);
        ptrdiff_t o = 0;
        for (; o + 8 <= outLen; o += 8) transpose8(results + o * LANES, LANES, rows + o, outLen);
        for (; o < outLen; o++)
            for (ptrdiff_t l = 0; l < LANES; l++) rows[l * outLen + o] = results[o * LANES + l];
        for (ptrdiff_t l = 0; l < count; l++) {
            const ptrdiff_t r = first - rowStart + l;
            flagged += roundRow(rows + l * outLen, outLen, limit, out + r * outLen, flagged, (int32_t)(r * outLen));
        }
    }
    *flaggedCount = flagged - start;
    free(scratch);
    return CResampleKernels_STATUS_OK;
}

int CResampleKernels_verticalFirstRows(
    const uint8_t *source, ptrdiff_t inputWidth, ptrdiff_t channels,
    const float *verticalWeights, const int32_t *verticalIndices, ptrdiff_t verticalTaps,
    const float *horizontalWeights, const int32_t *horizontalIndices, ptrdiff_t horizontalTaps,
    ptrdiff_t outputWidth, ptrdiff_t rowStart, ptrdiff_t rowEnd, float limit, uint8_t *out,
    int32_t *flagged, ptrdiff_t *flaggedCount) {
    *flaggedCount = 0;
    if (!CResampleKernels_available()) return CResampleKernels_STATUS_UNAVAILABLE;
    return verticalFirstRowsAVX2(source, inputWidth, channels, verticalWeights, verticalIndices, verticalTaps,
                                 horizontalWeights, horizontalIndices, horizontalTaps, outputWidth,
                                 rowStart, rowEnd, limit, out, flagged, flaggedCount);
}

/* Four intermediates (columns) per vector, the taps in order: the same operations as the
 * scalar Double path, a fifth of its instructions (the repair was 17 % of a x1/4 resize). */
AVX2 static double exactVerticalFirstAVX2(
    const uint8_t *source, ptrdiff_t inLen, ptrdiff_t channels, ptrdiff_t channel,
    const double *vw, const int32_t *vi, ptrdiff_t vtaps, const double *hw, const int32_t *hi, ptrdiff_t htaps) {
#pragma clang fp contract(off)
    double m[64];
    ptrdiff_t j = 0;
    for (; j + 4 <= htaps && j + 4 <= 64; j += 4) {
        const ptrdiff_t k0 = hi[j] * channels + channel, k1 = hi[j + 1] * channels + channel;
        const ptrdiff_t k2 = hi[j + 2] * channels + channel, k3 = hi[j + 3] * channels + channel;
        const uint8_t *row = source + (ptrdiff_t)vi[0] * inLen;
        __m256d x = _mm256_cvtepi32_pd(_mm_setr_epi32(row[k0], row[k1], row[k2], row[k3]));
        __m256d a = _mm256_mul_pd(_mm256_set1_pd(vw[0]), x);
        for (ptrdiff_t t = 1; t < vtaps; t++) {
            row = source + (ptrdiff_t)vi[t] * inLen;
            x = _mm256_cvtepi32_pd(_mm_setr_epi32(row[k0], row[k1], row[k2], row[k3]));
            a = _mm256_add_pd(a, _mm256_mul_pd(_mm256_set1_pd(vw[t]), x));
        }
        _mm256_storeu_pd(m + j, a);
    }
    double s = 0;
    for (ptrdiff_t q = 0; q < j; q++) s += hw[q] * m[q];
    for (; j < htaps; j++) {
        const ptrdiff_t k = hi[j] * channels + channel;
        double a = vw[0] * (double)source[(ptrdiff_t)vi[0] * inLen + k];
        for (ptrdiff_t t = 1; t < vtaps; t++) a += vw[t] * (double)source[(ptrdiff_t)vi[t] * inLen + k];
        s += hw[j] * a;
    }
    return s;
}

int CResampleKernels_exactVerticalFirst(
    const uint8_t *source, ptrdiff_t inputWidth, ptrdiff_t channels, ptrdiff_t channel,
    const double *vw, const int32_t *vi, ptrdiff_t verticalTaps,
    const double *hw, const int32_t *hi, ptrdiff_t horizontalTaps, double *value) {
    if (!CResampleKernels_available()) return CResampleKernels_STATUS_UNAVAILABLE;
    *value = exactVerticalFirstAVX2(source, inputWidth * channels, channels, channel, vw, vi, verticalTaps,
                                    hw, hi, horizontalTaps);
    return CResampleKernels_STATUS_OK;
}

#else

int CResampleKernels_available(void) { return 0; }

int CResampleKernels_verticalFirstRows(
    const uint8_t *source, ptrdiff_t inputWidth, ptrdiff_t channels,
    const float *verticalWeights, const int32_t *verticalIndices, ptrdiff_t verticalTaps,
    const float *horizontalWeights, const int32_t *horizontalIndices, ptrdiff_t horizontalTaps,
    ptrdiff_t outputWidth, ptrdiff_t rowStart, ptrdiff_t rowEnd, float limit, uint8_t *out,
    int32_t *flagged, ptrdiff_t *flaggedCount) {
    *flaggedCount = 0;
    (void)limit; (void)flagged; (void)source; (void)inputWidth; (void)channels; (void)verticalWeights; (void)verticalIndices;
    (void)verticalTaps; (void)horizontalWeights; (void)horizontalIndices; (void)horizontalTaps;
    (void)outputWidth; (void)rowStart; (void)rowEnd; (void)out;
    return CResampleKernels_STATUS_UNAVAILABLE;
}

int CResampleKernels_exactVerticalFirst(
    const uint8_t *source, ptrdiff_t inputWidth, ptrdiff_t channels, ptrdiff_t channel,
    const double *vw, const int32_t *vi, ptrdiff_t verticalTaps,
    const double *hw, const int32_t *hi, ptrdiff_t horizontalTaps, double *value) {
    (void)source; (void)inputWidth; (void)channels; (void)channel; (void)vw; (void)vi;
    (void)verticalTaps; (void)hw; (void)hi; (void)horizontalTaps; (void)value;
    return CResampleKernels_STATUS_UNAVAILABLE;
}

#endif
