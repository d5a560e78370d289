/* dataset.h — points from and to text files.
 *
 * A data file holds one point per line: d numbers separated by whitespace or
 * commas (so CSV works). Optional: a first line of column names (a header,
 * recognised because none of its fields is a number), `#` comments, blank
 * lines. Every line must have the same number of columns; NaN and Inf are
 * refused, because one NaN turns every EM parameter into NaN.
 */
#ifndef EMLAB_DATASET_H
#define EMLAB_DATASET_H

#include <stddef.h>
#include <stdio.h>
#include "status.h"

typedef struct em_dataset {
    size_t n;      /* number of points                          */
    size_t d;      /* dimension                                 */
    double *x;     /* the points, n x d, row-major: x[i*d + j]  */
    char **names;  /* d column names from the header, or NULL   */
} em_dataset;

/* Read a data file. On success fills ds (free with em_dataset_free).
 * On failure returns EM_EIO (missing or unreadable file), EM_EPARSE (a
 * field that is not a number, ragged rows, no data at all), EM_ENONFINITE
 * (NaN or Inf) or EM_ENOMEM, writes "path:line: problem" into err, and
 * leaves ds empty. */
em_status em_dataset_read(const char *path, em_dataset *ds, char *err, size_t errlen);

/* Print n points of dimension d, one per line, with %.17g so that reading
 * them back gives the same doubles; a header line if names != NULL. Write
 * errors are left in f's error flag. */
void em_dataset_print(FILE *f, const double *x, size_t n, size_t d, char *const *names);

/* The same into the file PATH: written to a temporary and renamed, so no
 * half-written file is left behind. Returns EM_EIO with a message in err
 * on failure. */
em_status em_dataset_write(const char *path, const double *x, size_t n, size_t d,
                           char *const *names, char *err, size_t errlen);

/* Release the points and names; safe on an empty dataset. */
void em_dataset_free(em_dataset *ds);

/* Can a covariance be made of these values? Their squares, which variances
 * are made of, must neither overflow nor underflow a double: the largest
 * |x| below 1e150 and at least 1e-150 (or all zero). Returns EM_OK, or
 * EM_EINVAL with that largest |x| in *top. Can't fail otherwise. */
em_status em_check_magnitude(const double *x, size_t count, double *top);

/* Check a raw array for NaN and infinities. Returns EM_OK, or
 * EM_ENONFINITE with *where set to the index of the first bad value. */
em_status em_check_finite(const double *x, size_t count, size_t *where);

#endif
