/*
 * # Chapter 5: EM in two dimensions
 *
 * *From notebook 001, its 2D example.* $n = 300$ points from two
 * Gaussians in the plane, 210 around $(0, 0)$ and 90 around $(4, 4)$, with
 * correlated covariances; EM must find both blobs, their shapes and their
 * sizes.
 *
 * In $d$ dimensions each component has a mean vector $\mu_k$ and a
 * $d \times d$ covariance matrix $\Sigma_k$, and the M-step's update for it
 * is an outer product (Bishop eq. 9.25, [derived here](math.html#the-m-step)):
 *
 * $$\Sigma_k = \frac{1}{N_k} \sum_{i=1}^{n} \gamma_{ik}\, (x_i - \mu_k)(x_i - \mu_k)^{\mathsf T}.$$
 *
 * The start is different too: instead of guessing parameters, the notebook
 * guesses *responsibilities*, a random $\text{Dirichlet}(1, 1)$ row
 * $(\gamma_{i1}, \gamma_{i2})$ for every point, and runs one M-step on
 * them. Every point starts with a random mix of the two components' colours,
 * and EM has to pull the two colours apart.
 *
 * Run it: `build/05_em_2d` (figures in `out/05_em_2d/`).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emlab.h"
#include "notebook001_2d_data.h"

enum { N = 300, D = 2, K = 2, ITERATIONS = 40 };
enum { START = ITERATIONS + 1 }; /* iteration_figure's name for the start */

/*
 * ## The M-step in two dimensions
 *
 * For each component: $N_k = \sum_i \gamma_{ik}$ and the new mean
 * $\mu_k = \frac{1}{N_k} \sum_i \gamma_{ik}\, x_i$ as in one dimension,
 * then the covariance, the weighted average of the outer products of the
 * deviations *from the new mean* (Bishop eq. 9.25), entry by entry:
 *
 * $$\Sigma_{k,jl} = \frac{1}{N_k} \sum_{i=1}^{n} \gamma_{ik}\, (x_{ij} - \mu_{kj})(x_{il} - \mu_{kl}).$$
 *
 * In the code $\Sigma_{k,jl}$ is `Sigma_k[j * D + l]` and $x_{ij}$ is
 * `x[i * D + j]`. While it runs, `m` still holds the old means: using
 * `m->mean` here instead of `mu_k` is the classic mistake of chapter 6.
 */
static void m_step(const double *x, const double *gamma, em_gmm *m)
{
    for (size_t k = 0; k < K; k++) {
        double N_k = 0.0, mu_k[D] = {0.0, 0.0}, Sigma_k[D * D] = {0.0, 0.0, 0.0, 0.0};
        for (size_t i = 0; i < N; i++) {
            N_k += gamma[i * K + k];
            for (size_t j = 0; j < D; j++)
                mu_k[j] += gamma[i * K + k] * x[i * D + j];
        }
        for (size_t j = 0; j < D; j++)
            mu_k[j] /= N_k;
        /* BEGIN SOLUTION covariance */
        for (size_t i = 0; i < N; i++)
            for (size_t j = 0; j < D; j++)
                for (size_t l = 0; l < D; l++)
                    Sigma_k[j * D + l] += gamma[i * K + k] * (x[i * D + j] - mu_k[j])
                                          * (x[i * D + l] - mu_k[l]);
        for (size_t v = 0; v < D * D; v++)
            Sigma_k[v] /= N_k;
        /* END SOLUTION */
        m->weight[k] = N_k / N;
        memcpy(m->mean + k * D, mu_k, sizeof mu_k);
        memcpy(m->cov + k * D * D, Sigma_k, sizeof Sigma_k);
    }
}

/*
 * ## The loop, and what we keep of it
 *
 * The E-step is the library's (log domain); the M-step is the one above.
 * Iteration $t$ keeps the model $\theta_t$, the responsibilities
 * $\gamma^{(t)}$ computed from it and its log-likelihood $\ell(\theta_t)$.
 */
typedef struct {
    double weight[ITERATIONS + 1][K], mean[ITERATIONS + 1][K * D];
    double cov[ITERATIONS + 1][K * D * D], loglik[ITERATIONS + 1];
    double resp[ITERATIONS + 1][N * K];
    double start[N * K]; /* the random Dirichlet responsibilities theta_0 came from */
} snapshots;

static void take_snapshot(snapshots *s, size_t t, const em_gmm *m, const double *resp,
                          double loglik)
{
    memcpy(s->weight[t], m->weight, sizeof s->weight[t]);
    memcpy(s->mean[t], m->mean, sizeof s->mean[t]);
    memcpy(s->cov[t], m->cov, sizeof s->cov[t]);
    memcpy(s->resp[t], resp, sizeof s->resp[t]);
    s->loglik[t] = loglik;
}

static em_status run_em(const double *x, em_gmm *m, double *gamma, snapshots *s)
{
    double l;
    em_status st = em_e_step(m, x, N, gamma, &l, NULL);
    if (st == EM_OK)
        take_snapshot(s, 0, m, gamma, l);
    for (size_t t = 1; t <= ITERATIONS && st == EM_OK; t++) {
        m_step(x, gamma, m);
        st = em_e_step(m, x, N, gamma, &l, NULL); /* gamma_t and l_t, from theta_t */
        if (st == EM_OK)
            take_snapshot(s, t, m, gamma, l);
    }
    return st;
}

static void print_trace(const snapshots *s)
{
    const em_printopts numpy = {.precision = 8}; /* numpy's defaults */
    printf("EM on notebook 001's 300 points in 2D, K = 2, started from Dirichlet(1, 1)\n");
    printf("responsibilities (np.random.seed(42)); iteration 0 is that start.\n\n");
    printf("iteration      pi_1      pi_2          mu_1 (x, y)            mu_2 (x, y)"
           "   log-likelihood\n");
    for (size_t t = 0; t <= ITERATIONS; t++) {
        const double *w = s->weight[t], *mu = s->mean[t];
        printf("%9zu  %.6f  %.6f  (%9.6f, %9.6f)  (%9.6f, %9.6f)  %15.6f\n", t, w[0], w[1], mu[0],
               mu[1], mu[2], mu[3], s->loglik[t]);
    }
    for (size_t k = 0; k < K; k++) {
        printf("\nSigma_%zu after %d iterations:\n", k + 1, ITERATIONS);
        em_print_matrix(stdout, "", s->cov[ITERATIONS] + k * D * D, D, D, numpy);
    }
}

/*
 * What it prints: the weights, the means and the log-likelihood after
 * each iteration,
 *
 * @output 2
 *
 * For 20 iterations the log-likelihood barely moves: the start gave both
 * components nearly the same mean, the centre of all the data, and it
 * creeps up by about a unit per iteration. Yet the responsibilities are
 * already changing (the grid below shows it). Then the means separate, the
 * log-likelihood climbs by nearly a hundred in ten iterations, and by
 * iteration 40
 * the fit has found the blobs: weights $0.30$ and $0.70$, means near
 * $(4, 4)$ and $(0, 0)$. The covariances it found:
 *
 * @output 2
 *
 * @figure start.png: The start: every point coloured by its random
 * Dirichlet responsibilities, and the model $\theta_0$ that one M-step makes
 * of them. Both means sit in the middle of the data and both ellipses
 * cover it all: random responsibilities carry almost no information.
 *
 * @figure grid.png: The notebook's grid of ten snapshots, titled as the
 * notebook titles them: "Iteration $t + 2$" for our iteration $t$ (the
 * notebook counts its start and its first E-step too). Each point's colour
 * mixes the two components' colours in proportion to $\gamma_{i1}$ and $\gamma_{i2}$; the crosses are
 * the means, the solid and dashed ellipses the $1\sigma$ and $2\sigma$
 * contours of each component. On the plateau the log-likelihood barely
 * moves, yet the colours already begin to split, the upper blob first;
 * then they sort, and the ellipses shrink onto the blobs.
 *
 * @figure em_2d.gif: The whole run as an animation, from the start to
 * iteration 40.
 *
 * @figure loglik.png: The log-likelihood after each iteration: a long,
 * nearly flat plateau, a steep climb as the blobs separate, and a
 * levelling off. A stopping rule that quits on the plateau would stop far
 * from the answer.
 */

/* trace.txt: every iteration to the last digit, in the golden run's
 * columns: t, pi_1 pi_2, mu_1, mu_2, Sigma_1 (4), Sigma_2 (4), log L. */
static em_status save_trace(em_figdir *fd, const snapshots *s, char *err, size_t len)
{
    enum { COLS = 16 };
    double rows[(ITERATIONS + 1) * COLS];
    for (size_t t = 0; t <= ITERATIONS; t++) {
        double *r = rows + t * COLS;
        r[0] = (double)t;
        memcpy(r + 1, s->weight[t], K * sizeof *r);
        memcpy(r + 3, s->mean[t], K * D * sizeof *r);
        memcpy(r + 7, s->cov[t], K * D * D * sizeof *r);
        r[15] = s->loglik[t];
    }
    return em_fig_table(fd, "trace.txt", rows, ITERATIONS + 1, COLS, NULL, err, len);
}

/*
 * ## How the figures are drawn
 *
 * Each point is coloured as the notebook colours it: component 1's colour
 * in proportion to $\gamma_{i1}$, component 2's in proportion to
 * $\gamma_{i2}$. Beyond the notebook, each component's mean (a cross) and
 * its $1\sigma$ and $2\sigma$ ellipses, the curves where the Mahalanobis
 * distance $\sqrt{(x - \mu_k)^{\mathsf T} \Sigma_k^{-1} (x - \mu_k)}$ is 1
 * and 2, as in Bishop's Figure 9.8. `start`, the random Dirichlet
 * responsibilities and the model $\theta_0$ made from them; `iter_00` ...
 * `iter_40`, the responsibilities computed from $\theta_t$; `em_2d.gif`,
 * all of them; `loglik`.
 *
 * `grid` is the notebook's 2 x 5 grid, as the notebook draws it: its list
 * `responsibilities_over_time` holds the start and then the E-step of each
 * iteration, so its panel `it` (1, 5, ..., 37) is our `iter_{it-1}`, and the
 * notebook titles it "Iteration {it + 1}". We keep the notebook's titles in
 * the grid; each figure alone is titled by $t$, the M-steps behind it.
 */
static em_status iteration_figure(em_figdir *fd, const snapshots *s, size_t t, char *err,
                                  size_t len)
{
    char name[32], title[64], panel_title[32];
    const double *x = &notebook001_2d[0][0];
    double frame[4]; /* the same for every figure: they line up */
    em_fig_frame_2d(x, N, D, 0, 1, frame);
    em_fig_2d look = {.title = title, .a = 0, .b = 1, .frame = frame, .bare_in_panel = 1,
                      .fig_w = 700, .fig_h = 760};
    em_gmm m; /* theta_t; the start's model is theta_0 */
    size_t theta = t == START ? 0 : t;
    em_status st = em_gmm_alloc(&m, K, D);
    if (st)
        return st;
    memcpy(m.weight, s->weight[theta], sizeof s->weight[theta]);
    memcpy(m.mean, s->mean[theta], sizeof s->mean[theta]);
    memcpy(m.cov, s->cov[theta], sizeof s->cov[theta]);
    if (t == START) {
        snprintf(name, sizeof name, "start");
        snprintf(title, sizeof title, "The start: random Dirichlet(1, 1) responsibilities");
    } else {
        snprintf(name, sizeof name, "iter_%02zu", t);
        snprintf(title, sizeof title, "Iteration %zu", t);
        snprintf(panel_title, sizeof panel_title, "Iteration %zu", t + 2); /* see above */
        look.panel_title = panel_title;
    }
    st = em_fig_snapshot_2d(fd, name, x, N, &m, t == START ? s->start : s->resp[t], &look, err,
                            len);
    em_gmm_free(&m);
    return st;
}

static em_status draw(em_figdir *fd, const snapshots *s, char *err, size_t len)
{
    static char names[ITERATIONS + 1][16];
    const char *all[ITERATIONS + 2], *grid[10];
    em_status st = iteration_figure(fd, s, START, err, len);
    all[0] = "start";
    for (size_t t = 0; t <= ITERATIONS && st == EM_OK; t++) {
        st = iteration_figure(fd, s, t, err, len);
        snprintf(names[t], sizeof names[t], "iter_%02zu", t);
        all[t + 1] = names[t];
    }
    for (size_t j = 0; j < 10; j++) /* the notebook's selected_iterations 1, 5, ..., 37 */
        grid[j] = names[4 * j]; /* are its responsibilities_over_time[it]: iter_{it-1} */
    if (st == EM_OK)
        st = em_fig_panel(fd, "grid", "Responsibilities over EM Iterations", 2, 5, grid, 10, 1800,
                          800, err, len);
    if (st == EM_OK)
        st = em_fig_animation(fd, "em_2d", all, ITERATIONS + 2, 25, 700, 700, err, len);
    if (st == EM_OK)
        st = em_fig_line(fd, "loglik", "Log-likelihood: a long plateau, then the blobs separate",
                         "iteration", "log-likelihood", s->loglik, ITERATIONS + 1, 1, 0.0, err,
                         len);
    if (st == EM_OK)
        st = save_trace(fd, s, err, len);
    const em_gmm start = {.K = K, .d = D, .weight = (double *)s->weight[0],
                          .mean = (double *)s->mean[0], .cov = (double *)s->cov[0]};
    if (st == EM_OK) /* for the lab and emlab fit */
        st = em_fig_handoff(fd, &notebook001_2d[0][0], N, D, &start,
                            "the start: one M-step from the Dirichlet responsibilities", "--reg 0",
                            err, len);
    return st;
}

/*
 * ## Running it
 *
 * `np.random.seed(42)`, a $\text{Dirichlet}(1, 1)$ row of
 * responsibilities for each point, one M-step (the library's); then forty
 * EM iterations, the table and the figures (into `--out`, by default
 * `out/05_em_2d/`).
 */
int main(int argc, char **argv)
{
    em_cli cli = {.seed = 42};
    int rc = em_cli_parse(&cli, argc, argv,
                          "Chapter 5: EM in 2D (notebook 001): 300 points, K = 2, started from "
                          "Dirichlet(1, 1) responsibilities drawn after np.random.seed(--seed), "
                          "40 iterations, with covariance ellipses as in Bishop's Figure 9.8.");
    if (rc >= 0)
        return rc;
    snapshots *s = calloc(1, sizeof *s);
    double *gamma = malloc(N * K * sizeof *gamma);
    em_gmm m;
    em_rng r;
    if (!s || !gamma || em_gmm_alloc(&m, K, D)) {
        free(s);
        free(gamma);
        return em_cli_fail(&cli, em_strerror(EM_ENOMEM));
    }
    em_options opt = em_default_options();
    opt.reg = 0.0; /* the notebook adds nothing to the covariances */
    em_rng_seed(&r, cli.seed);
    const double *x = &notebook001_2d[0][0];
    em_status st = em_init_dirichlet(&m, x, N, &r, &opt, s->start);
    if (st == EM_OK)
        st = run_em(x, &m, gamma, s);
    em_gmm_free(&m);
    free(gamma);
    char err[1024] = "";
    em_figdir fd;
    if (st)
        rc = em_cli_fail(&cli, em_strerror(st));
    else
        print_trace(s);
    if (st == EM_OK && (rc = em_cli_open(&cli, &fd)) == 0)
        rc = em_cli_finish(&cli, &fd, draw(&fd, s, err, sizeof err), err);
    free(s);
    return rc;
}
