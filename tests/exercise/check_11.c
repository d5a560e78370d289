/* check_11.c — chapter 11's blank: the lower bound L(q, theta). */
#define main chapter_11_main
#include "11_why_em_works.c"
#undef main
#include "exercise.h"

/* The bound by the formula; with `how` a classic mistake: 1 without the
 * entropy term (that is Q), 2 the entropy with the wrong sign, 3 without
 * log pi_k, 4 the variance passed as the standard deviation. Terms with
 * q_ik = 0 add nothing. */
static double bound_ref(const double *x, const double *q, const double *mu, int how)
{
    double L = 0.0;
    for (size_t i = 0; i < N; i++)
        for (size_t k = 0; k < K; k++) {
            double q_ik = q[i * K + k];
            if (q_ik <= 0.0)
                continue;
            double entropy = how == 1 ? 0.0 : how == 2 ? log(q_ik) : -log(q_ik);
            double sd = how == 4 ? SIGMA[k] * SIGMA[k] : SIGMA[k];
            L += q_ik * ((how == 3 ? 0.0 : log(PI[k])) + em_normal_logpdf(x[i], mu[k], sd)
                         + entropy);
        }
    return L;
}

static void the_points(double *x)
{
    em_rng r;
    em_rng_seed(&r, 11);
    for (size_t i = 0; i < N; i++)
        x[i] = em_rng_normal(&r, i < N_EACH ? -1.0 : MU_2, SIGMA[i >= N_EACH]);
}

START_TEST(check_bound)
{
    static double x[N], q[N * K];
    the_points(x);
    const double made_at[K] = {1.0, MU_2}, mu[K] = {0.3, MU_2}; /* q from another theta */
    double ll_made = log_likelihood(x, made_at, q), ll = log_likelihood(x, mu, NULL);
    (void)ll_made;
    double got = lower_bound(x, q, mu), want = bound_ref(x, q, mu, 0);
    if (!(fabs(got - want) <= 1e-9 * fabs(want))) {
        const char *why = isnan(got) ? "it is not a number" : "";
        static const char *const mistake[5] = {
            "", "that is Q, the expected complete-data log-likelihood: the bound also has the "
                "entropy of q, minus the sum of q_ik ln q_ik",
            "the entropy term has the wrong sign: L = sum q_ik (ln pi_k N(x_i) - ln q_ik)",
            "ln pi_k is missing: the joint is pi_k N(x_i | mu_k, sigma_k^2)",
            "you passed the variance SIGMA[k]^2 where em_normal_logpdf wants the standard "
            "deviation SIGMA[k]"};
        for (int how = 1; how <= 4 && !*why; how++) {
            double wrong = bound_ref(x, q, mu, how);
            if (fabs(got - wrong) <= 1e-9 * fabs(wrong))
                why = mistake[how];
        }
        if (!*why && fabs(got - ll) <= 1e-9 * fabs(ll))
            why = "that is ln p(X | theta) itself, the log of the sum over k; the bound puts the "
                  "sum over k outside the log, weighted by q_ik";
        ck_abort_msg("L(q, theta) = %.12g, expected %.12g (q made at mu_1 = 1, theta at mu_1 = "
                     "0.3). %s", got, want, why);
    }
    /* a q with exact zeros (hard labels): 0 ln 0 counts as 0 */
    for (size_t i = 0; i < N; i++) {
        q[i * K] = i < N_EACH ? 1.0 : 0.0;
        q[i * K + 1] = 1.0 - q[i * K];
    }
    got = lower_bound(x, q, mu);
    want = bound_ref(x, q, mu, 0);
    ck_assert_msg(fabs(got - want) <= 1e-9 * fabs(want), "with q_ik = 0 or 1 (hard labels), "
                  "L(q, theta) = %.12g, expected %.12g.%s", got, want,
                  isnan(got) ? " It is not a number: 0 ln 0 is taken as 0, so skip the terms "
                               "with q_ik = 0" : "");
}
END_TEST

void checks_11(Suite *s)
{
    add_blank_check(s, "bound", check_bound);
}
