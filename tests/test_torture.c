/* test_torture.c — emlab attacked as a hostile user would (issue 10):
 * values of every size, full disks, odd files, concurrent runs and
 * interrupts. Each test failed before its fix. */
#include "emlab_test.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A data file of n 1-D points, point i = scale * f(i), in dir. */
static const char *points_1d(const char *dir, const char *name, size_t n, double scale)
{
    size_t cap = n * 32 + 1, used = 0;
    char *text = keep(malloc(cap));
    for (size_t i = 0; i < n; i++)
        used += (size_t)snprintf(text + used, cap - used, "%.17g\n",
                                 scale * ((double)(i % 7) + (i % 2 ? 10.0 : 0.0)));
    return write_file(dir, name, text);
}

static size_t count(const char *s, const char *what)
{
    size_t c = 0;
    for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
        c++;
    return c;
}

/* --- 1. numbers of any size ----------------------------------------------- */

START_TEST(test_fit_prints_a_variance_of_1e40_whole)
{
    /* pyfmt's 40-byte slot overflowed: free(): invalid pointer, exit 134 */
    const char *dir = make_tmpdir();
    const char *data = write_file(dir, "t.txt", "1\n2\n3\n4\n10\n11\n12\n");
    ran r = emlab("fit %s -k 2 -q --reg 1e40 -f none -o %s/o", data, dir);
    ck_assert_msg(r.rc == 0, "exit %d: %s", r.rc, r.err);
    ck_assert_msg(strstr(r.out, "covariance [[1.e+40]]") != NULL, "%s", r.out);
}
END_TEST

START_TEST(test_fit_of_points_of_order_1e20)
{
    const char *dir = make_tmpdir();
    const char *data = points_1d(dir, "big.txt", 2000, 1e20);
    ran r = emlab("fit %s -k 2 -q -f none -o %s/o", data, dir);
    ck_assert_msg(r.rc == 0, "exit %d: %s", r.rc, r.err);
    ck_assert_msg(strstr(r.out, "e+20]") != NULL, "means not in scientific notation: %s",
                  r.out);
}
END_TEST

START_TEST(test_small_values_are_not_printed_as_zero)
{
    const char *dir = make_tmpdir();
    /* 2-D data in units of 1e-5: the covariance is of order 1e-10 */
    char text[4096];
    size_t used = 0;
    for (int i = 0; i < 60; i++)
        used += (size_t)snprintf(text + used, sizeof text - used, "%.17g %.17g\n",
                                 1e-5 * (i % 5 + 0.1 * (i % 3)), 1e-5 * ((i * 7) % 11));
    ran r = emlab("fit %s -k 1 -q --reg 0 -f none -o %s/o", write_file(dir, "s.txt", text), dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    ck_assert_msg(strstr(r.out, "[[ 0. -0.]") == NULL && strstr(r.out, "e-") != NULL, "%s",
                  r.out);
    /* 1-D data of order 1e-150: its mean is not [0.] */
    r = emlab("fit %s -k 1 -q -f none -o %s/o2", points_1d(dir, "t.txt", 50, 1e-150), dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    ck_assert_msg(strstr(r.out, "mean       [0.]") == NULL && strstr(r.out, "e-150]") != NULL,
                  "%s", r.out);
}
END_TEST

START_TEST(test_a_50_dimensional_covariance_prints_every_row)
{
    const char *dir = make_tmpdir();
    size_t n = 200, d = 50, cap = n * d * 24, used = 0;
    char *text = keep(malloc(cap));
    em_rng rng;
    em_rng_seed(&rng, 5);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < d; j++)
            used += (size_t)snprintf(text + used, cap - used, "%.6f%c", em_rng_gauss(&rng),
                                     j + 1 < d ? ' ' : '\n');
    ran r = emlab("fit %s -k 1 -q -f none -o %s/o", write_file(dir, "d50.txt", text), dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    const char *cov = strstr(r.out, "covariance [[");
    ck_assert_ptr_nonnull(cov);
    /* 50 rows, each opened by '[' and closed by ']', the last by "]]" */
    ck_assert_uint_eq(count(cov, "["), 51);
    ck_assert_uint_eq(count(cov, "]"), 51);
    ck_assert_msg(strstr(cov, "]]\n") != NULL, "no closing bracket");
    /* every line within numpy's 75 columns */
    for (const char *line = cov; *line;) {
        size_t len = strcspn(line, "\n");
        ck_assert_msg(len <= 75, "a line of %zu characters", len);
        line += len + (line[len] != '\0');
    }
}
END_TEST

/* A double with random bits: any sign, any exponent, subnormals too. */
static double any_double(em_rng *r)
{
    for (;;) {
        uint64_t u = ((uint64_t)em_rng_u32(r) << 32) | em_rng_u32(r);
        double v;
        memcpy(&v, &u, sizeof v);
        if (isfinite(v))
            return v;
    }
}

START_TEST(test_params_out_reads_back_bit_for_bit)
{
    const char *dir = make_tmpdir();
    const char *path = path_in(dir, "p.txt");
    em_rng r;
    em_rng_seed(&r, 10);
    char err[512];
    for (int trial = 0; trial < 300; trial++) {
        em_gmm m, back;
        size_t K = 2, d = 3;
        ck_assert_int_eq(em_gmm_alloc(&m, K, d), EM_OK);
        m.weight[0] = fabs(any_double(&r));
        while (!(m.weight[0] < 1.0))
            m.weight[0] = fabs(any_double(&r));
        m.weight[1] = 1.0 - m.weight[0];
        for (size_t v = 0; v < K * d; v++)
            m.mean[v] = any_double(&r);
        for (size_t k = 0; k < K; k++)
            for (size_t j = 0; j < d; j++) /* diagonal: positive definite at any scale */
                m.cov[(k * d + j) * d + j] = fabs(any_double(&r));
        ck_assert_int_eq(em_gmm_save(path, &m, err, sizeof err), EM_OK);
        ck_assert_msg(em_gmm_load(path, &back, err, sizeof err) == EM_OK, "%s", err);
        ck_assert_int_eq(memcmp(m.weight, back.weight, K * sizeof *m.weight), 0);
        ck_assert_int_eq(memcmp(m.mean, back.mean, K * d * sizeof *m.mean), 0);
        ck_assert_int_eq(memcmp(m.cov, back.cov, K * d * d * sizeof *m.cov), 0);
        em_gmm_free(&m);
        em_gmm_free(&back);
    }
}
END_TEST

Suite *torture_suite(void)
{
    Suite *s = suite_create("torture");
    TCase *tc = tcase_create("numbers");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_fit_prints_a_variance_of_1e40_whole);
    tcase_add_test(tc, test_fit_of_points_of_order_1e20);
    tcase_add_test(tc, test_small_values_are_not_printed_as_zero);
    tcase_add_test(tc, test_a_50_dimensional_covariance_prints_every_row);
    tcase_add_test(tc, test_params_out_reads_back_bit_for_bit);
    suite_add_tcase(s, tc);
    return s;
}
