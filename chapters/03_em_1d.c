/*
 * # Chapter 3: EM in one dimension, watched
 *
 * *From notebook 000.* Twenty points from $\mathcal{N}(0, 2^2)$ and twenty
 * from $\mathcal{N}(2, 1^2)$, mixed together, and two Gaussians that start
 * in a random place. We let EM run and look at it after 0, 3, 6 and 9
 * iterations: the two fitted densities, the true ones dashed grey, and each
 * point coloured by how much fit 1 claims it.
 *
 * One simplification, kept from the notebook: **the weights are held
 * equal**, $\pi_1 = \pi_2 = 1/2$, and never updated. The E-step is then
 *
 * $$\gamma_{i1} = \frac{\mathcal{N}(x_i \mid \mu_1, \sigma_1^2)}
 *   {\mathcal{N}(x_i \mid \mu_1, \sigma_1^2) + \mathcal{N}(x_i \mid \mu_2, \sigma_2^2)}$$
 *
 * and $\gamma_{i2} = 1 - \gamma_{i1}$: the halves cancel. That is fine here, where the truth *is* half and
 * half; on data with unequal groups it would force a wrong answer, and the
 * full M-step (chapter 4) learns $\pi$ too.
 *
 * Run it: `build/03_em_1d` (figures in `out/03_em_1d/`).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emlab.h"

enum { N_EACH = 20, N = 2 * N_EACH, K = 2, ITERATIONS = 9, GRID = 500 };

/* The truth: g1 = N(0, 2^2), g2 = N(2, 1^2) (location, scale). */
static const double true_loc[K] = {0.0, 2.0};
static const double true_scale[K] = {2.0, 1.0};

/*
 * ## The data and the random start
 *
 * `stats.norm(loc, scale).rvs(20)` draws from numpy's global generator, so
 * with `np.random.seed(S)` first, these are the notebook's points. Then the
 * start: `np.random.rand()` four times, for the two means and the two
 * standard deviations, each uniform in $[0, 1)$.
 */
static void make_data(em_rng *r, double *x)
{
    for (size_t i = 0; i < N; i++)
        x[i] = em_rng_normal(r, true_loc[i / N_EACH], true_scale[i / N_EACH]);
}

static void random_start(em_rng *r, em_gmm *m)
{
    double loc1 = em_rng_uniform(r), loc2 = em_rng_uniform(r);
    double scale1 = em_rng_uniform(r), scale2 = em_rng_uniform(r);
    m->mean[0] = loc1;
    m->mean[1] = loc2;
    m->cov[0] = scale1 * scale1; /* the library stores variances */
    m->cov[1] = scale2 * scale2;
    m->weight[0] = m->weight[1] = 0.5;
}

/*
 * ## Watching EM
 *
 * The library's EM loop (`em_fit`, the E-step and M-step of
 * [the mathematics](math.html#the-m-step) with $\pi$ held) calls an
 * observer after every iteration. Ours copies what we want to draw: the two
 * means $\mu_k$ and standard deviations $\sigma_k$, and $\gamma_{i1}$,
 * fit 1's share of each point.
 */
typedef struct {
    double mu[ITERATIONS + 1][K], sigma[ITERATIONS + 1][K], loglik[ITERATIONS + 1];
    double gamma1[ITERATIONS + 1][N];
} snapshots;

static int take_snapshot(size_t t, const em_gmm *m, const double *resp, double loglik, void *ctx)
{
    snapshots *s = ctx;
    for (size_t k = 0; k < K; k++) {
        s->mu[t][k] = m->mean[k];
        s->sigma[t][k] = sqrt(m->cov[k]);
    }
    for (size_t i = 0; i < N; i++)
        s->gamma1[t][i] = resp[i * K];
    s->loglik[t] = loglik;
    return 0;
}

static void print_snapshots(const snapshots *s)
{
    printf("EM with equal weights on %d points: N(mu_1, sigma_1^2) blue, N(mu_2, sigma_2^2) orange\n",
           N);
    printf("iteration        mu_1     sigma_1        mu_2     sigma_2   log-likelihood\n");
    for (size_t t = 0; t <= ITERATIONS; t++)
        printf("%9zu %11.6f %11.6f %11.6f %11.6f %16.6f\n", t, s->mu[t][0], s->sigma[t][0],
               s->mu[t][1], s->sigma[t][1], s->loglik[t]);
}

/*
 * What it prints: the two components after every iteration, and the
 * log-likelihood $\ell = \sum_i \log p(x_i)$ of the data under them,
 *
 * @output
 *
 * The log-likelihood rises at every iteration, fast at first, then slowly;
 * [why the log-likelihood never falls](math.html#why-the-log-likelihood-never-falls)
 * explains it. Fit 1 widens to take the broad group, fit 2 narrows onto the
 * narrow one: after nine iterations $\mu \approx (-0.49, 2.10)$,
 * $\sigma \approx (1.98, 0.87)$, against the truth's $(0, 2)$ and $(2, 1)$,
 * from only 40 points.
 *
 * @figure panel.png: The notebook's four snapshots: the random start, and
 * after 3, 6 and 9 iterations. The solid curves are the fits, the dashed
 * grey ones the truth; each point's colour is $\gamma_{i1}$, its share of
 * fit 1. At the start both fits are narrow and sit near 0 ($\mu = 0.10$
 * and $0.41$); the points far to the right are blue, fit 1's, although
 * fit 2's mean is nearer: fit 2 is the narrower ($\sigma = 0.41$ against
 * $0.69$), so its density falls off faster, and far out fit 1's is the
 * larger. By iteration 9 the fits have the truth's shape, and the points
 * have sorted themselves: the ones on the left belong to fit 1, the ones
 * around 2 to fit 2.
 *
 * @figure em_1d.gif: The start and all nine iterations as an animation, on
 * the same axes (the last frame is held).
 */

/*
 * ## How the figures are drawn
 *
 * One figure per iteration, `iter_0` ... `iter_9`, all on one scale; the
 * notebook's four, after 0, 3, 6 and 9 iterations, side by side in
 * `panel`; and all ten as an animation, `em_1d.gif`.
 */
static void write_curve(em_fig *f, size_t c, const double *gx, double loc, double scale,
                        int style, int dash, const char *key)
{
    double y[GRID];
    char name[32];
    for (size_t g = 0; g < GRID; g++)
        y[g] = em_normal_pdf(gx[g], loc, scale);
    snprintf(name, sizeof name, "curve%zu", c);
    em_fig_xy(f, name, gx, y, GRID, 1);
    snprintf(name, sizeof name, "style_%zu", c);
    em_fig_set_num(f, name, style);
    snprintf(name, sizeof name, "dash_%zu", c);
    em_fig_set_num(f, name, dash);
    snprintf(name, sizeof name, "key_%zu", c);
    em_fig_set_str(f, name, key);
}

static em_status iteration_figure(em_figdir *fd, const snapshots *s, size_t t, const double *x,
                                  const double *gx, double top, char *err, size_t len)
{
    char name[32], title[64];
    em_fig f;
    snprintf(name, sizeof name, "iter_%zu", t);
    em_status st = em_fig_begin(&f, fd, name, "curves.gp", err, len);
    if (st)
        return st;
    write_curve(&f, 1, gx, s->mu[t][0], s->sigma[t][0], 1, 1, "fit 1");
    write_curve(&f, 2, gx, s->mu[t][1], s->sigma[t][1], 2, 1, "fit 2");
    write_curve(&f, 3, gx, true_loc[0], true_scale[0], 10, 2, "truth");
    write_curve(&f, 4, gx, true_loc[1], true_scale[1], 10, 2, "");
    FILE *out = em_fig_block(&f, "points");
    for (size_t i = 0; i < N; i++)
        fprintf(out, "%.10g %.6f\n", x[i], s->gamma1[t][i]);
    if (t == 0)
        snprintf(title, sizeof title, "Random initialisation");
    else
        snprintf(title, sizeof title, "After %zu iteration%s", t, t == 1 ? "" : "s");
    em_fig_set_str(&f, "title_text", title);
    em_fig_set_num(&f, "n_curves", 4);
    em_fig_set_num(&f, "has_points", 1);
    em_fig_set_num(&f, "points_palette", 1);
    em_fig_set_str(&f, "points_key", "");
    em_fig_set_str(&f, "share_1", "point: γ_{i1} = 1");
    em_fig_set_str(&f, "share_half", "γ_{i1} = 1/2");
    em_fig_set_str(&f, "share_0", "γ_{i1} = 0");
    em_fig_set_str(&f, "ylabel_text", "density");
    em_fig_set_str(&f, "key_pos", "top left maxrows 3 samplen 2");
    em_fig_set_num(&f, "y_top", top); /* one scale for every frame: they line up */
    return em_fig_end(&f, err, len);
}

static em_status draw(em_figdir *fd, const snapshots *s, const double *x, const em_gmm *start,
                      char *err, size_t len)
{
    double gx[GRID], lo, hi;
    em_min_max(x, N, 1, &lo, &hi);
    lo = fmin(lo - 0.5, -5.0); /* the notebook's window, wider if a point is outside */
    hi = fmax(hi + 0.5, 5.0);
    for (size_t g = 0; g < GRID; g++)
        gx[g] = lo + (hi - lo) * (double)g / (GRID - 1);
    /* the highest any curve of any frame goes: a density peaks at its mean,
     * 1 / (sigma sqrt(2 pi)) */
    double top = 0.0;
    for (size_t t = 0; t <= ITERATIONS; t++)
        for (size_t k = 0; k < 2; k++)
            top = fmax(top, fmax(em_normal_pdf(0.0, 0.0, s->sigma[t][k]),
                                 em_normal_pdf(0.0, 0.0, true_scale[k])));
    em_status st = EM_OK;
    const char *names[ITERATIONS + 1];
    static const char *const all[ITERATIONS + 1] = {"iter_0", "iter_1", "iter_2", "iter_3",
                                                   "iter_4", "iter_5", "iter_6", "iter_7",
                                                   "iter_8", "iter_9"};
    for (size_t t = 0; t <= ITERATIONS && st == EM_OK; t++) {
        st = iteration_figure(fd, s, t, x, gx, 1.45 * top, err, len); /* room for the key */
        names[t] = all[t];
    }
    const char *four[4] = {"iter_0", "iter_3", "iter_6", "iter_9"};
    if (st == EM_OK)
        st = em_fig_panel(fd, "panel", "EM with two components, weights held equal", 2, 2, four,
                          4, 1600, 1100, err, len);
    if (st == EM_OK)
        st = em_fig_animation(fd, "em_1d", names, ITERATIONS + 1, 80, 900, 600, err, len);
    if (st == EM_OK) /* for the lab and emlab fit */
        st = em_fig_handoff(fd, x, N, 1, start, "the random start", "--reg 0 --fixed-weights",
                            err, len);
    return st;
}

/*
 * ## The program
 *
 * The data, the start, nine iterations of EM with the weights held, the
 * table and the figures (into `--out`, by default `out/03_em_1d/`).
 */
int main(int argc, char **argv)
{
    em_cli cli = {.seed = 1};
    int rc = em_cli_parse(&cli, argc, argv,
                          "Chapter 3: EM in 1D with two components and equal weights "
                          "(notebook 000): 20 points from N(0, 2^2), 20 from N(2, 1^2), a "
                          "random start, snapshots after 0, 3, 6 and 9 iterations.");
    if (rc >= 0)
        return rc;
    double x[N], resp[N * K];
    em_rng r;
    em_gmm m = {0}, start = {0};
    em_result res = {0};
    snapshots *s = calloc(1, sizeof *s);
    if (!s || em_gmm_alloc(&m, K, 1) || em_gmm_alloc(&start, K, 1)) {
        em_gmm_free(&m);
        free(s);
        return em_cli_fail(&cli, em_strerror(EM_ENOMEM));
    }
    em_rng_seed(&r, cli.seed);
    make_data(&r, x);
    random_start(&r, &m);
    em_gmm_copy(&start, &m); /* kept for the lab (em_fig_handoff) */
    em_options opt = em_default_options();
    opt.max_iter = ITERATIONS;
    opt.tol = 0.0;           /* run all nine iterations */
    opt.reg = 0.0;           /* the notebook's M-step, nothing added */
    opt.fixed_weights = 1;   /* pi = (1/2, 1/2) throughout */
    opt.observer = take_snapshot;
    opt.observer_ctx = s;
    em_status st = em_fit(&m, x, N, &opt, resp, &res);
    em_result_free(&res);
    em_gmm_free(&m);
    char err[1024] = "";
    em_figdir fd;
    if (st)
        rc = em_cli_fail(&cli, em_strerror(st));
    else
        print_snapshots(s);
    if (st == EM_OK && (rc = em_cli_open(&cli, &fd)) == 0)
        rc = em_cli_finish(&cli, &fd, draw(&fd, s, x, &start, err, sizeof err), err);
    em_gmm_free(&start);
    free(s);
    return rc;
}
