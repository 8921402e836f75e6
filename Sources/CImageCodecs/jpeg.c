/*
 * JPEG through libjpeg-turbo. libjpeg reports fatal errors by calling error_exit, which must not
 * return; here it longjmps back to the setjmp in the very function that called libjpeg, so no
 * jump ever crosses a Swift frame. Each public function owns its jmp_buf and its libjpeg object.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

#include "CImageCodecs.h"
#include "shim.h"

/* libjpeg's error manager extended with the jump target and the caller's message buffer. */
typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    int code; /* msg_code of the fatal error, to tell unsupported variants from damage */
    char *msg;
    size_t msglen;
} error_manager;

/* error_exit: format libjpeg's message into the caller's buffer, then jump back to the setjmp of
 * the shim function that is on the stack (libjpeg's default would print and exit()). */
static void on_error_exit(j_common_ptr cinfo)
{
    error_manager *err = (error_manager *)cinfo->err;
    char text[JMSG_LENGTH_MAX];
    err->base.format_message(cinfo, text);
    cic_fail(0, err->msg, err->msglen, "%s", text);
    err->code = err->base.msg_code;
    longjmp(err->jump, 1);
}

/* emit_message: libjpeg's default prints warnings to stderr. A premature end of data
 * (JWRN_JPEG_EOF) is a truncated file, which Pillow refuses ("image file is truncated"), so it
 * becomes fatal; other warnings (extraneous bytes, ...) are ignored, as Pillow ignores them. */
static void on_emit_message(j_common_ptr cinfo, int level)
{
    if (level < 0 && cinfo->err->msg_code == JWRN_JPEG_EOF) on_error_exit(cinfo);
}

/* Installs the error manager; called before jpeg_create_* so creation errors are caught too. */
static struct jpeg_error_mgr *install_errors(error_manager *err, char *msg, size_t msglen)
{
    struct jpeg_error_mgr *base = jpeg_std_error(&err->base);
    err->base.error_exit = on_error_exit;
    err->base.emit_message = on_emit_message;
    err->code = 0;
    err->msg = msg;
    err->msglen = msglen;
    return base;
}

/* A fatal error that means "valid but not supported by this build" rather than "damaged". */
static int status_for(const error_manager *err)
{
    switch (err->code) {
    case JERR_BAD_PRECISION:
    case JERR_NOT_COMPILED:
    case JERR_CCIR601_NOTIMPL:
        return CImageCodecs_STATUS_UNSUPPORTED;
    default:
        return CImageCodecs_STATUS_CORRUPT;
    }
}

/* Fills info from a decompressor whose header has been read. */
static void describe(const struct jpeg_decompress_struct *cinfo, CImageCodecs_Info *info)
{
    info->width = cinfo->image_width;
    info->height = cinfo->image_height;
    info->sourceChannels = cinfo->num_components;
    info->bitDepth = cinfo->data_precision;
    switch (cinfo->jpeg_color_space) {
    case JCS_GRAYSCALE: info->colorModel = CImageCodecs_MODEL_GRAY; info->outputChannels = 1; break;
    case JCS_CMYK: info->colorModel = CImageCodecs_MODEL_CMYK; info->outputChannels = 3; break;
    case JCS_YCCK: info->colorModel = CImageCodecs_MODEL_YCCK; info->outputChannels = 3; break;
    default: info->colorModel = CImageCodecs_MODEL_RGB; info->outputChannels = 3; break;
    }
}

/* Why a file whose header was read is refused (CImageCodecs_STATUS_UNSUPPORTED with the reason in
 * msg), or CImageCodecs_STATUS_OK. Shared by info and decode so `prep info` refuses exactly what
 * `prep convert` refuses. CMYK/YCCK: their inversion convention (Adobe) and conversion to RGB
 * have no single right answer; other precisions: this build decodes 8-bit samples only. */
static int refusal(const struct jpeg_decompress_struct *cinfo, char *msg, size_t msglen)
{
    if (cinfo->jpeg_color_space == JCS_CMYK || cinfo->jpeg_color_space == JCS_YCCK) {
        const char *name = cinfo->jpeg_color_space == JCS_CMYK ? "CMYK" : "YCCK";
        return cic_fail(CImageCodecs_STATUS_UNSUPPORTED, msg, msglen, "%s colour space", name);
    }
    if (cinfo->data_precision != 8) {
        return cic_fail(CImageCodecs_STATUS_UNSUPPORTED, msg, msglen, "%d-bit samples (only 8-bit)", cinfo->data_precision);
    }
    return CImageCodecs_STATUS_OK;
}

/* Reads the header only (jpeg_read_header), so Swift can check the pixel limit before
 * jpeg_start_decompress allocates anything sized by the image. A file the decoder refuses is
 * described all the same (info filled) and reported as CImageCodecs_STATUS_UNSUPPORTED. */
int CImageCodecs_jpeg_info(const uint8_t *data, size_t length, CImageCodecs_Info *info,
                           char *msg, size_t msglen)
{
    struct jpeg_decompress_struct cinfo;
    error_manager err;
    memset(&cinfo, 0, sizeof cinfo); /* so jpeg_destroy is safe even if creation fails */
    cinfo.err = install_errors(&err, msg, msglen);
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return status_for(&err);
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)length);
    jpeg_read_header(&cinfo, TRUE);
    describe(&cinfo, info);
    int status = refusal(&cinfo, msg, msglen);
    jpeg_destroy_decompress(&cinfo);
    return status;
}

/* Decodes to RGB or grey with libjpeg's defaults, which are what Pillow uses: JDCT_ISLOW and
 * fancy upsampling, so samples equal Pillow's. What `refusal` names is refused. */
int CImageCodecs_jpeg_decode(const uint8_t *data, size_t length,
                             uint32_t width, uint32_t height, int32_t channels,
                             uint8_t *out, size_t outlen, char *msg, size_t msglen)
{
    struct jpeg_decompress_struct cinfo;
    error_manager err;
    memset(&cinfo, 0, sizeof cinfo); /* so jpeg_destroy is safe even if creation fails */
    cinfo.err = install_errors(&err, msg, msglen);
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return status_for(&err);
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)length);
    jpeg_read_header(&cinfo, TRUE);
    int refused = refusal(&cinfo, msg, msglen);
    if (refused != CImageCodecs_STATUS_OK) {
        jpeg_destroy_decompress(&cinfo);
        return refused;
    }
    int gray = cinfo.jpeg_color_space == JCS_GRAYSCALE;
    size_t expected = 0;
    if (cinfo.image_width != width || cinfo.image_height != height || (gray ? 1 : 3) != channels ||
        !cic_buffer_size(width, height, (size_t)channels, &expected) || expected != outlen) {
        jpeg_destroy_decompress(&cinfo);
        return cic_fail(CImageCodecs_STATUS_RESOURCE, msg, msglen, "output buffer does not match %ux%u", width, height);
    }
    cinfo.out_color_space = gray ? JCS_GRAYSCALE : JCS_RGB;
    cinfo.dct_method = JDCT_ISLOW;
    cinfo.do_fancy_upsampling = TRUE;
    jpeg_start_decompress(&cinfo);
    size_t rowBytes = (size_t)width * (size_t)channels;
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = out + (size_t)cinfo.output_scanline * rowBytes;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return CImageCodecs_STATUS_OK;
}

/* Encodes grey or RGB with jpeg_set_defaults (4:2:0 chroma, like Pillow) and the given quality,
 * into a buffer grown by jpeg_mem_dest, handed to the caller for CImageCodecs_free. */
int CImageCodecs_jpeg_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int32_t channels,
                             int quality, uint8_t **output, size_t *outlen, char *msg, size_t msglen)
{
    if ((channels != 1 && channels != 3) || quality < 1 || quality > 100) {
        return cic_fail(CImageCodecs_STATUS_UNSUPPORTED, msg, msglen, "channels %d / quality %d", channels, quality);
    }
    struct jpeg_compress_struct cinfo;
    error_manager err;
    /* Kept in memory that outlives the jump: jpeg_mem_dest updates these through pointers. */
    unsigned char *volatile buffer = NULL;
    unsigned long size = 0;
    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = install_errors(&err, msg, msglen);
    if (setjmp(err.jump)) {
        jpeg_destroy_compress(&cinfo);
        free(buffer);
        return CImageCodecs_STATUS_RESOURCE;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, (unsigned char **)&buffer, &size);
    cinfo.image_width = width;
    cinfo.image_height = height;
    cinfo.input_components = channels;
    cinfo.in_color_space = channels == 3 ? JCS_RGB : JCS_GRAYSCALE;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    cinfo.dct_method = JDCT_ISLOW;
    jpeg_start_compress(&cinfo, TRUE);
    size_t rowBytes = (size_t)width * (size_t)channels;
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)cinfo.next_scanline * rowBytes);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    *output = buffer;
    *outlen = size;
    return CImageCodecs_STATUS_OK;
}
