/*
 * PNG through libpng's simplified API (png_image_*). No setjmp here: the simplified API catches
 * libpng's longjmp internally and reports failure through its return value and image.message.
 */
#include <png.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "CImageCodecs.h"
#include "shim.h"

/* Colour-space chunks make the simplified API convert samples (gAMA != sRGB, a 16-bit file
 * tagged sRGB read as linear, ...). SRKit must return the stored values, as Pillow and OpenCV do
 * (both ignore gamma), so these chunks are removed before libpng sees the stream. */
static int is_colour_space_chunk(const uint8_t *type)
{
    return memcmp(type, "gAMA", 4) == 0 || memcmp(type, "cHRM", 4) == 0 ||
           memcmp(type, "sRGB", 4) == 0 || memcmp(type, "iCCP", 4) == 0;
}

/* Copies a PNG stream without its colour-space chunks. Whole chunks are dropped, so the CRCs of
 * the others stay valid; a chunk that runs past the end is copied verbatim with the rest, so
 * libpng still sees (and reports) the truncation. Returns NULL only when malloc fails. */
static uint8_t *copy_without_colour_chunks(const uint8_t *data, size_t length, size_t *outlen)
{
    uint8_t *copy = malloc(length > 0 ? length : 1);
    if (copy == NULL) return NULL;
    size_t in = 0, out = 0;
    if (length >= 8) {
        memcpy(copy, data, 8);
        in = out = 8;
        while (length - in >= 12) {
            uint32_t n = cic_be32(data + in);
            if (n > length - in - 12) break;
            size_t total = (size_t)n + 12;
            if (!is_colour_space_chunk(data + in + 4)) {
                memcpy(copy + out, data + in, total);
                out += total;
            }
            in += total;
        }
    }
    memcpy(copy + out, data + in, length - in);
    *outlen = out + (length - in);
    return copy;
}

/* Reads the header only (png_image_begin_read_from_memory), so Swift can check the pixel limit
 * before any pixel buffer exists. Bit depth and colour type come from IHDR, which libpng has
 * just validated (signature, position right after it, CRC) but does not expose. */
int CImageCodecs_png_info(const uint8_t *data, size_t length, CImageCodecs_Info *info,
                          char *msg, size_t msglen)
{
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, data, length)) {
        int status = cic_fail(CImageCodecs_STATUS_CORRUPT, msg, msglen, "%s", image.message);
        png_image_free(&image);
        return status;
    }
    png_image_free(&image);
    if (length < 26) {
        return cic_fail(CImageCodecs_STATUS_CORRUPT, msg, msglen, "IHDR missing");
    }
    int depth = data[24];
    int colourType = data[25];
    info->width = image.width;
    info->height = image.height;
    info->bitDepth = depth;
    switch (colourType) {
    case 0: info->colorModel = CImageCodecs_MODEL_GRAY; info->sourceChannels = 1; break;
    case 2: info->colorModel = CImageCodecs_MODEL_RGB; info->sourceChannels = 3; break;
    case 3: info->colorModel = CImageCodecs_MODEL_PALETTE; info->sourceChannels = 3; break;
    case 4: info->colorModel = CImageCodecs_MODEL_GRAY_ALPHA; info->sourceChannels = 2; break;
    case 6: info->colorModel = CImageCodecs_MODEL_RGBA; info->sourceChannels = 4; break;
    default:
        return cic_fail(CImageCodecs_STATUS_CORRUPT, msg, msglen, "invalid colour type %d", colourType);
    }
    info->outputChannels = (image.format & PNG_FORMAT_FLAG_COLOR) ? 3 : 1;
    return CImageCodecs_STATUS_OK;
}

/* Decodes with png_image_begin_read_from_memory + png_image_finish_read in the file's own
 * layout (grey or colour, alpha kept when present, palette expanded) and drops alpha here.
 * Alpha is requested rather than removed by libpng because removing it makes libpng composite
 * onto a background, changing the colour values; Pillow's convert("RGB"/"L") just drops it.
 * 8-bit output of a 16-bit file sets PNG_IMAGE_FLAG_16BIT_sRGB so no gamma curve is applied and
 * libpng's png_set_scale_16 gives round(v / 257) exactly. 16-bit output (wide) of a file without
 * alpha is the stored values (linear in, linear out). With alpha the simplified API only returns
 * 16-bit colour premultiplied by alpha, which loses the stored values, so wide refuses it. */
int CImageCodecs_png_decode(const uint8_t *data, size_t length, int wide,
                            uint32_t width, uint32_t height, int32_t channels,
                            void *out, size_t outlen, char *msg, size_t msglen)
{
    size_t cleanLength = 0;
    uint8_t *clean = copy_without_colour_chunks(data, length, &cleanLength);
    if (clean == NULL) {
        return cic_fail(CImageCodecs_STATUS_RESOURCE, msg, msglen, "out of memory copying %zu bytes", length);
    }
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    int status = CImageCodecs_STATUS_OK;
    void *buffer = NULL;
    if (!png_image_begin_read_from_memory(&image, clean, cleanLength)) {
        status = cic_fail(CImageCodecs_STATUS_CORRUPT, msg, msglen, "%s", image.message);
        goto done;
    }
    png_uint_32 format = image.format & ~(png_uint_32)PNG_FORMAT_FLAG_COLORMAP;
    int fileWide = (format & PNG_FORMAT_FLAG_LINEAR) != 0;
    int alpha = (format & PNG_FORMAT_FLAG_ALPHA) != 0;
    int colourChannels = (format & PNG_FORMAT_FLAG_COLOR) ? 3 : 1;
    if (image.width != width || image.height != height || colourChannels != channels) {
        status = cic_fail(CImageCodecs_STATUS_RESOURCE, msg, msglen,
                          "header changed between reads (%ux%u)", image.width, image.height);
        goto done;
    }
    if (wide) {
        if (!fileWide) {
            status = cic_fail(CImageCodecs_STATUS_UNSUPPORTED, msg, msglen, "16-bit output needs a 16-bit file");
            goto done;
        }
        if (alpha) {
            status = cic_fail(CImageCodecs_STATUS_UNSUPPORTED, msg, msglen,
                              "16-bit samples with alpha are only available premultiplied from libpng's simplified API, "
                              "so their stored values cannot be recovered; decode to 8 bits instead");
            goto done;
        }
    } else {
        format &= ~(png_uint_32)PNG_FORMAT_FLAG_LINEAR;
        if (fileWide) image.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
    }
    image.format = format;
    size_t sampleBytes = wide ? 2 : 1;
    size_t inSamples = (size_t)PNG_IMAGE_SAMPLE_CHANNELS(format);
    size_t inBytes = 0, outBytes = 0;
    if (!cic_buffer_size(width, height, inSamples * sampleBytes, &inBytes) ||
        !cic_buffer_size(width, height, (size_t)channels * sampleBytes, &outBytes) || outBytes != outlen) {
        status = cic_fail(CImageCodecs_STATUS_RESOURCE, msg, msglen, "output buffer does not match %ux%u", width, height);
        goto done;
    }
    buffer = alpha ? malloc(inBytes > 0 ? inBytes : 1) : out;
    if (buffer == NULL) {
        status = cic_fail(CImageCodecs_STATUS_RESOURCE, msg, msglen, "out of memory for %zu bytes", inBytes);
        goto done;
    }
    if (!png_image_finish_read(&image, NULL, buffer, 0, NULL)) {
        status = cic_fail(CImageCodecs_STATUS_CORRUPT, msg, msglen, "%s", image.message);
        goto done;
    }
    if (alpha) {
        /* Alpha is the last sample of each pixel (no AFIRST flag); copy the colour samples. */
        size_t pixels = (size_t)width * height;
        size_t keep = (size_t)channels * sampleBytes, stride = inSamples * sampleBytes;
        const uint8_t *src = buffer;
        uint8_t *dst = out;
        for (size_t i = 0; i < pixels; i++) memcpy(dst + i * keep, src + i * stride, keep);
    }
done:
    png_image_free(&image);
    if (buffer != NULL && buffer != out) free(buffer);
    free(clean);
    return status;
}

/* Appends one chunk (length, type, data, CRC) at *at; the caller sized the buffer. */
static void put_chunk(uint8_t *base, size_t *at, const char *type, const uint8_t *data, size_t n)
{
    uint8_t *p = base + *at;
    cic_put_be32(p, (uint32_t)n);
    memcpy(p + 4, type, 4);
    if (n > 0) memcpy(p + 8, data, n);
    uLong crc = crc32(0L, p + 4, (uInt)(n + 4));
    cic_put_be32(p + 8 + n, (uint32_t)crc);
    *at += n + 12;
}

/* Rewrites a PNG produced by png_image_write_to_memory: IDAT recompressed at zlib `level`
 * (the simplified API has no compression-level setting) and gAMA/cHRM dropped (16-bit writes
 * declare gamma 1.0, which would make gamma-aware readers change SRKit's values, which are not
 * light-linear). libpng's filtered scanlines are kept; only the deflate stream changes. */
static int recompress(const uint8_t *png, size_t length, size_t rawBytes, int level,
                      uint8_t **output, size_t *outlen, char *msg, size_t msglen)
{
    size_t idatTotal = 0;
    for (size_t at = 8; at + 12 <= length;) {
        uint32_t n = cic_be32(png + at);
        if (memcmp(png + at + 4, "IDAT", 4) == 0) idatTotal += n;
        at += (size_t)n + 12;
    }
    uint8_t *idat = malloc(idatTotal > 0 ? idatTotal : 1);
    uint8_t *raw = malloc(rawBytes > 0 ? rawBytes : 1);
    uLong boundBytes = compressBound((uLong)rawBytes);
    uint8_t *deflated = malloc(boundBytes);
    /* Chunk headers: IDAT split every 1 MiB, plus the original non-IDAT chunks. */
    size_t capacity = length + (size_t)boundBytes + 12 * ((size_t)boundBytes / (1u << 20) + 1);
    uint8_t *result = malloc(capacity);
    int status = CImageCodecs_STATUS_OK;
    if (idat == NULL || raw == NULL || deflated == NULL || result == NULL) {
        status = cic_fail(CImageCodecs_STATUS_RESOURCE, msg, msglen, "out of memory recompressing %zu bytes", rawBytes);
        goto done;
    }
    size_t gathered = 0;
    for (size_t at = 8; at + 12 <= length;) {
        uint32_t n = cic_be32(png + at);
        if (memcmp(png + at + 4, "IDAT", 4) == 0) {
            memcpy(idat + gathered, png + at + 8, n);
            gathered += n;
        }
        at += (size_t)n + 12;
    }
    uLongf inflatedBytes = (uLongf)rawBytes;
    if (uncompress(raw, &inflatedBytes, idat, (uLong)idatTotal) != Z_OK || inflatedBytes != rawBytes) {
        status = cic_fail(CImageCodecs_STATUS_RESOURCE, msg, msglen, "libpng's IDAT stream did not inflate to %zu bytes", rawBytes);
        goto done;
    }
    uLongf deflatedBytes = boundBytes;
    if (compress2(deflated, &deflatedBytes, raw, (uLong)rawBytes, level) != Z_OK) {
        status = cic_fail(CImageCodecs_STATUS_RESOURCE, msg, msglen, "zlib compress2 failed at level %d", level);
        goto done;
    }
    size_t out = 8;
    memcpy(result, png, 8);
    int wroteIDAT = 0;
    for (size_t at = 8; at + 12 <= length;) {
        uint32_t n = cic_be32(png + at);
        const uint8_t *type = png + at + 4;
        if (memcmp(type, "IDAT", 4) == 0) {
            if (!wroteIDAT) {
                for (size_t off = 0; off < deflatedBytes; off += (1u << 20)) {
                    size_t piece = deflatedBytes - off < (1u << 20) ? deflatedBytes - off : (1u << 20);
                    put_chunk(result, &out, "IDAT", deflated + off, piece);
                }
                wroteIDAT = 1;
            }
        } else if (memcmp(type, "gAMA", 4) != 0 && memcmp(type, "cHRM", 4) != 0) {
            memcpy(result + out, png + at, (size_t)n + 12);
            out += (size_t)n + 12;
        }
        at += (size_t)n + 12;
    }
    *output = result;
    *outlen = out;
    result = NULL;
done:
    free(idat);
    free(raw);
    free(deflated);
    free(result);
    return status;
}

/* Encodes with png_image_write_to_memory (8-bit sRGB or 16-bit "linear" formats, which libpng
 * stores unchanged when there is no alpha), then recompresses at the requested level. */
int CImageCodecs_png_encode(const void *pixels, uint32_t width, uint32_t height, int32_t channels,
                            int wide, int level, uint8_t **output, size_t *outlen,
                            char *msg, size_t msglen)
{
    if ((channels != 1 && channels != 3) || level < 0 || level > 9) {
        return cic_fail(CImageCodecs_STATUS_UNSUPPORTED, msg, msglen, "channels %d / level %d", channels, level);
    }
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = width;
    image.height = height;
    image.format = (channels == 3 ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY) | (wide ? PNG_FORMAT_FLAG_LINEAR : 0);
    size_t rowBytes = (size_t)width * (size_t)channels * (wide ? 2 : 1);
    size_t rawBytes = 0;
    if (!cic_buffer_size(height, 1, rowBytes + 1, &rawBytes)) {
        return cic_fail(CImageCodecs_STATUS_RESOURCE, msg, msglen, "image too large to encode");
    }
    /* PNG_IMAGE_PNG_SIZE_MAX bounds the output, so libpng compresses once. */
    png_alloc_size_t size = PNG_IMAGE_PNG_SIZE_MAX(image);
    uint8_t *png = malloc(size > 0 ? size : 1);
    if (png == NULL) {
        return cic_fail(CImageCodecs_STATUS_RESOURCE, msg, msglen, "out of memory for %zu bytes", (size_t)size);
    }
    if (!png_image_write_to_memory(&image, png, &size, 0, pixels, 0, NULL)) {
        int status = cic_fail(CImageCodecs_STATUS_RESOURCE, msg, msglen, "%s", image.message);
        png_image_free(&image);
        free(png);
        return status;
    }
    int status = recompress(png, size, rawBytes, level, output, outlen, msg, msglen);
    free(png);
    return status;
}
