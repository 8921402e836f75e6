#ifndef CMODELKERNELS_H
#define CMODELKERNELS_H
// OpenBLAS (Debian libopenblas-dev) and zlib, exposed to SRModels.
#include <cblas.h>
#include <zlib.h>
#endif
