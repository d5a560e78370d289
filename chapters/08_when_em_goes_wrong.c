/*
 * # Chapter 8: When EM goes wrong
 *
 * *Beyond the notebooks: Bishop's PRML section 9.2.1.* EM never lowers the
 * likelihood, and it stops. But what it climbs to need not be what we
 * want, in three ways this chapter shows one after the other:
 *
 * 1. **the singularity**: the likelihood of a Gaussian mixture has no
 *    maximum. A component that sits on one data point and shrinks makes it
 *    as large as we like (PRML Figure 9.7), and EM, which only climbs,
 *    will follow it there;
 * 2. **local optima**: from different starts EM climbs different hills;
 * 3. **label switching**: even the best answer is $K!$ answers, the same
 *    components under every order of their names.
 *
 * Run it: `build/08_when_em_goes_wrong` (figures in `out/08_when_em_goes_wrong/`).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emlab.h"

enum { N1 = 30, K1 = 2, MAX_COLLAPSE = 100 };
enum { N_GROUP = 100, N2 = 4 * N_GROUP, D = 2, K2 = 4, RESTARTS = 100, ITER = 300 };
enum { SHOWN = 5 }; /* solutions printed */
static const double FLOOR = 1e-6;

/*
 * ## The singularity
 *
 * Take a component $k$ whose mean sits exactly on a data point,
 * $\mu_k = x_j$. That point's density has a term
 *
 * $$\pi_k\, \mathcal{N}(x_j \mid x_j, \sigma_k^2) = \frac{\pi_k}{\sqrt{2\pi}\,\sigma_k},$$
 *
 * which grows without bound as $\sigma_k \to 0$, while every other point
 * keeps the other components' density and loses nothing. So
 * $\ln p(X \mid \theta) \to +\infty$: the "maximum likelihood" mixture
 * would be a spike on one point. In one dimension one point is enough;
 * in $d$ dimensions any $d$ points or fewer.
 *
 * Our data: 30 points from $\mathcal{N}(0, 1)$. The start: component 1
 * wide (the data's mean and variance), component 2 on the most isolated
 * point (the one farthest from its nearest neighbour), its standard
 * deviation a quarter of that distance, and $\pi = (1/2, 1/2)$. Then EM with nothing
 * added to the variances (`reg` $= 0$).
 */
typedef struct {
    size_t t;                         /* iterations recorded: 0 .. t */
    double mu2[MAX_COLLAPSE + 1], var2[MAX_COLLAPSE + 1], N2[MAX_COLLAPSE + 1];
    double loglik[MAX_COLLAPSE + 1];
    em_status st;                     /* how it ended */
    em_degeneracy verdict;            /* component 2 at the end (degenerate.h) */
} collapse_trace;

static int record(size_t t, const em_gmm *m, const double *resp, double loglik, void *ctx)
{
    (void)resp;
    collapse_trace *tr = ctx;
    tr->t = t;
    tr->mu2[t] = m->mean[1];
    tr->var2[t] = m->cov[1];
    tr->N2[t] = m->weight[1] * N1;
    tr->loglik[t] = loglik;
    return 0;
}

static size_t most_isolated(const double *x, double *gap)
{
    size_t best = 0;
    *gap = 0.0;
    for (size_t i = 0; i < N1; i++) {
        double nearest = INFINITY;
        for (size_t l = 0; l < N1; l++)
            if (l != i)
                nearest = fmin(nearest, fabs(x[i] - x[l]));
        if (nearest > *gap) {
            *gap = nearest;
            best = i;
        }
    }
    return best;
}

static void spike_start(em_gmm *m, const double *x, size_t j, double gap)
{
    double n, mean, var;
    em_weighted_moments(x, N1, 1, NULL, 1, 0, &n, &mean, &var);
    m->weight[0] = m->weight[1] = 0.5;
    m->mean[0] = mean;
    m->cov[0] = var;
    m->mean[1] = x[j];
    m->cov[1] = (gap / 4) * (gap / 4);
}

/* EM from the spike start with the floor reg, until the library stops it,
 * it converges (a gain below 1e-10) or MAX_COLLAPSE iterations. */
static void collapse(const double *x, const em_gmm *start, double reg, collapse_trace *tr)
{
    em_gmm m;
    if ((tr->st = em_gmm_alloc(&m, K1, 1)))
        return;
    em_gmm_copy(&m, start);
    em_options opt = em_default_options();
    opt.reg = reg;
    opt.tol = 1e-10;
    opt.max_iter = MAX_COLLAPSE;
    opt.observer = record;
    opt.observer_ctx = tr;
    em_result res = {0};
    tr->st = em_fit(&m, x, N1, &opt, NULL, &res);
    tr->verdict = em_degenerate(&m, 1, m.weight[1] * N1, reg); /* as emlab fit judges it */
    em_result_free(&res);
    em_gmm_free(&m);
}

static void print_trace(const collapse_trace *tr)
{
    printf("iteration         mu_2       sigma_2^2        N_2   log-likelihood\n");
    for (size_t t = 0; t <= tr->t; t++)
        printf("%9zu  %11.6f  %14.6g  %9.6f  %15.6f\n", t, tr->mu2[t], tr->var2[t], tr->N2[t],
               tr->loglik[t]);
}

static void print_singularity(const double *x, size_t j, const collapse_trace *bare,
                              const collapse_trace *floored)
{
    printf("The singularity: %d points from N(0, 1), K = %d; component 2 starts on point %zu, "
           "x = %.6f,\nthe most isolated, with sigma_2^2 = %.6g. EM with reg = 0:\n", N1, K1, j,
           x[j], bare->var2[0]);
    print_trace(bare);
    if (bare->st == EM_ESINGULAR)
        printf("EM stopped after iteration %zu: the next M-step made sigma_2^2 = 0, and "
               "N(x | mu_2, 0)\nhas no density (%s).\n", bare->t, em_strerror(bare->st));
    else /* the neighbours held it up: this start finds a hill, not the spike */
        printf("No collapse at this seed: the point's neighbours kept sigma_2^2 at %.6g, "
               "a local maximum.\n", bare->var2[bare->t]);
    printf("\nThe same start with the floor reg = %g added to every variance:\n", FLOOR);
    print_trace(floored);
    size_t T = floored->t;
    int at_floor = floored->var2[T] <= 10 * FLOOR, few = floored->N2[T] < 2.0;
    printf("Converged%s.", at_floor ? ", with sigma_2^2 at the floor" : "");
    if (floored->verdict != EM_SOUND) /* as emlab fit judges it */
        printf(" emlab fit calls component 2 degenerate and warns:\n%s%s%s (N_2 = %.3f).\n",
               few ? "it holds fewer points than the 2 a variance needs" : "",
               few && at_floor ? ", and " : "",
               at_floor ? "its variance is the floor's, not the data's" : "", floored->N2[T]);
    else
        printf(" Component 2 is sound.\n");
}

/*
 * What it prints:
 *
 * @output
 *
 * Component 2 is alone on its point, so the M-step's variance, the
 * weighted spread of the points around $\mu_2$, is made of the other
 * points' tiny responsibilities: it shrinks, which makes them tinier
 * still. After two iterations $\sigma_2^2$ is about $10^{-12}$, and the
 * next M-step makes it $0$ exactly: every other point's $\gamma_{i2}$ has
 * underflowed. The log-likelihood has risen by almost 28 on the way, and
 * would go to infinity; the library stops, because a zero variance is no
 * Gaussian.
 *
 * The floor (every variance plus $10^{-6}$, what `emlab fit` does by
 * default) stops the fall at $\sigma_2^2 = 10^{-6}$, where the
 * log-likelihood is large but finite:
 *
 * @output
 *
 * That makes the fit computable, not right: component 2 still describes
 * one point. The cures: a better start (next section); a prior on the
 * variances, which turns maximum likelihood into a MAP estimate whose
 * maximum exists (mclust's `priorControl`); and watching for it:
 * `emlab fit` and the lab warn of a component with too few points or a
 * variance at the floor, and `emlab select` never picks such a model.
 *
 * @figure collapse.png: Left, $\sigma_2^2$ against the iteration on a
 * logarithmic axis: without the floor it plunges, and the next step would
 * make it 0 ("next: 0"); with the floor it stops at $10^{-6}$. Right, the log-likelihood: it climbs steeply as
 * the spike narrows. A rising log-likelihood is not a better fit.
 */

/*
 * ## Local optima
 *
 * The log-likelihood of a mixture has many hills, and EM climbs the one
 * it starts on. Our data: four groups of 100 points at the corners of a
 * square, $\mathcal{N}(c, 0.8^2 I)$ for $c = (0, 0), (5, 0), (0, 5), (5, 5)$,
 * and $K = 4$. We run EM 100 times, each time from a start the notebooks
 * use (four random data points as the means, the data's covariance,
 * equal weights; `emlab fit --init data`), for 300 iterations.
 */
typedef struct {
    double loglik[RESTARTS];
    em_gmm fit[RESTARTS];
    size_t order[RESTARTS];   /* restarts by final log-likelihood, best first */
    size_t n_sol;             /* distinct solutions                          */
    size_t first[RESTARTS];   /* each solution's best restart                 */
    size_t count[RESTARTS];   /* how many restarts reached it                 */
} restarts;

static em_status run_restarts(const double *x, em_rng *r, restarts *R)
{
    em_options opt = em_default_options(); /* reg 1e-6 */
    opt.tol = 0.0;
    opt.max_iter = ITER;
    em_status st = EM_OK;
    for (size_t s = 0; s < RESTARTS && st == EM_OK; s++) {
        em_result res = {0};
        st = em_gmm_alloc(&R->fit[s], K2, D);
        if (st == EM_OK)
            st = em_init_from_data(&R->fit[s], x, N2, r);
        if (st == EM_OK)
            st = em_fit(&R->fit[s], x, N2, &opt, NULL, &res);
        R->loglik[s] = res.loglik;
        em_result_free(&res);
    }
    return st;
}

/* Two restarts reached the same solution when their log-likelihoods agree
 * to 1e-6: group them, best first. */
static void find_solutions(restarts *R)
{
    for (size_t s = 0; s < RESTARTS; s++) { /* insertion sort, best first */
        size_t a = s;
        while (a > 0 && R->loglik[R->order[a - 1]] < R->loglik[s]) {
            R->order[a] = R->order[a - 1];
            a--;
        }
        R->order[a] = s;
    }
    R->n_sol = 0;
    for (size_t a = 0; a < RESTARTS; a++) {
        size_t s = R->order[a];
        if (R->n_sol && fabs(R->loglik[R->first[R->n_sol - 1]] - R->loglik[s]) < 1e-6)
            R->count[R->n_sol - 1]++;
        else {
            R->first[R->n_sol] = s;
            R->count[R->n_sol++] = 1;
        }
    }
}

static void print_restarts(const restarts *R)
{
    printf("\nLocal optima: %d restarts of EM, K = %d, %d iterations each, on %d points in four "
           "groups,\neach from four random data points (emlab fit --init data).\n", RESTARTS, K2,
           ITER, N2);
    printf("solution   log-likelihood   restarts   smallest pi_k\n");
    size_t rest = 0;
    for (size_t q = SHOWN; q < R->n_sol; q++)
        rest += R->count[q];
    for (size_t q = 0; q < R->n_sol && q < SHOWN; q++) {
        const em_gmm *m = &R->fit[R->first[q]];
        double smallest = 1.0;
        for (size_t k = 0; k < K2; k++)
            smallest = fmin(smallest, m->weight[k]);
        printf("%8c  %15.6f  %9zu  %14.6f\n", (int)('A' + q), R->loglik[R->first[q]], R->count[q],
               smallest);
    }
    if (R->n_sol > SHOWN)
        printf("and %zu more solutions, reached by %zu restarts, down to %.6f\n",
               R->n_sol - SHOWN, rest, R->loglik[R->order[RESTARTS - 1]]);
}

/*
 * @output
 *
 * Seventy restarts find solution A, one component per group, each with
 * a quarter of the points. Most of the others stop near $-1610$, in one
 * of many nearly equal solutions: two components, both stretched, share
 * the two groups of one column (B) or one row (C) of the square, where
 * one round component for each group would fit far better. EM cannot leave such a
 * hill, because splitting the stretched component means going downhill
 * first. The cure is cheap: run EM from several starts and keep the best
 * log-likelihood (`emlab fit --restarts`, scikit-learn's `n_init`), and
 * start well (k-means++ spreads the starting means out).
 *
 * @figure restarts.png: The final log-likelihoods of the 100 restarts: a
 * tall bar at the best solution and smaller ones below it.
 *
 * @figure solutions.png: The best solution and the next two, side by
 * side, each point coloured by its responsibilities.
 */

/*
 * ## Label switching
 *
 * Renaming the components changes nothing: component 1 could as well
 * be called component 3. The likelihood is a sum over $k$, and a sum does not
 * care about order, so every one of the $K! = 24$ orders of the best fit's
 * components has exactly its log-likelihood. Here it is in reverse order:
 */
static void reverse(const em_gmm *m, em_gmm *p)
{
    for (size_t k = 0; k < K2; k++) {
        size_t from = K2 - 1 - k;
        p->weight[k] = m->weight[from];
        memcpy(p->mean + k * D, m->mean + from * D, D * sizeof *p->mean);
        memcpy(p->cov + k * D * D, m->cov + from * D * D, D * D * sizeof *p->cov);
    }
}

static em_status label_switching(const double *x, const em_gmm *best, em_gmm *switched,
                                 double ll[2])
{
    reverse(best, switched);
    em_status st = em_log_likelihood(best, x, N2, &ll[0], NULL);
    if (st == EM_OK)
        st = em_log_likelihood(switched, x, N2, &ll[1], NULL);
    if (st == EM_OK) {
        printf("\nLabel switching: the best fit, and the same fit with its components in "
               "reverse order:\n");
        for (int v = 0; v < 2; v++)
            printf("  %s mu_1 = (%9.6f, %9.6f)  log-likelihood %.10f\n",
                   v ? "reversed:" : "as found:", (v ? switched : best)->mean[0],
                   (v ? switched : best)->mean[1], ll[v]);
        printf("  difference %.3g: the same model under another name, one of K! = 24.\n",
               fabs(ll[1] - ll[0]));
    }
    return st;
}

/*
 * @output
 *
 * The two log-likelihoods agree to the last digit (in general up to
 * rounding, the terms of the sum over $k$ being added in another order).
 * What this means in
 * practice: "component 1" has no meaning of its own. Two runs, or two
 * programs (emlab and scikit-learn), may find the same fit under
 * different names, so compare fits after matching their components, and
 * never average component 1 over runs. The tests of emlab compare fits
 * from the same start, where the order is the start's.
 *
 * @figure label_switching.png: The same fit twice, its colours in
 * another order.
 *
 * ## How the figures are drawn
 *
 * `collapse` is `collapse_variance` and `collapse_loglik` side by side;
 * `restarts` is a histogram of the 100 final log-likelihoods;
 * `solution_A`, `solution_B` and `solution_C`, the best three solutions,
 * make `solutions`; `found` and `reversed` make `label_switching`.
 * `results.txt` holds every number to the last digit.
 */
static em_status collapse_figure(em_figdir *fd, const collapse_trace *bare,
                                 const collapse_trace *floored, char *err, size_t len)
{
    /* the run without the floor drawn last, on top: it starts as the
     * other does, and may leave it only at its last step */
    const em_fig_curve var[2] = {
        {.y = floored->var2, .n = floored->t + 1, .key = "reg = 1e-6", .style = 11},
        {.y = bare->var2, .n = bare->t + 1, .key = "reg = 0", .style = 2}};
    const em_fig_curve ll[2] = {
        {.y = floored->loglik, .n = floored->t + 1, .key = "reg = 1e-6", .style = 11},
        {.y = bare->loglik, .n = bare->t + 1, .key = "reg = 0", .style = 2}};
    int stopped = bare->st == EM_ESINGULAR;
    size_t T = bare->t; /* the last iteration before the variance became 0 */
    const em_fig_mark to_zero = {(double)T, bare->var2[T], 30.0 * bare->var2[T], "next: 0"};
    const em_fig_mark stop = {(double)T, bare->loglik[T],
                              0.08 * (bare->loglik[T] - bare->loglik[0]), "then no density"};
    const em_fig_axes a1 = {.title = stopped ? "σ₂² shrinks onto one point" : "σ₂²",
                            .xlabel = "iteration",
                            .ylabel = "σ₂²", .key_pos = "top right", .xtics_step = 2,
                            .log_y = 1};
    const em_fig_axes a2 = {.title = stopped ? "and the log-likelihood climbs" : "log-likelihood",
                            .xlabel = "iteration",
                            .ylabel = "log-likelihood", .key_pos = "bottom right",
                            .xtics_step = 2};
    em_status st = em_fig_curves(fd, "collapse_variance", var, 2, &to_zero, stopped, &a1, err,
                                 len);
    if (st == EM_OK)
        st = em_fig_curves(fd, "collapse_loglik", ll, 2, &stop, stopped, &a2, err, len);
    const char *two[2] = {"collapse_variance", "collapse_loglik"};
    if (st == EM_OK)
        st = em_fig_panel(fd, "collapse", "The singularity: a component shrinking onto one point",
                          1, 2, two, 2, 1500, 560, err, len);
    return st;
}

static em_status histogram_figure(em_figdir *fd, const restarts *R, char *err, size_t len)
{
    double lo = R->loglik[R->order[RESTARTS - 1]], hi = R->loglik[R->order[0]];
    double pad = fmax(1.0, 0.04 * (hi - lo));
    em_fig f;
    em_status st = em_fig_begin(&f, fd, "restarts", "curves.gp", err, len);
    if (st)
        return st;
    st = em_fig_histogram(&f, "bars", R->loglik, RESTARTS, 1, 40, lo - pad, hi + pad, 0);
    em_fig_set_str(&f, "title_text", "100 restarts: where EM ended");
    em_fig_set_num(&f, "has_bars", 1);
    em_fig_set_str(&f, "bars_key", "restarts");
    em_fig_set_str(&f, "xlabel_text", "final log-likelihood");
    em_fig_set_str(&f, "ylabel_text", "restarts");
    em_fig_set_str(&f, "key_pos", "top left");
    if (st) {
        em_fig_abort(&f);
        return st;
    }
    return em_fig_end(&f, err, len);
}

static em_status fit_figure(em_figdir *fd, const char *name, const char *title, const double *x,
                            const em_gmm *m, const double *frame, char *err, size_t len)
{
    double *resp = malloc(N2 * K2 * sizeof *resp);
    em_status st = resp ? em_e_step(m, x, N2, resp, NULL, NULL) : EM_ENOMEM;
    em_fig_2d look = {.title = title, .panel_title = title, .frame = frame, .a = 0, .b = 1,
                      .fig_w = 700, .fig_h = 700};
    if (st == EM_OK)
        st = em_fig_snapshot_2d(fd, name, x, N2, m, resp, &look, err, len);
    free(resp);
    return st;
}

static em_status solution_figures(em_figdir *fd, const double *x, const restarts *R,
                                  const em_gmm *switched, char *err, size_t len)
{
    static char names[3][16];
    char title[96];
    const char *shown[3];
    double frame[4];
    em_fig_frame_2d(x, N2, D, 0, 1, frame);
    em_status st = EM_OK;
    size_t n = R->n_sol < 3 ? R->n_sol : 3;
    for (size_t q = 0; q < n && st == EM_OK; q++) {
        snprintf(names[q], sizeof names[q], "solution_%c", (int)('A' + q));
        snprintf(title, sizeof title, "%c: log-likelihood %.1f (%zu restart%s)", (int)('A' + q),
                 R->loglik[R->first[q]], R->count[q], R->count[q] == 1 ? "" : "s");
        st = fit_figure(fd, names[q], title, x, &R->fit[R->first[q]], frame, err, len);
        shown[q] = names[q];
    }
    if (st == EM_OK)
        st = em_fig_panel(fd, "solutions", "Local optima: the best solution and the next ones",
                          1, n, shown, n, 550 * (int)n, 600, err, len);
    if (st == EM_OK)
        st = fit_figure(fd, "found", "as found (component 1 is blue)", x, &R->fit[R->first[0]],
                        frame, err, len);
    if (st == EM_OK) /* component k keeps its colour: the groups change colours */
        st = fit_figure(fd, "reversed", "labels reversed (component 1: another group)", x,
                        switched, frame, err, len);
    const char *two[2] = {"found", "reversed"};
    if (st == EM_OK)
        st = em_fig_panel(fd, "label_switching", "Label switching: one fit, two names", 1, 2, two,
                          2, 1200, 640, err, len);
    return st;
}

/* results.txt: the two collapse traces (run 0: reg 0, run 1: the floor;
 * columns run, t, mu_2, sigma_2^2, N_2, log L), then the restarts
 * (run 2, restart, 0, 0, 0, final log L), then the label switching (run
 * 3, 0 as found / 1 reversed, 0, 0, 0, log L). */
static em_status save_results(em_figdir *fd, const collapse_trace *tr, const restarts *R,
                              const double *ll, char *err, size_t len)
{
    enum { COLS = 6 };
    size_t rows = tr[0].t + tr[1].t + 2 + RESTARTS + 2, i = 0;
    double *out = calloc(rows * COLS, sizeof *out);
    if (!out)
        return EM_ENOMEM;
    for (int run = 0; run < 2; run++)
        for (size_t t = 0; t <= tr[run].t; t++, i++) {
            double *r = out + i * COLS;
            r[0] = run;
            r[1] = (double)t;
            r[2] = tr[run].mu2[t];
            r[3] = tr[run].var2[t];
            r[4] = tr[run].N2[t];
            r[5] = tr[run].loglik[t];
        }
    for (size_t s = 0; s < RESTARTS; s++, i++) {
        out[i * COLS] = 2;
        out[i * COLS + 1] = (double)s;
        out[i * COLS + 5] = R->loglik[s];
    }
    for (int v = 0; v < 2; v++, i++) {
        out[i * COLS] = 3;
        out[i * COLS + 1] = v;
        out[i * COLS + 5] = ll[v];
    }
    static char *const names[COLS] = {"run", "t", "mu_2", "var_2", "N_2", "loglik"};
    em_status st = em_fig_table(fd, "results.txt", out, rows, COLS, names, err, len);
    free(out);
    return st;
}

/*
 * ## Running it
 *
 * After `np.random.seed(--seed)`: the 30 points (`np.random.normal()`),
 * then the 400 (each coordinate `np.random.normal(c_j, 0.8)` in turn,
 * group by group), then the 100 starts, each `np.random.choice(400, 4)`.
 */
static void make_data(em_rng *r, double *x1, double *x2)
{
    static const double corner[4][D] = {{0, 0}, {5, 0}, {0, 5}, {5, 5}};
    for (size_t i = 0; i < N1; i++)
        x1[i] = em_rng_normal(r, 0.0, 1.0);
    for (size_t i = 0; i < N2; i++)
        for (size_t j = 0; j < D; j++)
            x2[i * D + j] = em_rng_normal(r, corner[i / N_GROUP][j], 0.8);
}

int main(int argc, char **argv)
{
    em_cli cli = {.seed = 8};
    int rc = em_cli_parse(&cli, argc, argv,
                          "Chapter 8: when EM goes wrong (PRML 9.2.1): a component collapsing "
                          "onto one point with reg = 0, and the floor that stops it; 100 "
                          "restarts and the local optima they reach; label switching. Data "
                          "drawn after np.random.seed(--seed).");
    if (rc >= 0)
        return rc;
    static double x1[N1], x2[N2 * D];
    static collapse_trace tr[2];
    restarts *R = calloc(1, sizeof *R);
    em_gmm start = {0}, switched = {0};
    em_status st = R ? em_gmm_alloc(&start, K1, 1) : EM_ENOMEM;
    if (st == EM_OK)
        st = em_gmm_alloc(&switched, K2, D);
    em_rng r;
    em_rng_seed(&r, cli.seed);
    make_data(&r, x1, x2);
    double gap, ll[2] = {0, 0};
    size_t j = most_isolated(x1, &gap);
    if (st == EM_OK) {
        spike_start(&start, x1, j, gap);
        collapse(x1, &start, 0.0, &tr[0]);
        collapse(x1, &start, FLOOR, &tr[1]);
        st = tr[1].st;
    }
    if (st == EM_OK) {
        print_singularity(x1, j, &tr[0], &tr[1]);
        st = run_restarts(x2, &r, R);
    }
    if (st == EM_OK) {
        find_solutions(R);
        print_restarts(R);
        st = label_switching(x2, &R->fit[R->first[0]], &switched, ll);
    }
    char err[1024] = "";
    em_figdir fd;
    if (st)
        rc = em_cli_fail(&cli, em_strerror(st));
    else if ((rc = em_cli_open(&cli, &fd)) == 0) {
        em_status fs = collapse_figure(&fd, &tr[0], &tr[1], err, sizeof err);
        if (fs == EM_OK)
            fs = histogram_figure(&fd, R, err, sizeof err);
        if (fs == EM_OK)
            fs = solution_figures(&fd, x2, R, &switched, err, sizeof err);
        if (fs == EM_OK)
            fs = save_results(&fd, tr, R, ll, err, sizeof err);
        if (fs == EM_OK) /* for the lab and emlab fit: the spike start, without the floor */
            fs = em_fig_handoff(&fd, x1, N1, 1, &start, "component 2 alone on one point",
                                "--reg 0", err, sizeof err);
        rc = em_cli_finish(&cli, &fd, fs, err);
    }
    for (size_t s = 0; R && s < RESTARTS; s++)
        em_gmm_free(&R->fit[s]);
    free(R);
    em_gmm_free(&start);
    em_gmm_free(&switched);
    return rc;
}

/*
 * ## Where next
 *
 * [Chapter 9](09_choosing_k.html): how many components? The likelihood
 * cannot say; the information criteria can.
 */
