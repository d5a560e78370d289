/* pyfmt.h — numbers printed the way the notebooks printed them.
 *
 * A chapter prints what its notebook printed, digit for digit. Python's
 * repr() of a float is the *shortest* decimal that reads back as the same
 * double (0.1, not 0.10000000000000001), and numpy prints arrays with at
 * most 8 (or `precision`) decimals, trailing zeros replaced by spaces so the
 * columns line up. These functions reproduce both rules.
 */
#ifndef EMLAB_PYFMT_H
#define EMLAB_PYFMT_H

#include <stddef.h>

/* Python's repr(float(v)) into buf (32 bytes is always enough):
 * 0.24197072451914337, 1.5092779429032093e-10, 1.0, 1e+16, nan, inf.
 * Returns buf. Can't fail. */
char *em_repr(double v, char *buf, size_t size);

/* numpy's str() of a 1D float array, as print(array) shows it with
 * np.set_printoptions(precision=precision, suppress=...) in the default
 * floatmode 'maxprec': each value rounded to at most `precision` decimals
 * (fewer when fewer identify it), trailing zeros trimmed and replaced by
 * spaces, all padded to one width, e.g. "[-0.30529003  3.40719866]".
 * Positional notation only (suppress=True, or values in [1e-4, 1e8) whose
 * ratio max/min is below 1e3). Writes into buf; returns buf. */
char *em_numpy_array(const double *v, size_t n, int precision, char *buf, size_t size);

/* numpy's str() of an n x m matrix, rows on their own lines, e.g.
 *   [[1.       0.       0.      ]
 *    [0.999999 0.000001 0.      ]]
 * with the same rules as em_numpy_array over all entries. */
char *em_numpy_matrix(const double *v, size_t n, size_t m, int precision, char *buf,
                      size_t size);

#endif
