/* status.h — what went wrong, as a value.
 *
 * Library functions never print, exit or abort on bad input: they return an
 * em_status and leave the message to the program (redis and GSL do the same).
 * EM_OK is 0, so `if (st) ...` reads as "if something went wrong".
 */
#ifndef EMLAB_STATUS_H
#define EMLAB_STATUS_H

typedef enum em_status {
    EM_OK = 0,
    EM_EINVAL,     /* an argument is out of range: K < 1, d < 1, NULL, ...   */
    EM_ENOMEM,     /* an allocation failed                                    */
    EM_ETOOFEW,    /* fewer points than components (n < K)                    */
    EM_ENONFINITE, /* a NaN or an infinity in the data or the parameters      */
    EM_ESINGULAR,  /* a covariance is not positive definite (even after reg)  */
    EM_EIO,        /* a file could not be opened, read or written             */
    EM_EPARSE,     /* a file's contents are malformed                         */
    EM_EGNUPLOT,   /* gnuplot is missing, or it failed on a script            */
    EM_EBUSY,      /* another run is writing into the same output folder      */
    EM_STATUS_COUNT
} em_status;

/* A short, constant English sentence for a status. Never returns NULL; an
 * unknown value gives "unknown status". This function can't fail. */
const char *em_strerror(em_status st);

#endif
