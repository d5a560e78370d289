/* check_02.c — chapter 2's blank: one responsibility. */
#define main chapter_02_main
#include "02_responsibilities.c"
#undef main
#include "exercise.h"

/* gamma_k(x) by the formula; how = 1: the variance passed as sigma (the
 * notebook's pitfall), 2: no weights, 3: not normalised. */
static double gamma_ref(double xn, size_t k, const double *pi, const double *mu,
                        const double *var, int how)
{
    double total = 0.0, mine = 0.0;
    for (size_t j = 0; j < 3; j++) {
        double sd = how == 1 ? var[j] : sqrt(var[j]);
        double t = (how == 2 ? 1.0 : pi[j]) * em_normal_pdf(xn, mu[j], sd);
        total += t;
        if (j == k)
            mine = t;
    }
    return how == 3 ? mine : mine / total;
}

START_TEST(check_responsibility)
{
    /* the chapter's components, and a second set with unequal weights */
    const double pi[2][3] = {{1.0 / 3, 1.0 / 3, 1.0 / 3}, {0.5, 0.2, 0.3}};
    const double mu[3] = {-4, 0, 8}, var[3] = {1, 0.2, 3};
    const double xs[5] = {-3, -1, 0.5, 2, 4};
    for (int w = 0; w < 2; w++)
        for (int n = 0; n < 5; n++)
            for (size_t k = 0; k < 3; k++) {
                double got = responsibility(xs[n], k, pi[w], mu, var, 3);
                double want = gamma_ref(xs[n], k, pi[w], mu, var, 0);
                if (first_difference(&got, &want, 1, 1e-9) == 1)
                    continue;
                double pit = gamma_ref(xs[n], k, pi[w], mu, var, 1);
                double now = gamma_ref(xs[n], k, pi[w], mu, var, 2);
                double raw = gamma_ref(xs[n], k, pi[w], mu, var, 3);
                const char *why =
                    looks_like(&got, &pit, 1)
                        ? "you passed the variance where the standard deviation belongs: "
                          "em_normal_pdf takes sigma = sqrt(variance) (the notebook's pitfall)"
                    : looks_like(&got, &now, 1) ? "the weights pi_k are missing"
                    : looks_like(&got, &raw, 1) ? "that is the numerator pi_k N(x | mu_k, "
                                                  "sigma_k^2) alone: divide by the sum over all "
                                                  "components"
                    : "";
                ck_abort_msg("x = %g, component k = %zu, weights (%.3g, %.3g, %.3g): got %.9g, "
                             "expected %.9g. %s", xs[n], k, pi[w][0], pi[w][1], pi[w][2], got,
                             want, why);
            }
}
END_TEST

void checks_02(Suite *s)
{
    add_blank_check(s, "responsibility", check_responsibility);
}
