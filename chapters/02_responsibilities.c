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
 * $$\gamma_{ik} = \frac{\pi_k\, \mathcal{N}(x_i \mid \mu_k, \sigma_k^2)}
 *                     {\sum_j \pi_j\, \mathcal{N}(x_i \mid \mu_j, \sigma_j^2)},$$
 *
 * the posterior probability that point $i$ came from component $k$ (Bayes'
 * rule, with the weight $\pi_k$ as the prior and the density as the
 * likelihood; [the E-step](math.html#the-e-step) derives it). Each row of
 * the table of $\gamma_{ik}$ sums to 1 over $k$. This is the E-step of EM,
 * done once.
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
 * $n = 7$ points (`N` in the code, as in the notebook). Means
 * $\mu = (-4, 0, 8)$ and *variances* $\sigma^2 = (1, 0.2, 3)$, equal weights
 * $\pi_k = 1/3$. Keep the word variances in mind: it is the trap at the end
 * of this chapter.
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
 * $\mathcal{N}(x_i \mid \mu_k, \sigma_k^2)$ for every point $i$ and
 * component $k$. `norm.pdf(x, loc=mu, scale=sigma)` takes the **standard
 * deviation** $\sigma = \sqrt{\sigma^2}$. The notebook printed these 21
 * numbers, point by point; so do we, digit for digit (Python's shortest
 * round-trip repr).
 */
static void print_densities(void)
{
    char buf[40];
    for (size_t i = 0; i < N; i++)
        for (size_t k = 0; k < K; k++)
            printf("%s\n", em_repr(em_normal_pdf(x[i], means[k], sqrt(variances[k])), buf,
                                   sizeof buf));
}

/*
 * ## Step 2: the responsibility table
 *
 * One responsibility, straight from the formula: the weighted density of
 * component $k$ at $x_i$, divided by the sum of all the weighted densities
 * at $x_i$,
 *
 * $$\gamma_{ik} = \frac{\pi_k\, \mathcal{N}(x_i \mid \mu_k, \sigma_k^2)}
 *                     {\sum_{j=1}^{K} \pi_j\, \mathcal{N}(x_i \mid \mu_j, \sigma_j^2)}.$$
 *
 * `em_normal_pdf(x, mu, sigma)` takes the standard deviation, and the
 * arrays hold variances. (The library's E-step computes the same in the
 * log domain, with log-sum-exp, so that it never divides 0 by 0 far out in
 * the tails; here every density is moderate and the direct form reads like
 * the formula.)
 */
static double responsibility(double x_i, size_t k, const double *pi, const double *mu,
                             const double *var, size_t n_comp)
{
    double gamma = 0.0;
    /* BEGIN SOLUTION responsibility */
    double total = 0.0;
    for (size_t j = 0; j < n_comp; j++)
        total += pi[j] * em_normal_pdf(x_i, mu[j], sqrt(var[j]));
    gamma = pi[k] * em_normal_pdf(x_i, mu[k], sqrt(var[k])) / total;
    /* END SOLUTION */
    return gamma;
}

static void print_table(const em_gmm *m, double *resp)
{
    const em_printopts notebook = {.precision = 6, .suppress = 1}; /* np.set_printoptions */
    for (size_t i = 0; i < N; i++)
        for (size_t k = 0; k < K; k++)
            resp[i * K + k] = responsibility(x[i], k, m->weight, m->mean, m->cov, K);
    em_print_matrix(stdout, "Responsibility Matrix (N x K):\n", resp, N, K, notebook);
}

/*
 * What steps 1 and 2 print: the 21 densities, point by point, then the
 * table, one row per point $i$, one column per component $k$:
 *
 * @output
 *
 * Each row sums to 1. Most points belong to one component almost
 * outright; only $x_3 = -1$ (94% component 2, 6% component 1) and
 * $x_5 = 2$ (93% component 3, 7% component 2) are noticeably shared.
 *
 * @figure densities.png: The three weighted components
 * $\pi_k\, \mathcal{N}(x \mid \mu_k, \sigma_k^2)$ and the seven points on
 * the axis. At each point, the heights of the three curves are the
 * numerators of its three responsibilities.
 *
 * @figure responsibilities.png: The table drawn: one bar per point, split
 * into its three responsibilities $\gamma_{i1}, \gamma_{i2}, \gamma_{i3}$.
 * Every bar is 1 tall; the shared points are the ones with two colours.
 */

/*
 * ## Step 3: the classic mistake
 *
 * One cell of the notebook passed the variance where the standard deviation
 * belongs: `scale=covs[k]`. For point 3 ($x_3 = -1$) and component 3
 * ($\mu_3 = 8$, $\sigma_3^2 = 3$) it got a responsibility of 0.2497. The
 * right value is 0.000004. A standard deviation of 3 instead of
 * $\sqrt{3} = 1.73$ makes component 3 far too wide, so its tail reaches
 * $x = -1$; component 2's standard deviation 0.2 instead of
 * $\sqrt{0.2} = 0.45$ makes it far too narrow.
 */
static void print_pitfall(const double *resp)
{
    const size_t i = 2, k = 2;
    double q[K], qq = 0.0;
    char a[40], b[40], c[40], d[40];
    for (size_t j = 0; j < K; j++)
        qq += q[j] = (1.0 / 3) * em_normal_pdf(x[i], means[j], variances[j]); /* the mistake */
    printf("\nThe pitfall: scale=variance where scale=sqrt(variance) belongs.\n");
    printf("Point %zu (x = %g), component %zu (mu = %g, variance = %g):\n", i + 1, x[i], k + 1,
           means[k], variances[k]);
    printf("  q = %s  (pi_3 N(x | mu_3, sigma_3^2), right)\n",
           em_repr((1.0 / 3) * em_normal_pdf(x[i], means[k], sqrt(variances[k])), a, sizeof a));
    printf("  q1, q2, q3, qq = %s, %s, %s, %s  (scale=variance, wrong)\n",
           em_repr(q[0], a, sizeof a), em_repr(q[1], b, sizeof b), em_repr(q[2], c, sizeof c),
           em_repr(qq, d, sizeof d));
    printf("  wrong gamma = q3 / qq = %s\n", em_repr(q[2] / qq, a, sizeof a));
    printf("  right gamma           = %s  (0.000004 in the table)\n",
           em_repr(resp[i * K + k], a, sizeof a));
}

/*
 * What step 3 prints: the right numerator, the wrong ones and their sum,
 * and the two responsibilities:
 *
 * @output
 *
 * @figure pitfall.png: The densities of the right components (solid) and of
 * the wrong ones (dashed), on a log scale so that the tails show. At
 * $x_3 = -1$ the wrong component 3 is more than a thousand times too high
 * and the wrong component 2 far too low: the wrong $\gamma_{33}$ is 0.25.
 */

/*
 * ## How the figures are drawn
 *
 * `densities`: each component's weighted density
 * $\pi_k\, \mathcal{N}(x \mid \mu_k, \sigma_k^2)$ with the seven points
 * on the axis. `responsibilities`: one bar per point, split by component.
 * `pitfall`: the same densities beside those with the variance passed as a
 * standard deviation (dashed), which have $\sigma_k^2 = (\text{variance})^2$.
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
        {"", "wrong: σ_2 = 0.2", "wrong: σ_3 = 3"}};
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
    for (size_t i = 0; i < N; i++)
        fprintf(pts, "%g\n", x[i]);
    em_fig_set_num(&f, "n_curves", (double)c);
    em_fig_set_num(&f, "has_points", 1);
    em_fig_set_str(&f, "points_key", "the 7 points");
    em_fig_set_str(&f, "title_text", title);
    em_fig_set_str(&f, "ylabel_text", "π_k N(x | μ_k, σ_k^2)");
    if (wrong) { /* on a log scale the tails show: who reaches x = -1? */
        em_fig_set_num(&f, "log_y", 1);
        em_fig_set_num(&f, "y_min", 1e-9);
        em_fig_set_str(&f, "key_pos", "below center maxcols 3 samplen 2.5 nobox");
        em_fig_set_num(&f, "key_rows", 3);
        em_fig_set_num(&f, "fig_w", 1000);
        em_fig_set_num(&f, "fig_h", 720);
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
    for (size_t i = 0; i < N; i++)
        fprintf(out, "%g %.10g %.10g %.10g\n", x[i], resp[i * K], resp[i * K + 1],
                resp[i * K + 2]);
    em_fig_set_num(&f, "n_comp", K);
    em_fig_set_str(&f, "key_1", "component 1");
    em_fig_set_str(&f, "key_2", "component 2");
    em_fig_set_str(&f, "key_3", "component 3");
    em_fig_set_str(&f, "title_text", "Responsibilities: who made each point?");
    em_fig_set_str(&f, "xlabel_text", "the point x_i");
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
    if (st == EM_OK) /* for the lab and emlab fit */
        st = em_fig_handoff(fd, x, N, 1, m, "the chapter's three components", "", err, len);
    em_gmm_free(&wrong);
    return st;
}

/*
 * ## The program
 *
 * The three steps in order, then the figures into `--out` (by default
 * `out/02_responsibilities/`).
 */
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
