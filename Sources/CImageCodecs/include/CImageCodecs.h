#ifndef CIMAGECODECS_H
#define CIMAGECODECS_H
/*
 * C shims over libpng (simplified png_image_* API only), libjpeg-turbo and libtiff.
 *
 * Conventions, fixed by STYLE.md rule 6:
 *   - every symbol is prefixed CImageCodecs_;
 *   - every function returns a CImageCodecs_STATUS_* code and, on failure, writes a short
 *     NUL-terminated reason into the caller-owned buffer (msg, msglen);
 *   - pixel buffers are owned by the caller (Swift allocates after checking the pixel limit);
 *     the only buffers allocated here are encoder outputs, released with CImageCodecs_free;
 *   - no longjmp ever leaves the C function that called setjmp (jpeg.c), libpng is used without
 *     setjmp (simplified API), libtiff reports through a per-handle handler, never a global one.
 * Only Sources/SRImage/Codecs/ *Codec.swift include this module.
 */
#include <stddef.h>
#include <stdint.h>

/* Status codes; mirrored by SRImage's CodecStatus (Codecs/CodecStatus.swift). */
#define CImageCodecs_STATUS_OK 0
/* The bytes claim the format but are damaged or end early. */
#define CImageCodecs_STATUS_CORRUPT 1
/* A valid file of a variant SRKit refuses (CMYK JPEG, 32-bit TIFF, ...). */
#define CImageCodecs_STATUS_UNSUPPORTED 2
/* An allocation failed or the caller's buffer does not match the image. */
#define CImageCodecs_STATUS_RESOURCE 3

/* Colour models reported by the *_info functions (ImageInfo.colorModel in Swift). */
#define CImageCodecs_MODEL_GRAY 0
#define CImageCodecs_MODEL_GRAY_ALPHA 1
#define CImageCodecs_MODEL_RGB 2
#define CImageCodecs_MODEL_RGBA 3
#define CImageCodecs_MODEL_PALETTE 4
#define CImageCodecs_MODEL_CMYK 5
#define CImageCodecs_MODEL_YCCK 6

/* What a file declares, read without decoding any pixel. */
typedef struct CImageCodecs_Info {
    uint32_t width;
    uint32_t height;
    /* Samples per pixel stored in the file, alpha included (palette counts as 3). */
    int32_t sourceChannels;
    /* Bits per stored sample (1, 2, 4, 8, 12 or 16). */
    int32_t bitDepth;
    /* One of CImageCodecs_MODEL_*. */
    int32_t colorModel;
    /* Channels the decoder will write: sourceChannels minus alpha, palette/YCbCr as 3. */
    int32_t outputChannels;
} CImageCodecs_Info;

/* Releases a buffer returned by an encoder. */
void CImageCodecs_free(void *buffer);

/* ---- PNG (png.c) ---- */
int CImageCodecs_png_info(const uint8_t *data, size_t length, CImageCodecs_Info *info,
                          char *msg, size_t msglen);
/* Decodes to `out` (width*height*outputChannels samples, 1 byte each, or 2 bytes native-endian
 * when wide != 0). wide requires a 16-bit file without alpha. */
int CImageCodecs_png_decode(const uint8_t *data, size_t length, int wide,
                            uint32_t width, uint32_t height, int32_t channels,
                            void *out, size_t outlen, char *msg, size_t msglen);
/* Encodes gray (channels 1) or RGB (3) samples, 8-bit or 16-bit native-endian (wide != 0);
 * level 0...9 is the zlib level of the IDAT stream. *output is released with CImageCodecs_free. */
int CImageCodecs_png_encode(const void *pixels, uint32_t width, uint32_t height, int32_t channels,
                            int wide, int level, uint8_t **output, size_t *outlen,
                            char *msg, size_t msglen);

/* ---- JPEG (jpeg.c) ---- */
int CImageCodecs_jpeg_info(const uint8_t *data, size_t length, CImageCodecs_Info *info,
                           char *msg, size_t msglen);
int CImageCodecs_jpeg_decode(const uint8_t *data, size_t length,
                             uint32_t width, uint32_t height, int32_t channels,
                             uint8_t *out, size_t outlen, char *msg, size_t msglen);
int CImageCodecs_jpeg_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int32_t channels,
                             int quality, uint8_t **output, size_t *outlen, char *msg, size_t msglen);

/* ---- TIFF (tiff.c) ---- */
int CImageCodecs_tiff_info(const uint8_t *data, size_t length, CImageCodecs_Info *info,
                           char *msg, size_t msglen);
/* Writes the file's samples with alpha dropped, 1 byte each for 8-bit files and 2 bytes
 * native-endian for 16-bit files (bytesPerSample must match the file). */
int CImageCodecs_tiff_decode(const uint8_t *data, size_t length,
                             uint32_t width, uint32_t height, int32_t channels, int32_t bytesPerSample,
                             uint8_t *out, size_t outlen, char *msg, size_t msglen);
int CImageCodecs_tiff_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int32_t channels,
                             uint8_t **output, size_t *outlen, char *msg, size_t msglen);

#endif
