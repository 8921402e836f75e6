/*
 * TIFF through libtiff >= 4.5, over memory buffers (TIFFClientOpenExt). Errors and warnings go
 * to a handler installed per handle with TIFFOpenOptionsSetErrorHandlerExtR, never to libtiff's
 * process-wide handler, so concurrent decodes cannot interleave messages and nothing is printed.
 */
#include <stdlib.h>
#include <string.h>

#include <tiffio.h>

#include "CImageCodecs.h"
#include "shim.h"

/* Largest single allocation libtiff may make for one handle. A damaged StripByteCounts or a
 * huge single-strip declaration then fails cleanly instead of allocating gigabytes; 1 GiB still
 * admits one uncompressed strip of the default 2^28-pixel RGB limit. */
#define MAX_SINGLE_ALLOCATION ((tmsize_t)1 << 30)

/* The name libtiff gives the in-memory handle (it appears in some of its messages). */
#define HANDLE_NAME "memory"

/* A seekable in-memory file for libtiff's client procs: read-only over the caller's bytes, or
 * growable (malloc'd) when writing. */
typedef struct {
    const uint8_t *data;
    uint8_t *owned;
    size_t length;
    size_t capacity;
    size_t position;
} memory_file;

/* Collects the first error message for the caller's buffer; later errors are usually
 * consequences of the first ("cannot read strip" after "bad offset"), so they are dropped. */
typedef struct {
    char *msg;
    size_t msglen;
    int failed;
} reporter;

/* TIFFErrorHandlerExtR: formats into the caller's buffer and returns 1 (handled) so libtiff
 * does not also call its global handler, which would print to stderr. */
static int on_error(TIFF *tif, void *user, const char *module, const char *format, va_list args)
{
    (void)tif;
    reporter *rep = user;
    if (!rep->failed) {
        char text[200];
        vsnprintf(text, sizeof text, format, args);
        /* Many libtiff messages start with the handle's name, which here is always HANDLE_NAME
         * and says nothing; Swift prefixes the real path instead. */
        const char *body = text;
        if (strncmp(body, HANDLE_NAME ": ", strlen(HANDLE_NAME) + 2) == 0) body += strlen(HANDLE_NAME) + 2;
        if (module != NULL && strcmp(module, HANDLE_NAME) == 0) module = NULL; /* codecs pass the name as module */
        cic_fail(0, rep->msg, rep->msglen, "%s%s%s", module != NULL ? module : "", module != NULL ? ": " : "", body);
        rep->failed = 1;
    }
    return 1;
}

/* Warnings (unknown tags, odd but readable layouts) do not change pixels; swallow them so
 * libtiff stays silent, as Pillow does. */
static int on_warning(TIFF *tif, void *user, const char *module, const char *format, va_list args)
{
    (void)tif; (void)user; (void)module; (void)format; (void)args;
    return 1;
}

static tmsize_t memory_read(thandle_t handle, void *buffer, tmsize_t size)
{
    memory_file *file = (memory_file *)handle;
    if (size <= 0 || file->position >= file->length) return 0;
    size_t n = file->length - file->position;
    if ((size_t)size < n) n = (size_t)size;
    memcpy(buffer, file->data + file->position, n);
    file->position += n;
    return (tmsize_t)n;
}

/* Grows the buffer geometrically; a gap left by a seek past the end is zero-filled. */
static tmsize_t memory_write(thandle_t handle, void *buffer, tmsize_t size)
{
    memory_file *file = (memory_file *)handle;
    if (size < 0) return -1;
    if (file->data != NULL && file->owned == NULL) return -1; /* read-only */
    size_t end = file->position + (size_t)size;
    if (end > file->capacity) {
        size_t capacity = file->capacity > 0 ? file->capacity : 65536;
        while (capacity < end) capacity *= 2;
        uint8_t *grown = realloc(file->owned, capacity);
        if (grown == NULL) return -1;
        file->owned = grown;
        file->data = grown;
        file->capacity = capacity;
    }
    if (file->position > file->length) memset(file->owned + file->length, 0, file->position - file->length);
    memcpy(file->owned + file->position, buffer, (size_t)size);
    file->position = end;
    if (end > file->length) file->length = end;
    return size;
}

static toff_t memory_seek(thandle_t handle, toff_t offset, int whence)
{
    memory_file *file = (memory_file *)handle;
    uint64_t base = whence == SEEK_CUR ? file->position : whence == SEEK_END ? file->length : 0;
    uint64_t target = base + offset; /* offset is unsigned; negative moves wrap, caught below */
    if (target > (uint64_t)SIZE_MAX / 2) return (toff_t)-1;
    file->position = (size_t)target;
    return (toff_t)target;
}

static int memory_close(thandle_t handle)
{
    (void)handle;
    return 0;
}

static toff_t memory_size(thandle_t handle)
{
    return (toff_t)((memory_file *)handle)->length;
}

/* No mapping: libtiff then reads through memory_read, which bounds-checks every access. */
static int memory_map(thandle_t handle, void **base, toff_t *size)
{
    (void)handle; (void)base; (void)size;
    return 0;
}

static void memory_unmap(thandle_t handle, void *base, toff_t size)
{
    (void)handle; (void)base; (void)size;
}

/* Opens a memory file with this handle's own error and warning handlers (TIFFOpenOptions*). */
static TIFF *open_memory(memory_file *file, const char *mode, reporter *rep)
{
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    if (options == NULL) return NULL;
    TIFFOpenOptionsSetErrorHandlerExtR(options, on_error, rep);
    TIFFOpenOptionsSetWarningHandlerExtR(options, on_warning, rep);
    TIFFOpenOptionsSetMaxSingleMemAlloc(options, MAX_SINGLE_ALLOCATION);
    TIFF *tif = TIFFClientOpenExt(HANDLE_NAME, mode, (thandle_t)file, memory_read, memory_write, memory_seek,
                                  memory_close, memory_size, memory_map, memory_unmap, options);
    TIFFOpenOptionsFree(options); /* libtiff copies the handlers into the handle */
    return tif;
}

/* Status and message for a failed open: libtiff's own message when it gave one. */
static int open_failure(const reporter *rep, char *msg, size_t msglen)
{
    if (rep->failed) return CImageCodecs_STATUS_CORRUPT;
    return cic_fail(CImageCodecs_STATUS_CORRUPT, msg, msglen, "libtiff could not open the data");
}

/* The fields of the first directory that decide the layout, with libtiff's defaults. */
typedef struct {
    uint32_t width, height;
    uint16_t bits, samples, photometric, planar, sampleFormat, compression;
} layout;

static void read_layout(TIFF *tif, layout *l)
{
    memset(l, 0, sizeof *l);
    TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &l->width);
    TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &l->height);
    TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &l->bits);
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &l->samples);
    TIFFGetFieldDefaulted(tif, TIFFTAG_PLANARCONFIG, &l->planar);
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLEFORMAT, &l->sampleFormat);
    TIFFGetFieldDefaulted(tif, TIFFTAG_COMPRESSION, &l->compression);
    if (!TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &l->photometric)) {
        l->photometric = l->samples >= 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK;
    }
}

/* Why a layout is refused, or NULL when tiff_decode handles it: 8/16-bit unsigned, contiguous
 * samples, grey (+ one extra sample) or RGB (+ one extra sample), any compiled-in codec. */
static const char *unsupported_reason(const layout *l, char *scratch, size_t size)
{
    if (l->bits != 8 && l->bits != 16) {
        snprintf(scratch, size, "%u bits per sample (only 8 and 16)", l->bits);
    } else if (l->sampleFormat != SAMPLEFORMAT_UINT) {
        snprintf(scratch, size, "sample format %u (only unsigned integers)", l->sampleFormat);
    } else if (l->planar != PLANARCONFIG_CONTIG && l->samples > 1) {
        snprintf(scratch, size, "separate colour planes");
    } else if (l->photometric == PHOTOMETRIC_MINISBLACK && (l->samples == 1 || l->samples == 2)) {
        scratch = NULL;
    } else if (l->photometric == PHOTOMETRIC_RGB && (l->samples == 3 || l->samples == 4)) {
        scratch = NULL;
    } else {
        snprintf(scratch, size, "photometric interpretation %u with %u samples per pixel (only grey, grey+alpha, RGB, RGBA)",
                 l->photometric, l->samples);
    }
    if (scratch == NULL && !TIFFIsCODECConfigured(l->compression)) {
        return "compression scheme not built into libtiff";
    }
    return scratch;
}

/* Reads the first directory only (TIFFClientOpenExt reads it), so Swift can check the pixel
 * limit before any strip or tile is decoded. A file tiff_decode refuses is described all the same
 * (info filled) and reported as CImageCodecs_STATUS_UNSUPPORTED with unsupported_reason's text,
 * so `prep info` refuses exactly what `prep convert` refuses. */
int CImageCodecs_tiff_info(const uint8_t *data, size_t length, CImageCodecs_Info *info,
                           char *msg, size_t msglen)
{
    memory_file file = {data, NULL, length, length, 0};
    reporter rep = {msg, msglen, 0};
    TIFF *tif = open_memory(&file, "r", &rep);
    if (tif == NULL) return open_failure(&rep, msg, msglen);
    layout l;
    read_layout(tif, &l);
    TIFFClose(tif);
    char reason[160];
    const char *refused = unsupported_reason(&l, reason, sizeof reason);
    info->width = l.width;
    info->height = l.height;
    info->bitDepth = l.bits;
    info->sourceChannels = l.samples;
    switch (l.photometric) {
    case PHOTOMETRIC_MINISBLACK:
    case PHOTOMETRIC_MINISWHITE:
        info->colorModel = l.samples >= 2 ? CImageCodecs_MODEL_GRAY_ALPHA : CImageCodecs_MODEL_GRAY;
        info->outputChannels = 1;
        break;
    case PHOTOMETRIC_RGB:
        info->colorModel = l.samples >= 4 ? CImageCodecs_MODEL_RGBA : CImageCodecs_MODEL_RGB;
        info->outputChannels = 3;
        break;
    case PHOTOMETRIC_YCBCR:
        info->colorModel = CImageCodecs_MODEL_RGB;
        info->outputChannels = 3;
        break;
    case PHOTOMETRIC_PALETTE:
        info->colorModel = CImageCodecs_MODEL_PALETTE;
        info->sourceChannels = 3;
        info->outputChannels = 3;
        break;
    case PHOTOMETRIC_SEPARATED:
        info->colorModel = CImageCodecs_MODEL_CMYK;
        info->outputChannels = 3;
        break;
    default:
        info->colorModel = -1;
        info->outputChannels = 0;
        break;
    }
    if (refused != NULL) return cic_fail(CImageCodecs_STATUS_UNSUPPORTED, msg, msglen, "%s", refused);
    return CImageCodecs_STATUS_OK;
}

/* Decodes strips with TIFFReadScanline or tiles with TIFFReadTile, copying the colour samples
 * and dropping the extra (alpha) sample. Samples are not rescaled: 16-bit values come out
 * native-endian for Swift to narrow, so PNG and TIFF share one 16 -> 8 rounding. */
int CImageCodecs_tiff_decode(const uint8_t *data, size_t length,
                             uint32_t width, uint32_t height, int32_t channels, int32_t bytesPerSample,
                             uint8_t *out, size_t outlen, char *msg, size_t msglen)
{
    memory_file file = {data, NULL, length, length, 0};
    reporter rep = {msg, msglen, 0};
    TIFF *tif = open_memory(&file, "r", &rep);
    if (tif == NULL) return open_failure(&rep, msg, msglen);
    int status = CImageCodecs_STATUS_OK;
    uint8_t *buffer = NULL;
    layout l;
    read_layout(tif, &l);
    char reason[160];
    const char *refusal = unsupported_reason(&l, reason, sizeof reason);
    if (refusal != NULL) {
        status = cic_fail(CImageCodecs_STATUS_UNSUPPORTED, msg, msglen, "%s", refusal);
        goto done;
    }
    size_t sampleBytes = l.bits / 8;
    size_t keep = (size_t)channels * sampleBytes, stride = (size_t)l.samples * sampleBytes;
    size_t expected = 0;
    int colourChannels = l.photometric == PHOTOMETRIC_RGB ? 3 : 1;
    if (l.width != width || l.height != height || colourChannels != channels || (int32_t)sampleBytes != bytesPerSample ||
        !cic_buffer_size(width, height, keep, &expected) || expected != outlen) {
        status = cic_fail(CImageCodecs_STATUS_RESOURCE, msg, msglen, "output buffer does not match %ux%u", width, height);
        goto done;
    }
    if (TIFFIsTiled(tif)) {
        uint32_t tileWidth = 0, tileHeight = 0;
        TIFFGetField(tif, TIFFTAG_TILEWIDTH, &tileWidth);
        TIFFGetField(tif, TIFFTAG_TILELENGTH, &tileHeight);
        tmsize_t tileBytes = TIFFTileSize(tif);
        if (tileWidth == 0 || tileHeight == 0 || tileBytes <= 0 ||
            (uint64_t)tileBytes < (uint64_t)tileWidth * tileHeight * stride) {
            status = rep.failed ? CImageCodecs_STATUS_CORRUPT
                                : cic_fail(CImageCodecs_STATUS_CORRUPT, msg, msglen, "invalid tile size %ux%u", tileWidth, tileHeight);
            goto done;
        }
        /* TIFF tiles are multiples of 16 pixels, so one tile never needs to exceed the image
         * rounded up to 16; a larger declared tile would only make us allocate what the file
         * declares (the fuzzer found a 21x48141 image with a 114 GiB tile). */
        if ((uint64_t)tileWidth > ((uint64_t)width + 15) / 16 * 16 || (uint64_t)tileHeight > ((uint64_t)height + 15) / 16 * 16) {
            status = cic_fail(CImageCodecs_STATUS_CORRUPT, msg, msglen, "tile %ux%u is larger than the %ux%u image", tileWidth, tileHeight, width, height);
            goto done;
        }
        buffer = malloc((size_t)tileBytes);
        if (buffer == NULL) {
            status = cic_fail(CImageCodecs_STATUS_RESOURCE, msg, msglen, "out of memory for a %zu-byte tile", (size_t)tileBytes);
            goto done;
        }
        for (uint32_t y = 0; y < height; y += tileHeight) {
            for (uint32_t x = 0; x < width; x += tileWidth) {
                if (TIFFReadTile(tif, buffer, x, y, 0, 0) < 0 || rep.failed) {
                    status = rep.failed ? CImageCodecs_STATUS_CORRUPT
                                        : cic_fail(CImageCodecs_STATUS_CORRUPT, msg, msglen, "cannot read the tile at %u,%u", x, y);
                    goto done;
                }
                uint32_t rows = height - y < tileHeight ? height - y : tileHeight;
                uint32_t cols = width - x < tileWidth ? width - x : tileWidth;
                for (uint32_t r = 0; r < rows; r++) {
                    const uint8_t *src = buffer + (size_t)r * tileWidth * stride;
                    uint8_t *dst = out + ((size_t)(y + r) * width + x) * keep;
                    for (uint32_t c = 0; c < cols; c++) memcpy(dst + (size_t)c * keep, src + (size_t)c * stride, keep);
                }
            }
        }
    } else {
        tmsize_t lineBytes = TIFFScanlineSize(tif);
        if (lineBytes <= 0 || (uint64_t)lineBytes < (uint64_t)width * stride) {
            status = rep.failed ? CImageCodecs_STATUS_CORRUPT
                                : cic_fail(CImageCodecs_STATUS_CORRUPT, msg, msglen, "invalid scanline size");
            goto done;
        }
        buffer = malloc((size_t)lineBytes);
        if (buffer == NULL) {
            status = cic_fail(CImageCodecs_STATUS_RESOURCE, msg, msglen, "out of memory for a %zu-byte row", (size_t)lineBytes);
            goto done;
        }
        for (uint32_t y = 0; y < height; y++) {
            if (TIFFReadScanline(tif, buffer, y, 0) < 0 || rep.failed) {
                status = rep.failed ? CImageCodecs_STATUS_CORRUPT
                                    : cic_fail(CImageCodecs_STATUS_CORRUPT, msg, msglen, "cannot read row %u", y);
                goto done;
            }
            uint8_t *dst = out + (size_t)y * width * keep;
            if (keep == stride) {
                memcpy(dst, buffer, (size_t)width * keep);
            } else {
                for (uint32_t c = 0; c < width; c++) memcpy(dst + (size_t)c * keep, buffer + (size_t)c * stride, keep);
            }
        }
    }
done:
    free(buffer);
    TIFFClose(tif);
    return status;
}

/* Encodes 8-bit grey or RGB, LZW-compressed, contiguous, default strip height
 * (TIFFDefaultStripSize), into a growable memory file handed to the caller. */
int CImageCodecs_tiff_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int32_t channels,
                             uint8_t **output, size_t *outlen, char *msg, size_t msglen)
{
    if (channels != 1 && channels != 3) {
        return cic_fail(CImageCodecs_STATUS_UNSUPPORTED, msg, msglen, "%d channels", channels);
    }
    memory_file file = {NULL, NULL, 0, 0, 0};
    reporter rep = {msg, msglen, 0};
    TIFF *tif = open_memory(&file, "w", &rep);
    if (tif == NULL) {
        free(file.owned);
        return rep.failed ? CImageCodecs_STATUS_RESOURCE
                          : cic_fail(CImageCodecs_STATUS_RESOURCE, msg, msglen, "libtiff could not create the file");
    }
    TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, width);
    TIFFSetField(tif, TIFFTAG_IMAGELENGTH, height);
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 8);
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, channels);
    TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, channels == 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK);
    TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_LZW);
    TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, TIFFDefaultStripSize(tif, 0));
    size_t rowBytes = (size_t)width * (size_t)channels;
    for (uint32_t y = 0; y < height && !rep.failed; y++) {
        if (TIFFWriteScanline(tif, (void *)(pixels + (size_t)y * rowBytes), y, 0) < 0) break;
    }
    TIFFClose(tif); /* flushes the last strip and the directory */
    if (rep.failed || file.length == 0) {
        free(file.owned);
        return rep.failed ? CImageCodecs_STATUS_RESOURCE
                          : cic_fail(CImageCodecs_STATUS_RESOURCE, msg, msglen, "libtiff wrote nothing");
    }
    *output = file.owned;
    *outlen = file.length;
    return CImageCodecs_STATUS_OK;
}
