/* test_linalg.c — Cholesky, triangular solve, log-determinant. */
#include "emlab_test.h"

START_TEST(test_cholesky_of_a_known_matrix)
{
    /* A = L L^T with L = [[2,0,0],[1,3,0],[-1,2,1]] */
    double A[9] = {4, 2, -2, 2, 10, 5, -2, 5, 6}, L[9];
    double want[9] = {2, 0, 0, 1, 3, 0, -1, 2, 1};
    ck_assert_int_eq(em_cholesky(3, A, L), EM_OK);
    for (int v = 0; v < 9; v++)
        ck_assert_rel(L[v], want[v], 1e-15);
}
END_TEST

START_TEST(test_cholesky_in_place)
{
    double A[4] = {9, 3, 3, 5};
    ck_assert_int_eq(em_cholesky(2, A, A), EM_OK);
    ck_assert_double_eq(A[0], 3);
    ck_assert_double_eq(A[1], 0);
    ck_assert_double_eq(A[2], 1);
    ck_assert_double_eq(A[3], 2);
}
END_TEST

START_TEST(test_cholesky_refuses_not_positive_definite)
{
    double L[4];
    double indefinite[4] = {1, 2, 2, 1}; /* eigenvalues 3 and -1 */
    double zero[4] = {0, 0, 0, 0};
    double rank1[4] = {1, 1, 1, 1};
    double nan[4] = {NAN, 0, 0, 1};
    ck_assert_int_eq(em_cholesky(2, indefinite, L), EM_ESINGULAR);
    ck_assert_int_eq(em_cholesky(2, zero, L), EM_ESINGULAR);
    ck_assert_int_eq(em_cholesky(2, rank1, L), EM_ESINGULAR);
    ck_assert_int_eq(em_cholesky(2, nan, L), EM_ESINGULAR);
}
END_TEST

START_TEST(test_logdet_equals_log_of_determinant)
{
    double A[4] = {2.0, 0.6, 0.6, 1.5}, L[4];
    ck_assert_int_eq(em_cholesky(2, A, L), EM_OK);
    ck_assert_rel(em_chol_logdet(2, L), log(2.0 * 1.5 - 0.36), 1e-15);
}
END_TEST

START_TEST(test_tri_solve_and_mahalanobis)
{
    /* Sigma = [[2, .6], [.6, 1.5]]: (x-mu)^T Sigma^{-1} (x-mu) by the explicit inverse */
    double S[4] = {2.0, 0.6, 0.6, 1.5}, L[4], work[2];
    double x[2] = {1.0, -2.0}, mu[2] = {0.5, 0.5};
    ck_assert_int_eq(em_cholesky(2, S, L), EM_OK);
    double det = 2.0 * 1.5 - 0.36, dx = 0.5, dy = -2.5;
    double want = (1.5 * dx * dx - 2 * 0.6 * dx * dy + 2.0 * dy * dy) / det;
    ck_assert_rel(em_mahalanobis2(2, L, x, mu, work), want, 1e-14);
    double b[2] = {4.0, 7.0}, y[2];
    em_tri_solve(2, L, b, y); /* L y = b, checked by multiplying back */
    ck_assert_rel(L[0] * y[0], 4.0, 1e-15);
    ck_assert_rel(L[2] * y[0] + L[3] * y[1], 7.0, 1e-15);
}
END_TEST

Suite *linalg_suite(void)
{
    Suite *s = suite_create("linalg");
    TCase *tc = tcase_create("cholesky");
    tcase_add_test(tc, test_cholesky_of_a_known_matrix);
    tcase_add_test(tc, test_cholesky_in_place);
    tcase_add_test(tc, test_cholesky_refuses_not_positive_definite);
    tcase_add_test(tc, test_logdet_equals_log_of_determinant);
    tcase_add_test(tc, test_tri_solve_and_mahalanobis);
    suite_add_tcase(s, tc);
    return s;
}
