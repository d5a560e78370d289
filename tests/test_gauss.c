/* test_gauss.c — normal densities (notebook 003's printed values),
 * log-sum-exp in the far tails, multivariate normal sampling. */
#include "emlab_test.h"

static const double nb003_x[7] = {-3, -2.5, -1, 0, 2, 4, 5};
static const double nb003_mu[3] = {-4, 0, 8};
static const double nb003_var[3] = {1, 0.2, 3};

/* The 21 densities notebook 003 printed: norm.pdf(x_i, mu_k, sqrt(var_k)),
 * point by point, component by component. */
static const double nb003_pdf[21] = {
    0.24197072451914337,   1.5092779429032093e-10, 4.01862412158526e-10,
    0.12951759566589174,   1.4606420129620445e-07, 2.4109507201666824e-09,
    0.0044318484119380075, 0.07322491280963242,    3.157722290068457e-07,
    0.00013383022576488537, 0.8920620580763856,    5.3687720495468876e-06,
    6.075882849823286e-09, 4.049955478044552e-05,  0.0005709295833517096,
    5.052271083536893e-15, 3.789795640412959e-18,  0.01600408392170322,
    1.0279773571668917e-18, 6.411947371150563e-28, 0.05139344326792309,
};

START_TEST(test_normal_pdf_matches_notebook_003)
{
    for (int i = 0; i < 7; i++)
        for (int k = 0; k < 3; k++)
            ck_assert_rel(em_normal_pdf(nb003_x[i], nb003_mu[k], sqrt(nb003_var[k])),
                          nb003_pdf[i * 3 + k], 1e-14);
}
END_TEST

START_TEST(test_normal_logpdf_closed_form)
{
    /* log N(x|mu,s^2) at x = mu is -log s - log(2 pi)/2 */
    ck_assert_rel(em_normal_logpdf(3.0, 3.0, 2.0), -log(2.0) - 0.5 * log(2 * M_PI), 1e-15);
    /* 40 sigma out: -800 - log sigma - log(2 pi)/2, no underflow */
    ck_assert_rel(em_normal_logpdf(40.0, 0.0, 1.0), -800.0 - 0.5 * log(2 * M_PI), 1e-15);
    ck_assert(isnan(em_normal_logpdf(0.0, 0.0, 0.0)));
    ck_assert(isnan(em_normal_logpdf(0.0, 0.0, -1.0)));
}
END_TEST

START_TEST(test_logsumexp_far_in_the_tails)
{
    /* exp(-800) underflows to 0, its log does not */
    double a[2] = {-800.0, -801.0};
    ck_assert_rel(em_logsumexp(a, 2), -800.0 + log1p(exp(-1.0)), 1e-15);
    double b[3] = {1000.0, 1000.0, 1000.0}; /* exp(1000) overflows */
    ck_assert_rel(em_logsumexp(b, 3), 1000.0 + log(3.0), 1e-15);
    double c[2] = {-INFINITY, -INFINITY}; /* all probabilities zero */
    ck_assert(isinf(em_logsumexp(c, 2)) && em_logsumexp(c, 2) < 0);
    double d[2] = {-INFINITY, -5.0};
    ck_assert_double_eq(em_logsumexp(d, 2), -5.0);
    double e[2] = {1.0, NAN};
    ck_assert(isnan(em_logsumexp(e, 2)));
}
END_TEST

START_TEST(test_mvn_in_one_dimension_is_the_normal)
{
    double mu = 1.5, var = 0.7;
    em_mvn g;
    ck_assert_int_eq(em_mvn_init(&g, 1, &mu, &var), EM_OK);
    for (double x = -3; x < 3; x += 0.25)
        ck_assert_rel(em_mvn_logpdf(&g, &x), em_normal_logpdf(x, mu, sqrt(var)), 1e-14);
    em_mvn_free(&g);
}
END_TEST

START_TEST(test_mvn_logpdf_closed_form_2d)
{
    double mu[2] = {0.0, 1.0}, S[4] = {1.0, 0.5, 0.5, 1.0}, x[2] = {0.3, -0.4};
    em_mvn g;
    ck_assert_int_eq(em_mvn_init(&g, 2, mu, S), EM_OK);
    double det = 0.75, dx = 0.3, dy = -1.4;
    double q = (dx * dx - 2 * 0.5 * dx * dy + dy * dy) / det;
    ck_assert_rel(em_mvn_logpdf(&g, x), -log(2 * M_PI) - 0.5 * log(det) - 0.5 * q, 1e-14);
    em_mvn_free(&g);
}
END_TEST

START_TEST(test_mvn_diagonal_is_a_product)
{
    /* d = 5, diagonal Sigma: the log-density is the sum of 1D ones */
    double mu[5] = {1, -2, 0, 3, 0.5}, S[25] = {0}, x[5] = {0.2, -1, 1, 2.5, 0};
    double sd[5] = {1, 2, 0.5, 3, 1.5}, want = 0.0;
    for (int j = 0; j < 5; j++) {
        S[j * 5 + j] = sd[j] * sd[j];
        want += em_normal_logpdf(x[j], mu[j], sd[j]);
    }
    em_mvn g;
    ck_assert_int_eq(em_mvn_init(&g, 5, mu, S), EM_OK);
    ck_assert_rel(em_mvn_logpdf(&g, x), want, 1e-14);
    em_mvn_free(&g);
}
END_TEST

START_TEST(test_mvn_init_refuses_bad_input)
{
    double mu[2] = {0, 0}, S[4] = {1, 2, 2, 1};
    em_mvn g;
    ck_assert_int_eq(em_mvn_init(&g, 2, mu, S), EM_ESINGULAR);
    ck_assert_ptr_null(g.L);
    ck_assert_int_eq(em_mvn_init(&g, 0, mu, S), EM_EINVAL);
}
END_TEST

START_TEST(test_mvn_sample_has_the_right_moments)
{
    /* 200 000 draws: empirical mean and covariance near mu and Sigma */
    double mu[2] = {1.0, -2.0}, S[4] = {2.0, -0.8, -0.8, 1.0}, x[2];
    em_mvn g;
    em_rng r;
    em_rng_seed(&r, 5);
    ck_assert_int_eq(em_mvn_init(&g, 2, mu, S), EM_OK);
    double s[2] = {0, 0}, ss[3] = {0, 0, 0};
    const int n = 200000;
    for (int i = 0; i < n; i++) {
        em_mvn_sample(&g, &r, x);
        s[0] += x[0];
        s[1] += x[1];
        ss[0] += (x[0] - 1.0) * (x[0] - 1.0);
        ss[1] += (x[0] - 1.0) * (x[1] + 2.0);
        ss[2] += (x[1] + 2.0) * (x[1] + 2.0);
    }
    ck_assert(fabs(s[0] / n - 1.0) < 0.01 && fabs(s[1] / n + 2.0) < 0.01);
    ck_assert(fabs(ss[0] / n - 2.0) < 0.02);
    ck_assert(fabs(ss[1] / n + 0.8) < 0.02);
    ck_assert(fabs(ss[2] / n - 1.0) < 0.02);
    em_mvn_free(&g);
}
END_TEST

Suite *gauss_suite(void)
{
    Suite *s = suite_create("gauss");
    TCase *tc = tcase_create("densities");
    tcase_add_test(tc, test_normal_pdf_matches_notebook_003);
    tcase_add_test(tc, test_normal_logpdf_closed_form);
    tcase_add_test(tc, test_logsumexp_far_in_the_tails);
    tcase_add_test(tc, test_mvn_in_one_dimension_is_the_normal);
    tcase_add_test(tc, test_mvn_logpdf_closed_form_2d);
    tcase_add_test(tc, test_mvn_diagonal_is_a_product);
    tcase_add_test(tc, test_mvn_init_refuses_bad_input);
    tcase_add_test(tc, test_mvn_sample_has_the_right_moments);
    suite_add_tcase(s, tc);
    return s;
}
