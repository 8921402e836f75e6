#ifndef CMODELKERNELS_H
#define CMODELKERNELS_H
// OpenBLAS (Debian libopenblas-dev) and zlib, exposed to SRModels.
//
// Swift calls cblas_sgemm directly; the shims below exist because
// (1) zlib's z_stream is awkward to drive from Swift and its macros (inflateInit) are not
//     importable, and (2) openblas_set_num_threads is declared in OpenBLAS's cblas.h only,
//     so it is wrapped here with a prefixed name to keep one place that touches threading;
// (3) zlib's crc32 takes uInt lengths, so the wrapper feeds it in chunks.
#include <stddef.h>
#include <stdint.h>
#include <cblas.h>
#include <zlib.h>

/// Inflates a zlib stream, or a raw deflate stream when `raw` is non-zero (zip entries),
/// (`src`, `srcLength` bytes) into `dst` (capacity `dstCapacity`).
/// Returns 0 when the stream ended inside the buffer (`*produced` bytes written, `*consumed` input bytes read),
/// 1 when `dst` was too small (call again with a larger buffer), 2 when the input ended before the stream did
/// (truncated), -1 on corrupt data; `message` (capacity `messageCapacity`) receives zlib's reason.
/// For 1 and 2 `*produced` is what was written before stopping (all of `dst` for 1), so a caller can
/// inflate just a prefix (a MAT element's header) by passing a small buffer.
int CModelKernels_inflate(const uint8_t *src, size_t srcLength, uint8_t *dst, size_t dstCapacity, int raw,
                          size_t *produced, size_t *consumed, char *message, size_t messageCapacity);

/// Makes OpenBLAS run each call on the calling thread; SRModels parallelises over image bands
/// itself, so OpenBLAS's own pool would only oversubscribe the cores.
void CModelKernels_singleThreadedBLAS(void);

/// CRC-32 (zip's checksum) of `length` bytes.
uint32_t CModelKernels_crc32(const uint8_t *data, size_t length);

#endif
