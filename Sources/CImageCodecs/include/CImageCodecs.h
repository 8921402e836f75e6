#ifndef CIMAGECODECS_H
#define CIMAGECODECS_H
/* Filled in by the codec work: PNG (png_image_*), JPEG (setjmp inside jpeg.c), TIFF. */
#endif
