/* test_gmm.c — the mixture: validation, density, sampling, parameter files. */
#include "emlab_test.h"
#include <stdlib.h>
#include <string.h>

/* pi = (.7, .3), mu = (0,0), (4,4): notebook 001's 2D truth */
static void two_blobs(em_gmm *m)
{
    ck_assert_int_eq(em_gmm_alloc(m, 2, 2), EM_OK);
    double w[2] = {0.7, 0.3}, mu[4] = {0, 0, 4, 4};
    double S[8] = {1, 0.5, 0.5, 1, 1, -0.3, -0.3, 1};
    memcpy(m->weight, w, sizeof w);
    memcpy(m->mean, mu, sizeof mu);
    memcpy(m->cov, S, sizeof S);
}

START_TEST(test_alloc_refuses_empty_shapes)
{
    em_gmm m;
    ck_assert_int_eq(em_gmm_alloc(&m, 0, 2), EM_EINVAL);
    ck_assert_int_eq(em_gmm_alloc(&m, 2, 0), EM_EINVAL);
    ck_assert_ptr_null(m.weight);
    em_gmm_free(&m); /* safe on the empty mixture */
}
END_TEST

START_TEST(test_copy_needs_same_shape)
{
    em_gmm a, b, c;
    two_blobs(&a);
    ck_assert_int_eq(em_gmm_alloc(&b, 2, 2), EM_OK);
    ck_assert_int_eq(em_gmm_alloc(&c, 3, 2), EM_OK);
    ck_assert_int_eq(em_gmm_copy(&b, &a), EM_OK);
    ck_assert_double_eq(b.cov[5], -0.3);
    ck_assert_int_eq(em_gmm_copy(&c, &a), EM_EINVAL);
    em_gmm_free(&a);
    em_gmm_free(&b);
    em_gmm_free(&c);
}
END_TEST

START_TEST(test_validate_names_the_bad_component)
{
    em_gmm m;
    size_t bad = 99;
    two_blobs(&m);
    ck_assert_int_eq(em_gmm_validate(&m, &bad), EM_OK);
    m.cov[5] = m.cov[6] = 2.0; /* [[1,2],[2,1]] is not positive definite */
    ck_assert_int_eq(em_gmm_validate(&m, &bad), EM_ESINGULAR);
    ck_assert_uint_eq(bad, 1);
    m.cov[5] = m.cov[6] = -0.3;
    m.cov[5] = 0.1; /* not symmetric */
    ck_assert_int_eq(em_gmm_validate(&m, &bad), EM_ESINGULAR);
    m.cov[5] = -0.3;
    m.weight[0] = -0.7;
    ck_assert_int_eq(em_gmm_validate(&m, &bad), EM_EINVAL);
    ck_assert_uint_eq(bad, 0);
    m.weight[0] = 0.5; /* sums to 0.8 */
    ck_assert_int_eq(em_gmm_validate(&m, &bad), EM_EINVAL);
    m.weight[0] = 0.7;
    m.mean[1] = NAN;
    ck_assert_int_eq(em_gmm_validate(&m, &bad), EM_ENONFINITE);
    ck_assert_uint_eq(bad, 0);
    em_gmm_free(&m);
}
END_TEST

START_TEST(test_log_density_is_log_of_weighted_sum)
{
    em_gmm m;
    two_blobs(&m);
    double x[6] = {0, 0, 2, 2, 4, 3}, logp[3];
    ck_assert_int_eq(em_gmm_log_density(&m, x, 3, logp), EM_OK);
    for (int i = 0; i < 3; i++) {
        double p = 0.0;
        for (int k = 0; k < 2; k++) {
            em_mvn g;
            ck_assert_int_eq(em_mvn_init(&g, 2, m.mean + 2 * k, m.cov + 4 * k), EM_OK);
            p += m.weight[k] * exp(em_mvn_logpdf(&g, x + 2 * i));
            em_mvn_free(&g);
        }
        ck_assert_rel(logp[i], log(p), 1e-14);
    }
    em_gmm_free(&m);
}
END_TEST

START_TEST(test_sample_follows_the_weights)
{
    em_gmm m;
    two_blobs(&m);
    em_rng r;
    em_rng_seed(&r, 3);
    const size_t n = 100000;
    double *x = malloc(n * 2 * sizeof *x);
    size_t *z = malloc(n * sizeof *z);
    ck_assert_int_eq(em_gmm_sample(&m, &r, n, x, z), EM_OK);
    size_t n1 = 0;
    double mean1[2] = {0, 0};
    for (size_t i = 0; i < n; i++) {
        ck_assert_uint_lt(z[i], 2);
        if (z[i] == 1) {
            n1++;
            mean1[0] += x[2 * i];
            mean1[1] += x[2 * i + 1];
        }
    }
    ck_assert(fabs((double)n1 / n - 0.3) < 0.01);
    ck_assert(fabs(mean1[0] / n1 - 4.0) < 0.03 && fabs(mean1[1] / n1 - 4.0) < 0.03);
    /* the labels come first: n uniforms, exactly as em_rng_categorical draws them */
    em_rng_seed(&r, 3);
    double cum[2] = {0.7, 1.0};
    for (size_t i = 0; i < 100; i++)
        ck_assert_uint_eq(em_rng_categorical(&r, cum, 2), z[i]);
    free(x);
    free(z);
    em_gmm_free(&m);
}
END_TEST

START_TEST(test_parameter_file_round_trip_is_exact)
{
    const char *dir = make_tmpdir();
    char path[600], err[512];
    for (size_t d = 1; d <= 3; d++) {
        em_gmm m, back;
        em_rng r;
        em_rng_seed(&r, (uint32_t)d);
        ck_assert_int_eq(em_gmm_alloc(&m, 3, d), EM_OK);
        double sum = 0.0;
        for (size_t k = 0; k < 3; k++) {
            sum += m.weight[k] = em_rng_uniform(&r);
            for (size_t j = 0; j < d; j++)
                m.mean[k * d + j] = em_rng_normal(&r, 0, 10);
            for (size_t j = 0; j < d; j++) /* diagonal dominant: positive definite */
                for (size_t l = 0; l <= j; l++)
                    m.cov[(k * d + j) * d + l] = m.cov[(k * d + l) * d + j] =
                        j == l ? 5.0 + em_rng_uniform(&r) : em_rng_uniform(&r) / 3.0;
        }
        for (size_t k = 0; k < 3; k++)
            m.weight[k] /= sum;
        snprintf(path, sizeof path, "%s/params%zu.txt", dir, d);
        ck_assert_int_eq(em_gmm_save(path, &m, err, sizeof err), EM_OK);
        ck_assert_msg(em_gmm_load(path, &back, err, sizeof err) == EM_OK, "%s", err);
        ck_assert_uint_eq(back.K, 3);
        ck_assert_uint_eq(back.d, d);
        ck_assert_mem_eq(back.weight, m.weight, 3 * sizeof(double));
        ck_assert_mem_eq(back.mean, m.mean, 3 * d * sizeof(double));
        ck_assert_mem_eq(back.cov, m.cov, 3 * d * d * sizeof(double));
        em_gmm_free(&m);
        em_gmm_free(&back);
    }
}
END_TEST

START_TEST(test_parameter_file_reads_comments_and_commas)
{
    const char *dir = make_tmpdir();
    char err[512];
    const char *path = write_file(dir, "p.txt",
                            "# two components in 1D\n\n0.333333, -1, 0.5  # left\n"
                            "0.666667, 2, 1.5\n");
    em_gmm m;
    ck_assert_msg(em_gmm_load(path, &m, err, sizeof err) == EM_OK, "%s", err);
    ck_assert_uint_eq(m.K, 2);
    ck_assert_uint_eq(m.d, 1);
    ck_assert_rel(m.weight[0] + m.weight[1], 1.0, 1e-15); /* renormalised */
    ck_assert_double_eq(m.mean[1], 2.0);
    ck_assert_double_eq(m.cov[0], 0.5);
    em_gmm_free(&m);
}
END_TEST

/* Loading TEXT fails with status st and a message containing want. */
static void expect_load_error(const char *text, em_status st, const char *want)
{
    const char *dir = make_tmpdir();
    char err[512] = "";
    const char *path = write_file(dir, "bad.txt", text);
    em_gmm m;
    ck_assert_int_eq(em_gmm_load(path, &m, err, sizeof err), st);
    ck_assert_msg(strstr(err, want) != NULL, "message '%s' lacks '%s'", err, want);
    ck_assert_msg(strncmp(err, path, strlen(path)) == 0, "message '%s' does not name the file", err);
    ck_assert_ptr_null(m.weight);
}

START_TEST(test_parameter_file_errors_name_file_and_line)
{
    expect_load_error("0.5 0 1\n0.5 1 1 2\n", EM_EPARSE, ":2: 4 columns, expected 3");
    expect_load_error("0.5 0 1 2 3\n", EM_EPARSE, ":1: 5 columns; a component needs");
    expect_load_error("0.5 0 1\n0.5 x 1\n", EM_EPARSE, ":2: column 2: 'x' is not a number");
    expect_load_error("0.5 0 1\n0.5 nan 1\n", EM_ENONFINITE, ":2: column 2: 'nan' is not a finite number");
    expect_load_error("0.5 0 1\n0.2 1 1\n", EM_EINVAL, "weights sum to 0.7");
    expect_load_error("1.5 0 1\n-0.5 1 1\n", EM_EINVAL, ":2: weight -0.5 is negative");
    expect_load_error("0.5 0 0 1 2 2 1\n0.5 1 1 1 0 0 1\n", EM_ESINGULAR,
                      ":1: the covariance of component 1 is not symmetric positive definite");
    expect_load_error("1 0 0 1 0.5 0.2 1\n", EM_ESINGULAR, "component 1");
    expect_load_error("0.5 0 -1\n0.5 1 1\n", EM_ESINGULAR, ":1:");
    expect_load_error("# nothing\n\n", EM_EPARSE, "no components");
}
END_TEST

START_TEST(test_parameter_file_missing)
{
    char err[512];
    em_gmm m;
    ck_assert_int_eq(em_gmm_load("/nonexistent/params.txt", &m, err, sizeof err), EM_EIO);
    ck_assert_str_eq(err, "/nonexistent/params.txt: cannot open: No such file or directory");
}
END_TEST

Suite *gmm_suite(void)
{
    Suite *s = suite_create("gmm");
    TCase *tc = tcase_create("mixture");
    tcase_add_test(tc, test_alloc_refuses_empty_shapes);
    tcase_add_test(tc, test_copy_needs_same_shape);
    tcase_add_test(tc, test_validate_names_the_bad_component);
    tcase_add_test(tc, test_log_density_is_log_of_weighted_sum);
    tcase_add_test(tc, test_sample_follows_the_weights);
    suite_add_tcase(s, tc);
    TCase *io = tcase_create("parameter file");
    tcase_add_test(io, test_parameter_file_round_trip_is_exact);
    tcase_add_test(io, test_parameter_file_reads_comments_and_commas);
    tcase_add_test(io, test_parameter_file_errors_name_file_and_line);
    tcase_add_test(io, test_parameter_file_missing);
    suite_add_tcase(s, io);
    return s;
}
