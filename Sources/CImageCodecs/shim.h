#ifndef CIMAGECODECS_SHIM_H
#define CIMAGECODECS_SHIM_H
/* Private helpers shared by png.c, jpeg.c and tiff.c; not part of the module's public header. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Formats a reason into the caller-owned buffer; every failing path goes through here so the
 * buffer is always NUL-terminated and never overrun, whatever the library's message length. */
static inline int cic_fail(int status, char *msg, size_t msglen, const char *format, ...)
{
    if (msg != NULL && msglen > 0) {
        va_list args;
        va_start(args, format);
        vsnprintf(msg, msglen, format, args);
        va_end(args);
    }
    return status;
}

/* Big-endian 32-bit read, used to walk PNG chunk headers. */
static inline uint32_t cic_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

/* Big-endian 32-bit write, used to emit PNG chunk headers and CRCs. */
static inline void cic_put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* True when width * height * samplesPerPixel * bytesPerSample fits in size_t, storing it in *bytes.
 * Swift checks the pixel limit first; this guards the C side against a mismatched caller. */
static inline int cic_buffer_size(uint32_t width, uint32_t height, size_t samples, size_t *bytes)
{
    size_t pixels = (size_t)width * (size_t)height; /* cannot overflow on 64-bit */
    if (samples != 0 && pixels > SIZE_MAX / samples) return 0;
    *bytes = pixels * samples;
    return 1;
}
#endif
