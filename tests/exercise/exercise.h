/* exercise.h — the solution checks of the workbook's blanks.
 *
 * Each check_NN.c includes chapter NN's source (the student's copy from
 * workbook/chapters/, or the reference from chapters/, by the include path)
 * and adds one Check test case per blank, named after the blank. A check
 * calls the blank's function on known inputs, compares with an independent
 * computation, and on a difference says where (point i, component k),
 * what it got and what it expected, and, when the result matches a classic
 * mistake, names the mistake. The runner (runner.c) adds the hints.
 */
#ifndef EMLAB_EXERCISE_H
#define EMLAB_EXERCISE_H

#include <check.h>
#include <stddef.h>

void checks_01(Suite *s);
void checks_02(Suite *s);
void checks_04(Suite *s);
void checks_05(Suite *s);
void checks_07(Suite *s);
void checks_11(Suite *s);

/* A test case for blank NAME holding one test function (one.c runs it in
 * the check program's own process, which the runner sandboxes). */
void add_blank_check(Suite *s, const char *name, const TTest *test);

/* All n values of got equal want within tol (relative, absolute near 0)?
 * Returns the index of the first that does not, or n. NaN never equals. */
size_t first_difference(const double *got, const double *want, size_t n, double tol);

/* got matches a wrong answer wrong[] everywhere (within 1e-9)? */
int looks_like(const double *got, const double *wrong, size_t n);

#endif
