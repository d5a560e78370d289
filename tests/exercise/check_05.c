/* check_05.c — chapter 5's blank: the 2D covariance update. */
#define main chapter_05_main
#include "05_em_2d.c"
#undef main
#include "exercise.h"

/* Sigma_k by the formula around the mean c (the new one, or, for the
 * classic mistake, the old one); how = 1: divided by N, 2: no weights. */
static void cov_ref(const double *x, const double *g, size_t k, const double *c, int how,
                    double *S)
{
    double N_k = 0.0;
    for (size_t v = 0; v < D * D; v++)
        S[v] = 0.0;
    for (size_t i = 0; i < N; i++) {
        double w = how == 2 ? 1.0 : g[i * K + k];
        N_k += w;
        for (size_t j = 0; j < D; j++)
            for (size_t l = 0; l < D; l++)
                S[j * D + l] += w * (x[i * D + j] - c[j]) * (x[i * D + l] - c[l]);
    }
    for (size_t v = 0; v < D * D; v++)
        S[v] /= how == 1 ? (double)N : N_k;
}

START_TEST(check_covariance)
{
    const double *x = &notebook001_2d[0][0];
    static double g[N * K];
    em_gmm m, old;
    ck_assert_int_eq(em_gmm_alloc(&m, K, D), EM_OK);
    ck_assert_int_eq(em_gmm_alloc(&old, K, D), EM_OK);
    /* an old model far from where the M-step will move it */
    const double w[K] = {0.5, 0.5}, mu[K * D] = {-1.0, 2.0, 5.0, 1.0};
    const double S[K * D * D] = {2.0, 0.3, 0.3, 1.0, 1.0, -0.2, -0.2, 1.5};
    memcpy(m.weight, w, sizeof w);
    memcpy(m.mean, mu, sizeof mu);
    memcpy(m.cov, S, sizeof S);
    em_gmm_copy(&old, &m);
    ck_assert_int_eq(em_e_step(&m, x, N, g, NULL, NULL), EM_OK);
    for (size_t v = 0; v < K * D * D; v++)
        m.cov[v] = NAN;
    m_step(x, g, &m);
    for (size_t k = 0; k < K; k++) {
        double want[D * D], wrong[D * D], mu_new[D], N_k = 0.0;
        for (size_t j = 0; j < D; j++)
            mu_new[j] = 0.0;
        for (size_t i = 0; i < N; i++) {
            N_k += g[i * K + k];
            for (size_t j = 0; j < D; j++)
                mu_new[j] += g[i * K + k] * x[i * D + j];
        }
        for (size_t j = 0; j < D; j++)
            mu_new[j] /= N_k;
        cov_ref(x, g, k, mu_new, 0, want);
        const double *got = m.cov + k * D * D;
        size_t v = first_difference(got, want, D * D, 1e-9);
        if (v == D * D)
            continue;
        const char *why = isnan(got[v]) ? "it was never written" : "";
        if (!*why) {
            cov_ref(x, g, k, old.mean + k * D, 0, wrong);
            if (looks_like(got, wrong, D * D))
                why = "you took the deviations from the old mean m->mean; take them from the "
                      "new mean mu_k (the covariance around the old mean, chapter 6's bug)";
        }
        if (!*why) {
            cov_ref(x, g, k, mu_new, 1, wrong);
            if (looks_like(got, wrong, D * D))
                why = "you divided by N, the number of all points; divide by N_k";
        }
        if (!*why) {
            cov_ref(x, g, k, mu_new, 2, wrong);
            if (looks_like(got, wrong, D * D))
                why = "each outer product needs its weight gamma_ik";
        }
        if (!*why && (v == 1 || v == 2) && got[v] == 0.0)
            why = "the off-diagonal entries (how x_1 and x_2 vary together) are missing: sum "
                  "gamma_ik d_j d_l for every pair j, l";
        ck_abort_msg("Sigma_%zu[%zu][%zu] (component k = %zu) = %.9g, expected %.9g. %s", k,
                     v / D, v % D, k, got[v], want[v], why);
    }
    em_gmm_free(&m);
    em_gmm_free(&old);
}
END_TEST

void checks_05(Suite *s)
{
    add_blank_check(s, "covariance", check_covariance);
}
