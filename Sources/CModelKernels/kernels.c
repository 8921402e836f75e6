#include "CModelKernels.h"
