/* check_04.c — chapter 4's blanks: the E-step, the M-step (mu, sigma, pi)
 * and the log-likelihood. */
#define main chapter_04_main
#include "04_em_fill_in.c"
#undef main
#include "exercise.h"

/* The inputs of every check: the chapter's 300 points and a model that is
 * not the answer, so that nothing is right by accident. */
static const double MU[K] = {-0.4, 4.6}, SIGMA[K] = {1.3, 0.8}, PI[K] = {0.65, 0.35};

/* gamma by the formula; with `how` a classic mistake instead:
 * 1 no normalisation, 2 normalised over points, 3 sigma^2 passed as sigma,
 * 4 no weights pi_k. */
static void gamma_ref(const double *x, double *g, int how)
{
    for (size_t i = 0; i < N; i++) {
        double total = 0.0;
        for (size_t k = 0; k < K; k++) {
            double sd = how == 3 ? SIGMA[k] * SIGMA[k] : SIGMA[k];
            total += g[i * K + k] = (how == 4 ? 1.0 : PI[k]) * em_normal_pdf(x[i], MU[k], sd);
        }
        for (size_t k = 0; k < K && how != 1 && how != 2; k++)
            g[i * K + k] /= total;
    }
    if (how == 2)
        for (size_t k = 0; k < K; k++) {
            double col = 0.0;
            for (size_t i = 0; i < N; i++)
                col += g[i * K + k];
            for (size_t i = 0; i < N; i++)
                g[i * K + k] /= col;
        }
}

START_TEST(check_e_step)
{
    static double x[N], got[N * K], want[N * K], wrong[N * K];
    make_data(x);
    for (size_t v = 0; v < N * K; v++)
        got[v] = NAN;
    e_step(x, MU, SIGMA, PI, got);
    gamma_ref(x, want, 0);
    size_t v = first_difference(got, want, N * K, 1e-9);
    if (v == N * K)
        return;
    size_t i = v / K, k = v % K;
    static const char *mistake[5] = {
        "", "each point's responsibilities must add up to 1: divide gamma_ik by the sum "
            "over the components k (gamma is not normalised over components)",
        "you normalised over the points (each column adds up to 1); normalise over the "
        "components instead: each row gamma_i1 + gamma_i2 = 1",
        "you passed the variance sigma^2 where em_normal_pdf wants the standard deviation sigma",
        "the weights pi_k are missing from the numerator pi_k N(x_i | mu_k, sigma_k^2)"};
    const char *why = isnan(got[v]) ? "it was never written: does your loop visit every point "
                                      "i < N and every component k < K?" : "";
    for (int how = 1; how <= 4 && !*why; how++) {
        gamma_ref(x, wrong, how);
        if (looks_like(got, wrong, N * K))
            why = mistake[how];
    }
    ck_abort_msg("gamma[%zu][%zu] (point i = %zu, component k = %zu) = %.6g, expected %.6g. %s",
                 i, k, i, k, got[v], want[v], why);
}
END_TEST

/* Responsibilities to feed the M-step checks: the reference E-step. */
static void some_gamma(double *x, double *g)
{
    make_data(x);
    gamma_ref(x, g, 0);
}

static double weighted_sum(const double *x, const double *g, size_t k, int power, double c)
{
    double s = 0.0;
    for (size_t i = 0; i < N; i++)
        s += g[i * K + k] * (power == 1 ? x[i] : (x[i] - c) * (x[i] - c));
    return s;
}

START_TEST(check_m_step_mu)
{
    static double x[N], g[N * K];
    some_gamma(x, g);
    for (size_t k = 0; k < K; k++) {
        double N_k = effective_count(g, k), got = m_step_mu(x, g, k, N_k);
        double want = weighted_sum(x, g, k, 1, 0.0) / N_k;
        if (first_difference(&got, &want, 1, 1e-9) == 0) {
            double sum_x = 0.0, other = weighted_sum(x, g, 1 - k, 1, 0.0);
            for (size_t i = 0; i < N; i++)
                sum_x += x[i];
            double by_n = weighted_sum(x, g, k, 1, 0.0) / N, raw = weighted_sum(x, g, k, 1, 0.0);
            double plain = sum_x / N, swapped = other / effective_count(g, 1 - k);
            const char *why =
                looks_like(&got, &by_n, 1) ? "you divided by N, the number of all points; divide "
                                             "by N_k, component k's effective number of points"
                : looks_like(&got, &raw, 1) ? "that is the weighted sum; a mean divides it by N_k"
                : looks_like(&got, &plain, 1) ? "that is the plain mean of all points: weight each "
                                                "x_i by gamma_ik"
                : looks_like(&got, &swapped, 1) ? "that is the other component's mean: gamma is "
                                                  "stored point by point, gamma[i*K + k]"
                : "";
            ck_abort_msg("mu_%zu (component k = %zu) = %.9g, expected %.9g. %s", k, k, got, want,
                         why);
        }
    }
}
END_TEST

START_TEST(check_m_step_sigma)
{
    static double x[N], g[N * K];
    some_gamma(x, g);
    for (size_t k = 0; k < K; k++) {
        double N_k = effective_count(g, k), mu_k = weighted_sum(x, g, k, 1, 0.0) / N_k;
        double got = m_step_sigma(x, g, k, N_k, mu_k);
        double ss = weighted_sum(x, g, k, 2, mu_k), want = sqrt(ss / N_k);
        if (first_difference(&got, &want, 1, 1e-9) == 0) {
            double var = ss / N_k, by_n = sqrt(ss / N), no_root_n = ss / N;
            const char *why =
                looks_like(&got, &var, 1) ? "that is sigma^2, the variance: the function returns "
                                            "the standard deviation sigma, its square root"
                : looks_like(&got, &by_n, 1) ? "you divided by N, the number of all points; "
                                               "divide by N_k"
                : looks_like(&got, &no_root_n, 1) ? "that is the variance, divided by N: divide by "
                                                    "N_k and take the square root"
                : "";
            ck_abort_msg("sigma_%zu (component k = %zu) = %.9g, expected %.9g. %s", k, k, got,
                         want, why);
        }
    }
}
END_TEST

START_TEST(check_m_step_pi)
{
    const double counts[3] = {210.5, 89.5, 12.25};
    for (int c = 0; c < 3; c++) {
        double got = m_step_pi(counts[c]), want = counts[c] / N;
        if (first_difference(&got, &want, 1, 1e-12) == 0) {
            double raw = counts[c], by_k = counts[c] / K, equal = 1.0 / K, inverse = N / counts[c];
            const char *why =
                looks_like(&got, &raw, 1) ? "that is N_k itself: pi_k is a share, N_k out of N"
                : looks_like(&got, &by_k, 1) ? "you divided by K, the number of components; "
                                               "divide by N, the number of points"
                : looks_like(&got, &equal, 1) ? "that is 1/K, equal weights: the M-step learns "
                                                "pi_k from N_k"
                : looks_like(&got, &inverse, 1) ? "that is N / N_k, upside down"
                : "";
            ck_abort_msg("pi for N_k = %g = %.9g, expected %.9g. %s", counts[c], got, want, why);
        }
    }
}
END_TEST

/* The log-likelihood, and two classic mistakes: 1 the sum over points taken
 * inside the log, 2 the log taken inside the sum over components. */
static double loglik_ref(const double *x, int how)
{
    double ll = 0.0, total = 0.0;
    for (size_t i = 0; i < N; i++) {
        double p = 0.0;
        for (size_t k = 0; k < K; k++) {
            double t = PI[k] * em_normal_pdf(x[i], MU[k], SIGMA[k]);
            p += t;
            if (how == 2)
                ll += log(t);
        }
        total += p;
        if (how == 0)
            ll += log(p);
    }
    return how == 1 ? log(total) : ll;
}

START_TEST(check_log_likelihood)
{
    static double x[N];
    make_data(x);
    double got = log_likelihood(x, MU, SIGMA, PI), want = loglik_ref(x, 0);
    if (first_difference(&got, &want, 1, 1e-9) == 1)
        return; /* equal */
    double before = loglik_ref(x, 1), inside = loglik_ref(x, 2);
    const char *why =
        looks_like(&got, &before, 1)
            ? "you summed over the points before taking the log (the log of the total): take "
              "log p(x_i) of each point, then add them up"
        : looks_like(&got, &inside, 1)
            ? "you took the log inside the sum over components: it is the log of the mixture "
              "density, log(sum_k pi_k N(x_i | ...)), not sum_k log(...)"
        : got > 0.0 ? "a log-likelihood of continuous data this spread out is negative" : "";
    ck_abort_msg("log-likelihood = %.9g, expected %.9g. %s", got, want, why);
}
END_TEST

void checks_04(Suite *s)
{
    add_blank_check(s, "e_step", check_e_step);
    add_blank_check(s, "m_step_mu", check_m_step_mu);
    add_blank_check(s, "m_step_sigma", check_m_step_sigma);
    add_blank_check(s, "m_step_pi", check_m_step_pi);
    add_blank_check(s, "log_likelihood", check_log_likelihood);
}
