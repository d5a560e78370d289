/* status.c — the sentences behind em_status. */
#include "status.h"

const char *em_strerror(em_status st)
{
    switch (st) {
    case EM_OK:         return "success";
    case EM_EINVAL:     return "invalid argument";
    case EM_ENOMEM:     return "out of memory";
    case EM_ETOOFEW:    return "fewer data points than components";
    case EM_ENONFINITE: return "a value is NaN or infinite";
    case EM_ESINGULAR:  return "a covariance matrix is not positive definite";
    case EM_EIO:        return "input/output error";
    case EM_EPARSE:     return "malformed file";
    case EM_EGNUPLOT:   return "gnuplot failed or is missing";
    case EM_EBUSY:      return "another run is writing into the output folder";
    case EM_STATUS_COUNT: break;
    }
    return "unknown status";
}
