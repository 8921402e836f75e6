#include "CModelKernels.h"
#include <string.h>

static void copy_message(char *message, size_t capacity, const char *text) {
    if (message == NULL || capacity == 0) return;
    if (text == NULL) text = "unknown zlib error";
    strncpy(message, text, capacity - 1);
    message[capacity - 1] = 0;
}

int CModelKernels_inflate(const uint8_t *src, size_t srcLength, uint8_t *dst, size_t dstCapacity, int raw,
                          size_t *produced, size_t *consumed, char *message, size_t messageCapacity) {
    z_stream s;
    memset(&s, 0, sizeof s);
    *produced = 0;
    *consumed = 0;
    if (inflateInit2(&s, raw ? -MAX_WBITS : MAX_WBITS) != Z_OK) { copy_message(message, messageCapacity, s.msg); return -1; }
    // zlib counts in uInt; MAT elements are at most 4 GiB, so feed in chunks to be safe.
    size_t inLeft = srcLength, outLeft = dstCapacity;
    const uint8_t *in = src;
    uint8_t *out = dst;
    int status = Z_OK;
    for (;;) {
        if (s.avail_in == 0 && inLeft > 0) {
            uInt chunk = inLeft > 0x40000000u ? 0x40000000u : (uInt)inLeft;
            s.next_in = (Bytef *)in; s.avail_in = chunk; in += chunk; inLeft -= chunk;
        }
        if (s.avail_out == 0 && outLeft > 0) {
            uInt chunk = outLeft > 0x40000000u ? 0x40000000u : (uInt)outLeft;
            s.next_out = out; s.avail_out = chunk; out += chunk; outLeft -= chunk;
        }
        status = inflate(&s, Z_NO_FLUSH);
        if (status == Z_STREAM_END) break;
        if (status == Z_OK) continue;
        if (status == Z_BUF_ERROR) {
            // No progress possible: either the output is full or the input ran out.
            if (s.avail_out == 0 && outLeft == 0) { *produced = (size_t)s.total_out; inflateEnd(&s); return 1; }
            if (s.avail_in == 0 && inLeft == 0) {
                copy_message(message, messageCapacity, "the compressed data ends before the zlib stream does");
                *produced = (size_t)s.total_out;
                inflateEnd(&s);
                return 2;
            }
            continue;
        }
        copy_message(message, messageCapacity, s.msg);
        inflateEnd(&s);
        return -1;
    }
    *produced = (size_t)s.total_out;
    *consumed = (size_t)s.total_in;
    inflateEnd(&s);
    return 0;
}

void CModelKernels_singleThreadedBLAS(void) { openblas_set_num_threads(1); }

uint32_t CModelKernels_crc32(const uint8_t *data, size_t length) {
    uLong crc = crc32(0L, Z_NULL, 0);
    while (length > 0) {
        uInt chunk = length > 0x40000000u ? 0x40000000u : (uInt)length;
        crc = crc32(crc, data, chunk);
        data += chunk;
        length -= chunk;
    }
    return (uint32_t)crc;
}
