#include <stdlib.h>
#include "CImageCodecs.h"

/* Encoders return buffers allocated with malloc here; Swift must release them with the same
 * allocator, which this makes explicit instead of assuming Swift's free is libc's. */
void CImageCodecs_free(void *buffer)
{
    free(buffer);
}
