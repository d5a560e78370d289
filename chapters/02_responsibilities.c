/*
 * # Chapter 2: Responsibilities
 *
 * *From notebook 003.* Seven points on a line and three Gaussian components
 * that might have made them. Before EM can learn anything it must answer
 * one question for every point: **which component is responsible for it?**
 *
 * The answer is not a single component but a probability for each, the
 * responsibility (Bishop, PRML eq. 9.23):
 *
 * $$\gamma_{nk} = \frac{\pi_k\, \mathcal{N}(x_n \mid \mu_k, \sigma_k^2)}
 *                     {\sum_j \pi_j\, \mathcal{N}(x_n \mid \mu_j, \sigma_j^2)}$$
 *
 * the posterior probability that point n came from component k. Each row
 * of the table of gammas sums to 1. This is the E-step of EM, done once.
 *
 * Run it: `build/02_responsibilities` (figures in `out/02_responsibilities/`).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "emlab.h"

enum { N = 7, K = 3, GRID = 400 };

/*
 * ## The data and the components
 *
 * Means -4, 0, 8 and *variances* 1, 0.2, 3, equal weights 1/3. Keep the word
 * variances in mind: it is the trap at the end of this chapter.
 */
static const double x[N] = {-3, -2.5, -1, 0, 2, 4, 5};
static const double means[K] = {-4, 0, 8};
static const double variances[K] = {1, 0.2, 3};

static void make_mixture(em_gmm *m)
{
    for (size_t k = 0; k < K; k++) {
        m->weight[k] = 1.0 / 3;
        m->mean[k] = means[k];
        m->cov[k] = variances[k]; /* a 1 x 1 covariance is the variance */
    }
}

/*
 * ## Step 1: the density of each point under each component
 *
 * `norm.pdf(x, loc=mu, scale=sigma)` takes the **standard deviation**
 * sigma = sqrt(variance). The notebook printed these 21 numbers, point by
 * point; so do we, digit for digit (Python's shortest round-trip repr).
 */
static void print_densities(void)
{
    char buf[40];
    for (size_t n = 0; n < N; n++)
        for (size_t k = 0; k < K; k++)
            printf("%s\n", em_repr(em_normal_pdf(x[n], means[k], sqrt(variances[k])), buf,
                                   sizeof buf));
}

/*
 * ## Step 2: the responsibility table
 *
 * One responsibility, straight from the formula: the weighted density of
 * component k at x_n, divided by the sum of all the weighted densities at
 * x_n. (The library's E-step computes the same in the log domain, with
 * log-sum-exp, so that it never divides 0 by 0 far out in the tails; here
 * every density is moderate and the direct form reads like the formula.)
 */
static double responsibility(double x_n, size_t k, const double *pi, const double *mu,
                             const double *var, size_t n_comp)
{
    double gamma = 0.0;
    /* BEGIN SOLUTION responsibility */
    double total = 0.0;
    for (size_t j = 0; j < n_comp; j++)
        total += pi[j] * em_normal_pdf(x_n, mu[j], sqrt(var[j]));
    gamma = pi[k] * em_normal_pdf(x_n, mu[k], sqrt(var[k])) / total;
    /* END SOLUTION */
    return gamma;
}

static void print_table(const em_gmm *m, double *resp)
{
    const em_printopts notebook = {.precision = 6, .suppress = 1}; /* np.set_printoptions */
    for (size_t n = 0; n < N; n++)
        for (size_t k = 0; k < K; k++)
            resp[n * K + k] = responsibility(x[n], k, m->weight, m->mean, m->cov, K);
    em_print_matrix(stdout, "Responsibility Matrix (N x K):\n", resp, N, K, notebook);
}

/*
 * ## Step 3: the classic mistake
 *
 * One cell of the notebook passed the variance where the standard deviation
 * belongs: `scale=covs[k]`. For point 3 (x = -1) and component 3 (mu = 8,
 * variance 3) it got a responsibility of 0.2497. The right value is
 * 0.000004. A standard deviation of 3 instead of sqrt(3) = 1.73 makes
 * component 3 far too wide, so its tail reaches x = -1; component 2's
 * standard deviation 0.2 instead of 0.45 makes it far too narrow.
 */
static void print_pitfall(const double *resp)
{
    const size_t n = 2, k = 2;
    double q[K], qq = 0.0;
    char a[40], b[40], c[40], d[40];
    for (size_t j = 0; j < K; j++)
        qq += q[j] = (1.0 / 3) * em_normal_pdf(x[n], means[j], variances[j]); /* the mistake */
    printf("\nThe pitfall: scale=variance where scale=sqrt(variance) belongs.\n");
    printf("Point %zu (x = %g), component %zu (mu = %g, variance = %g):\n", n + 1, x[n], k + 1,
           means[k], variances[k]);
    printf("  q = %s  (pi_3 N(x | mu_3, sigma_3^2), right)\n",
           em_repr((1.0 / 3) * em_normal_pdf(x[n], means[k], sqrt(variances[k])), a, sizeof a));
    printf("  q1, q2, q3, qq = %s, %s, %s, %s  (scale=variance, wrong)\n",
           em_repr(q[0], a, sizeof a), em_repr(q[1], b, sizeof b), em_repr(q[2], c, sizeof c),
           em_repr(qq, d, sizeof d));
    printf("  wrong gamma = q3 / qq = %s\n", em_repr(q[2] / qq, a, sizeof a));
    printf("  right gamma           = %s  (0.000004 in the table)\n",
           em_repr(resp[n * K + k], a, sizeof a));
}

/*
 * ## The figures
 *
 * `densities`: each component's weighted density pi_k N(x | mu_k, sigma_k^2)
 * with the seven points on the axis. `responsibilities`: one bar per point,
 * split by component: the table above, drawn. `pitfall`: the same densities
 * with the variance passed as a standard deviation (dashed).
 */
static em_status curves_figure(em_figdir *fd, const char *name, const char *title,
                               const em_gmm *right, const em_gmm *wrong, char *err, size_t len)
{
    double gx[GRID], comp[GRID * K], mix[GRID];
    em_fig f;
    em_status st = em_fig_begin(&f, fd, name, "curves.gp", err, len);
    if (st)
        return st;
    static const char *keys[2][K] = {
        {"component 1 (μ = -4)", "component 2 (μ = 0)", "component 3 (μ = 8)"},
        {"", "component 2, σ = 0.2 (wrong)", "component 3, σ = 3 (wrong)"}};
    size_t c = 0;
    char block[16], var[16];
    for (int pass = 0; pass < (wrong ? 2 : 1); pass++) {
        const em_gmm *m = pass ? wrong : right;
        if ((st = em_gmm_curves_1d(m, -7.0, 13.0, GRID, gx, comp, mix)))
            break;
        for (size_t k = 0; k < K; k++) {
            c++;
            snprintf(block, sizeof block, "curve%zu", c);
            em_fig_xy(&f, block, gx, comp + k, GRID, K);
            snprintf(var, sizeof var, "style_%zu", c);
            em_fig_set_num(&f, var, (double)(k + 1));
            snprintf(var, sizeof var, "dash_%zu", c);
            em_fig_set_num(&f, var, pass ? 2 : 1);
            snprintf(var, sizeof var, "key_%zu", c);
            em_fig_set_str(&f, var, keys[pass][k]);
        }
    }
    FILE *pts = em_fig_block(&f, "points");
    for (size_t n = 0; n < N; n++)
        fprintf(pts, "%g\n", x[n]);
    em_fig_set_num(&f, "n_curves", (double)c);
    em_fig_set_num(&f, "has_points", 1);
    em_fig_set_str(&f, "points_key", "the 7 points");
    em_fig_set_str(&f, "title_text", title);
    em_fig_set_str(&f, "ylabel_text", "π_k N(x | μ_k, σ_k^2)");
    if (wrong) { /* on a log scale the tails show: who reaches x = -1? */
        em_fig_set_num(&f, "log_y", 1);
        em_fig_set_num(&f, "y_min", 1e-9);
        em_fig_set_str(&f, "key_pos", "outside right center");
        em_fig_set_num(&f, "fig_w", 1300);
        em_fig_set_num(&f, "mark_x", x[2]);
        em_fig_set_str(&f, "mark_text", "x_3 = -1");
    }
    if (st) {
        em_fig_abort(&f);
        return st;
    }
    return em_fig_end(&f, err, len);
}

static em_status bars_figure(em_figdir *fd, const double *resp, char *err, size_t len)
{
    em_fig f;
    em_status st = em_fig_begin(&f, fd, "responsibilities", "stacked.gp", err, len);
    if (st)
        return st;
    FILE *out = em_fig_block(&f, "bars");
    for (size_t n = 0; n < N; n++)
        fprintf(out, "%g %.10g %.10g %.10g\n", x[n], resp[n * K], resp[n * K + 1],
                resp[n * K + 2]);
    em_fig_set_num(&f, "n_comp", K);
    em_fig_set_str(&f, "key_1", "component 1");
    em_fig_set_str(&f, "key_2", "component 2");
    em_fig_set_str(&f, "key_3", "component 3");
    em_fig_set_str(&f, "title_text", "Responsibilities: who made each point?");
    em_fig_set_str(&f, "xlabel_text", "the point x_n");
    em_fig_set_num(&f, "fig_w", 1000);
    return em_fig_end(&f, err, len);
}

static em_status draw(em_figdir *fd, const em_gmm *m, const double *resp, char *err, size_t len)
{
    em_gmm wrong;
    em_status st = em_gmm_alloc(&wrong, K, 1);
    if (st)
        return st;
    em_gmm_copy(&wrong, m);
    for (size_t k = 0; k < K; k++)
        wrong.cov[k] = variances[k] * variances[k]; /* scale = variance: sigma^2 = variance^2 */
    st = curves_figure(fd, "densities", "Three weighted components and seven points", m, NULL,
                       err, len);
    if (st == EM_OK)
        st = bars_figure(fd, resp, err, len);
    if (st == EM_OK)
        st = curves_figure(fd, "pitfall", "The variance passed as a standard deviation", m,
                           &wrong, err, len);
    em_gmm_free(&wrong);
    return st;
}

int main(int argc, char **argv)
{
    em_cli cli = {.seed = 44};
    int rc = em_cli_parse(&cli, argc, argv,
                          "Chapter 2: the responsibility table of notebook 003 (7 points, 3 "
                          "components), and the variance-for-sigma pitfall. No random numbers: "
                          "--seed is accepted and ignored.");
    if (rc >= 0)
        return rc;
    em_gmm m;
    double resp[N * K];
    char err[1024] = "";
    em_figdir fd;
    if (em_gmm_alloc(&m, K, 1))
        return em_cli_fail(&cli, em_strerror(EM_ENOMEM));
    make_mixture(&m);
    print_densities();
    print_table(&m, resp);
    print_pitfall(resp);
    if ((rc = em_cli_open(&cli, &fd)) == 0)
        rc = em_cli_finish(&cli, &fd, draw(&fd, &m, resp, err, sizeof err), err);
    em_gmm_free(&m);
    return rc;
}
