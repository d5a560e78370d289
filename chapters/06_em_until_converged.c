/*
 * # Chapter 6: EM until it converges, and a bug it hid
 *
 * *From notebook 003, its GMM class.* Instead of a fixed number of
 * iterations, EM now runs until the log-likelihood stops improving: until
 * one iteration gains less than $\text{tol} = 10^{-4}$. The start: means
 * uniform in $[0, 1)$, identity covariances, equal weights.
 *
 * The notebook's class has a bug. Its M-step computes each covariance around
 * the **old** mean,
 *
 * $$\Sigma_k = \frac{1}{N_k} \sum_i \gamma_{ik}\, (x_i - \mu_k^{\text{old}})(x_i - \mu_k^{\text{old}})^{\mathsf T},$$
 *
 * which equals the right covariance plus a term that is never negative,
 *
 * $$\Sigma_k = \Sigma_k^{\text{right}} + (\mu_k^{\text{new}} - \mu_k^{\text{old}})
 *   (\mu_k^{\text{new}} - \mu_k^{\text{old}})^{\mathsf T}:$$
 *
 * too wide whenever a mean moves. Does the log-likelihood then fall, and
 * does the loop `while ll - previous_ll > tol` hide it by stopping at the
 * first fall? We run the notebook's M-step and the textbook's side by side
 * from the same starts and measure. The answer is in the printout and the
 * figures: **it never falls**, and the reason is worth knowing.
 *
 * Why not: EM only needs each M-step to *increase* (not maximise) the
 * expected complete-data log-likelihood $Q$ (Dempster, Laird and Rubin's
 * "generalised EM"; Bishop section 9.4; see
 * [why the log-likelihood never falls](math.html#why-the-log-likelihood-never-falls)).
 * The notebook's step does. Its covariance, call it $\Sigma^{\text{nb}}$
 * (nb for notebook), is the best covariance
 * *for the old mean*, so
 *
 * $$Q(\mu^{\text{old}}, \Sigma^{\text{nb}}) \ge Q(\mu^{\text{old}}, \Sigma^{\text{old}});$$
 *
 * and the new mean is the best mean for *any* covariance, so
 *
 * $$Q(\mu^{\text{new}}, \Sigma^{\text{nb}}) \ge Q(\mu^{\text{old}}, \Sigma^{\text{nb}}).$$
 *
 * Two uphill half-steps make an uphill step. What the bug costs is speed
 * (the inflated covariances slow the means down) and a different stopping
 * point. And the stopping rule cannot tell a right M-step from a wrong one:
 * a loop that "converged" proves nothing about the formulas. Tests against
 * a reference do (the workbook's checks).
 *
 * Run it: `build/06_em_until_converged` (figures in `out/06_em_until_converged/`).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emlab.h"

enum { K = 3, N7 = 7, N60 = 60, MAX_ITER = 1000, CURVE_ITER = 100, GRID = 600 };
static const double TOL = 1e-4;

static const double points7[N7] = {-3, -2.5, -1, 0, 2, 4, 5};
static const double mu_true[K] = {-4, 0, 8}, var_true[K] = {1, 0.2, 3};

/*
 * ## Two M-steps
 *
 * An M-step takes the responsibilities $\gamma_{ik}$ and updates the
 * model. The notebook's, written as the notebook wrote it; and the
 * library's, with nothing added to the covariances (`reg = 0`), as the
 * notebook adds nothing.
 */
typedef em_status (*m_step_fn)(em_gmm *m, const double *x, size_t n, const double *resp);

static em_status notebook_m_step(em_gmm *m, const double *x, size_t n, const double *resp)
{
    size_t d = m->d;
    for (size_t k = 0; k < m->K; k++) {
        double N_k = 0.0, *mu = m->mean + k * d, *Sigma = m->cov + k * d * d;
        double new_mu[16] = {0}, S[256] = {0};
        if (d > 16)
            return EM_EINVAL;
        for (size_t i = 0; i < n; i++) {
            double g = resp[i * m->K + k];
            N_k += g;
            for (size_t j = 0; j < d; j++) {
                new_mu[j] += g * x[i * d + j];
                for (size_t l = 0; l < d; l++) /* the bug: around the OLD mean mu */
                    S[j * d + l] += g * (x[i * d + j] - mu[j]) * (x[i * d + l] - mu[l]);
            }
        }
        m->weight[k] = N_k / (double)n;
        for (size_t j = 0; j < d; j++)
            mu[j] = new_mu[j] / N_k;
        for (size_t v = 0; v < d * d; v++)
            Sigma[v] = S[v] / N_k;
    }
    return EM_OK;
}

static em_status textbook_m_step(em_gmm *m, const double *x, size_t n, const double *resp)
{
    em_options opt = em_default_options();
    opt.reg = 0.0;
    return em_m_step(m, x, n, resp, &opt, NULL);
}

/*
 * ## The loop, as the notebook runs it
 *
 *     ll = 1; previous_ll = 0
 *     while ll - previous_ll > tol:
 *         previous_ll = log-likelihood; E-step; M-step; ll = log-likelihood
 *
 * It prints every iteration and the iteration it stopped at. `history[t]`
 * receives the log-likelihood after $t$ iterations (`history[0]`: the
 * start).
 */
/* One iteration: the E-step (gamma from the model), the given M-step (the
 * model from gamma), and the log-likelihood of the new model in *ll. */
static em_status iterate(em_gmm *m, const double *x, size_t n, m_step_fn m_step, double *resp,
                         double *ll)
{
    em_status st = em_e_step(m, x, n, resp, NULL, NULL);
    if (st == EM_OK)
        st = m_step(m, x, n, resp);
    if (st == EM_OK)
        st = em_log_likelihood(m, x, n, ll, NULL);
    return st;
}

static em_status fit_until_converged(em_gmm *m, const double *x, size_t n, m_step_fn m_step,
                                     double *resp, double *history, size_t *iterations)
{
    double ll = 1.0, previous = 0.0;
    size_t t = 0;
    em_status st = em_log_likelihood(m, x, n, &history[0], NULL);
    while (st == EM_OK && ll - previous > TOL && t < MAX_ITER) {
        previous = history[t];
        st = iterate(m, x, n, m_step, resp, &ll);
        if (st == EM_OK) {
            history[++t] = ll;
            printf("Iteration %zu: log-likelihood is %.6f\n", t, ll);
        }
    }
    if (st == EM_OK)
        printf("Terminate at %zu-th iteration:log-likelihood is %.6f\n", t, ll);
    *iterations = t;
    return st;
}

/* The same steps for a fixed number of iterations (100), for the curves: what
 * happens after the notebook's loop stopped. */
static em_status run_fixed(em_gmm *m, const double *x, size_t n, m_step_fn m_step,
                           double *resp, double *history)
{
    em_status st = em_log_likelihood(m, x, n, &history[0], NULL);
    for (size_t t = 1; t <= CURVE_ITER && st == EM_OK; t++)
        st = iterate(m, x, n, m_step, resp, &history[t]);
    return st;
}

/* The largest single fall of the log-likelihood along history[0..T],
 * ignoring rounding (a fall smaller than 1e-12 |l| is no fall). */
static double largest_fall(const double *history, size_t T, size_t *at)
{
    double worst = 0.0;
    *at = 0;
    for (size_t t = 1; t <= T; t++) {
        double fall = history[t - 1] - history[t];
        if (fall > 1e-12 * fabs(history[t]) && fall > worst) {
            worst = fall;
            *at = t;
        }
    }
    return worst;
}

/*
 * ## The starts
 *
 * `_init` draws the means with `np.random.random((k, 1))`. The notebook
 * never printed its start and its generator's state is lost; but its 23
 * printed log-likelihoods pin the start down: the three means below
 * reproduce every one of them to the printed digit, and the final means,
 * variances and weights too. For our own runs we draw the start with the
 * generator, after the notebook's `np.random.seed(44)` and its 60 points.
 */
static const double notebook_start[K] = {0.714865775240159, 0.592235344755599,
                                         0.273056880371715};

static void start_model(em_gmm *m, const double *means)
{
    for (size_t k = 0; k < K; k++) {
        m->mean[k] = means[k];
        m->cov[k] = 1.0;         /* identity covariance, 1 x 1 */
        m->weight[k] = 1.0 / K;  /* equal weights */
    }
}

static void print_model(const char *title, const em_gmm *m)
{
    const em_printopts notebook = {.precision = 6, .suppress = 1}; /* np.set_printoptions */
    printf("%s\n", title);
    em_print_matrix(stdout, "mean_arr:\n", m->mean, K, 1, notebook);
    em_print_matrix(stdout, "sigma_arr (variances):\n", m->cov, K, 1, notebook);
    em_print_array(stdout, "phi:\n", m->weight, K, notebook);
}

/*
 * ## One experiment
 *
 * Both M-steps from the same start: each until converged, as the notebook
 * runs it (printed), then each for 100 iterations (for the curves).
 */
typedef struct {
    const char *name;              /* "7" or "60" */
    const double *x;
    size_t n;
    double start[K];
    em_gmm fit[2];                 /* [0] notebook's M-step, [1] textbook's */
    size_t stopped[2];             /* where each loop stopped */
    double curve[2][CURVE_ITER + 1];
} experiment;

static em_status run_experiment(experiment *e, double *resp, double *history)
{
    static const m_step_fn steps[2] = {notebook_m_step, textbook_m_step};
    static const char *const labels[2] = {"notebook's M-step (covariance around the old mean)",
                                          "textbook M-step (covariance around the new mean)"};
    em_status st = EM_OK;
    em_gmm work;
    if ((st = em_gmm_alloc(&work, K, 1)))
        return st;
    for (int s = 0; s < 2 && st == EM_OK; s++) {
        printf("\n== %zu points, %s ==\n", e->n, labels[s]);
        start_model(&e->fit[s], e->start);
        st = fit_until_converged(&e->fit[s], e->x, e->n, steps[s], resp, history, &e->stopped[s]);
        if (st == EM_OK)
            print_model("", &e->fit[s]);
        start_model(&work, e->start);
        if (st == EM_OK)
            st = run_fixed(&work, e->x, e->n, steps[s], resp, e->curve[s]);
    }
    em_gmm_free(&work);
    if (st == EM_OK)
        printf("\nSide by side, %zu points:\n", e->n);
    for (int s = 0; s < 2 && st == EM_OK; s++) {
        size_t at;
        double fall = largest_fall(e->curve[s], CURVE_ITER, &at);
        printf("  %s M-step: stopped after %zu iterations at %.6f; after %d, %.6f; ",
               s ? "textbook" : "notebook", e->stopped[s], e->curve[s][e->stopped[s]],
               CURVE_ITER, e->curve[s][CURVE_ITER]);
        if (fall > 0.0)
            printf("largest fall %.3g at iteration %zu\n", fall, at);
        else
            printf("never fell\n");
    }
    return st;
}

/*
 * ## What it prints, and what it shows
 *
 * On the notebook's 7 points, first its own M-step, then the textbook's,
 * each until it stops, with the model it stopped at:
 *
 * @output 4
 *
 * The notebook's run reproduces each of the 23 log-likelihoods the
 * notebook printed. Both runs climb at every iteration; the notebook's
 * takes 60 iterations where the textbook's takes 52, and they stop at
 * nearly the same model.
 * Run on for 100 iterations, neither ever falls:
 *
 * @output
 *
 * @figure loglik_7.png: The log-likelihood of both M-steps over 100
 * iterations, with a ring where each loop stopped. Both curves rise
 * throughout: the notebook's (covariance around the old mean) lags behind
 * the textbook's, then joins it.
 *
 * @figure fit_7.png: The two fitted densities over the seven points: the
 * notebook's as a broad band, the textbook's as a thin line on it. The
 * line never leaves the band: the two fits coincide.
 *
 * The same on 60 points, 20 from each true component:
 *
 * @output 5
 *
 * @figure loglik_60.png: On 60 points, the same story: the notebook's
 * M-step climbs more slowly (33 iterations against 29) and never falls.
 *
 * @figure fit_60.png: The two fits over a histogram of the 60 points: the
 * line stays on the band again. Only a test of the M-step against a
 * reference would have found the bug.
 *
 * ## How the figures are drawn
 *
 * `loglik_7`, `loglik_60`: the log-likelihood of both M-steps over 100
 * iterations (from the first; the start is far below), with a ring where
 * each loop stopped. `fit_7`, `fit_60`: the two fitted mixture densities
 * over the data, the notebook's as a broad band under the textbook's line:
 * where you see both, they coincide.
 */
static em_status loglik_figure(em_figdir *fd, const experiment *e, char *err, size_t len)
{
    char name[32], title[96], stops[2][32];
    const em_fig_curve curves[2] = { /* from iteration 1: the start is far below */
        {.y = e->curve[0] + 1, .n = CURVE_ITER, .x0 = 1, .style = 13, /* grey */
         .key = "notebook: covariance around the old mean"},
        {.y = e->curve[1] + 1, .n = CURVE_ITER, .x0 = 1, .style = 11, /* black */
         .key = "textbook: around the new mean"}};
    /* a ring where each loop stopped; the notebook's label below, the
     * textbook's above */
    double span = e->curve[1][CURVE_ITER] - e->curve[1][1];
    em_fig_mark marks[2];
    for (int s = 0; s < 2; s++) {
        snprintf(stops[s], sizeof stops[s], "%s stops (%zu)", s ? "textbook" : "notebook",
                 e->stopped[s]);
        marks[s] = (em_fig_mark){(double)e->stopped[s], e->curve[s][e->stopped[s]],
                                 (s ? 0.1 : -0.1) * span, stops[s]};
    }
    snprintf(name, sizeof name, "loglik_%s", e->name);
    snprintf(title, sizeof title, "%s points: log-likelihood of the two M-steps", e->name);
    const em_fig_axes axes = {.title = title, .xlabel = "iteration", .ylabel = "log-likelihood"};
    return em_fig_curves(fd, name, curves, 2, marks, 2, &axes, err, len);
}

static em_status fit_figure(em_figdir *fd, const experiment *e, char *err, size_t len)
{
    char name[32], title[64];
    double gx[GRID], comp[GRID * K], mix[2][GRID];
    em_fig f;
    em_status st = EM_OK;
    for (int s = 0; s < 2 && st == EM_OK; s++)
        st = em_gmm_curves_1d(&e->fit[s], -8.0, 14.0, GRID, gx, comp, mix[s]);
    snprintf(name, sizeof name, "fit_%s", e->name);
    if (st == EM_OK)
        st = em_fig_begin(&f, fd, name, "curves.gp", err, len);
    if (st)
        return st;
    if (e->n > N7)
        st = em_fig_histogram(&f, "bars", e->x, e->n, 1, 22, -8.0, 14.0, 1);
    em_fig_xy(&f, "curve1", gx, mix[0], GRID, 1);
    em_fig_xy(&f, "curve2", gx, mix[1], GRID, 1);
    FILE *pts = em_fig_block(&f, "points");
    for (size_t i = 0; i < e->n; i++)
        fprintf(pts, "%.10g\n", e->x[i]);
    snprintf(title, sizeof title, "%s points: the two fits", e->name);
    em_fig_set_str(&f, "title_text", title);
    em_fig_set_num(&f, "n_curves", 2);
    em_fig_set_str(&f, "key_1", "notebook's M-step");
    em_fig_set_num(&f, "style_1", 13); /* grey: two methods, not two components */
    em_fig_set_num(&f, "width_1", 9);  /* a band under the textbook's line: they coincide */
    em_fig_set_str(&f, "key_2", "textbook M-step");
    em_fig_set_num(&f, "style_2", 11);
    em_fig_set_num(&f, "has_bars", e->n > N7);
    em_fig_set_str(&f, "bars_key", "data (density)");
    em_fig_set_num(&f, "has_points", 1);
    em_fig_set_str(&f, "points_key", "the points");
    em_fig_set_str(&f, "ylabel_text", "p(x)");
    if (st) {
        em_fig_abort(&f);
        return st;
    }
    return em_fig_end(&f, err, len);
}

static em_status draw(em_figdir *fd, const experiment *e, char *err, size_t len)
{
    em_status st = EM_OK;
    for (int j = 0; j < 2 && st == EM_OK; j++) {
        st = loglik_figure(fd, &e[j], err, len);
        if (st == EM_OK)
            st = fit_figure(fd, &e[j], err, len);
    }
    double w[K], mu[K], var[K]; /* for the lab and emlab fit: the 60 points, their start */
    em_gmm start = {.K = K, .d = 1, .weight = w, .mean = mu, .cov = var};
    start_model(&start, e[1].start);
    if (st == EM_OK)
        st = em_fig_handoff(fd, e[1].x, e[1].n, 1, &start, "the start of the 60 points' runs",
                            "--reg 0", err, len);
    return st;
}

/*
 * ## Running it
 *
 * The 7 points from the notebook's recovered start; then 60 points, 20 from
 * each component $\mathcal{N}(-4, 1)$, $\mathcal{N}(0, 0.2)$,
 * $\mathcal{N}(8, 3)$ (`norm.rvs(means[k], np.sqrt(covs[k]), 20)`), drawn
 * after `np.random.seed(44)`, and a start drawn after them.

 */
int main(int argc, char **argv)
{
    em_cli cli = {.seed = 44};
    int rc = em_cli_parse(&cli, argc, argv,
                          "Chapter 6: EM until the log-likelihood stops improving (notebook "
                          "003's GMM class), with the notebook's M-step (covariance around the "
                          "old mean) beside the textbook's, on its 7 points and on 60 points "
                          "drawn after np.random.seed(--seed).");
    if (rc >= 0)
        return rc;
    static experiment e[2];
    double x60[N60], resp[N60 * K], history[MAX_ITER + 1];
    em_rng r;
    em_rng_seed(&r, cli.seed);
    for (size_t i = 0; i < N60; i++)
        x60[i] = em_rng_normal(&r, mu_true[i / 20], sqrt(var_true[i / 20]));
    e[0] = (experiment){.name = "7", .x = points7, .n = N7};
    memcpy(e[0].start, notebook_start, sizeof notebook_start);
    e[1] = (experiment){.name = "60", .x = x60, .n = N60};
    for (size_t k = 0; k < K; k++)
        e[1].start[k] = em_rng_uniform(&r); /* np.random.random((3, 1)) */
    em_status st = EM_OK;
    for (int j = 0; j < 2 && st == EM_OK; j++)
        for (int s = 0; s < 2 && st == EM_OK; s++)
            st = em_gmm_alloc(&e[j].fit[s], K, 1);
    for (int j = 0; j < 2 && st == EM_OK; j++)
        st = run_experiment(&e[j], resp, history);
    char err[1024] = "";
    em_figdir fd;
    if (st)
        rc = em_cli_fail(&cli, em_strerror(st));
    else if ((rc = em_cli_open(&cli, &fd)) == 0)
        rc = em_cli_finish(&cli, &fd, draw(&fd, e, err, sizeof err), err);
    for (int j = 0; j < 2; j++)
        for (int s = 0; s < 2; s++)
            em_gmm_free(&e[j].fit[s]);
    return rc;
}

/*
 * ## Where next
 *
 * That is the last of the notebooks. The lecture goes on:
 * [chapter 7](07_kmeans_and_em.html) shows k-means as EM with hard
 * assignments. [The mathematics](math.html) proves what the chapters
 * used; [the workbook](workbook.html) is where you write EM yourself;
 * [the `emlab` command](emlab.html) fits your own data.
 */
