/* pyfmt.h — numbers printed the way the notebooks printed them.
 *
 * A chapter prints what its notebook printed, digit for digit. Python's
 * repr() of a float is the *shortest* decimal that reads back as the same
 * double (0.1, not 0.10000000000000001); numpy 1.24 prints an array with
 * at most `precision` decimals per entry (fewer when fewer identify it),
 * all entries padded to one width, in positional notation unless the
 * magnitudes call for scientific notation:
 *
 *     [-0.30529003  3.40719866]        [1.5e-05 2.0e+00]
 *
 * These functions reproduce both, for every double (subnormals, -0.0,
 * inf, nan), with numpy's line wrapping at 75 characters. Every entry is
 * printed: emlab never summarises an array with "...".
 */
#ifndef EMLAB_PYFMT_H
#define EMLAB_PYFMT_H

#include <stddef.h>
#include <stdio.h>
#include "status.h"

/* Python's repr(float(v)) is at most 24 characters: -2.2250738585072014e-308. */
enum { EM_REPR_SIZE = 32 };

/* Python's repr(float(v)) into buf (EM_REPR_SIZE bytes are always enough):
 * 0.24197072451914337, 1.5092779429032093e-10, 1.0, 1e+16, nan, inf.
 * Returns buf. Can't fail. */
char *em_repr(double v, char *buf, size_t size);

/* What np.set_printoptions(precision=..., suppress=...) sets. */
typedef struct em_printopts {
    int precision; /* at most this many decimals an entry (numpy's default: 8)     */
    int suppress;  /* 1: positional unless some |v| >= 1e8, small values round to 0 */
} em_printopts;

/* numpy's np.array2string(a, prefix=' ' * indent) of a float array, as
 * print(a) shows it when indent is 0: a 1-D array of n = cols entries
 * (matrix == 0, rows ignored) or a rows x cols matrix (matrix != 0),
 * row-major. Scientific notation when the largest nonzero |v| >= 1e8, or,
 * unless opts.suppress, the smallest nonzero |v| < 1e-4 or their ratio
 * exceeds 1e3; continuation lines indented by indent + 1 (+ 1 for a
 * matrix's rows). Returns a malloc'd string, or NULL when out of memory. */
char *em_numpy_format(const double *v, size_t rows, size_t cols, int matrix, em_printopts opts,
                      size_t indent);

/* Print label, then the array (or matrix) as numpy's array2string does
 * with the label as its prefix (continuation lines start under the
 * label's end), then a newline:
 *     em_print_array(stdout, "  Means: ", mu, K, opts)  ->  "  Means: [0.1 2. ]\n"
 * Returns EM_OK, EM_ENOMEM, or EM_EIO when out reports a write error. */
em_status em_print_array(FILE *out, const char *label, const double *v, size_t n,
                         em_printopts opts);
em_status em_print_matrix(FILE *out, const char *label, const double *v, size_t rows,
                          size_t cols, em_printopts opts);

#endif
