/*
 * # Chapter 9: Choosing K
 *
 * *Beyond the notebooks: Bishop's PRML sections 9.2 and 4.4.1.* Every
 * chapter so far was told how many components to fit. With real data
 * nobody tells us. Why not fit several $K$ and keep the one with the
 * highest likelihood? Because the likelihood **always** grows with $K$: a
 * mixture with $K + 1$ components can do everything one with $K$ can (give
 * the extra one weight 0), and more. Left to the likelihood we would take
 * the largest $K$ we tried, and end with a component on every point
 * (chapter 8).
 *
 * The information criteria charge for the extra numbers. With
 * $\ell = \ln p(X \mid \hat\theta)$ the best log-likelihood, $p$ the number of
 * free parameters and $n$ the number of points,
 *
 * $$\text{AIC} = 2p - 2\ell, \qquad \text{BIC} = p \ln n - 2\ell,$$
 *
 * and the smallest wins. BIC is the Laplace approximation to the model
 * evidence $\ln p(X \mid K)$ (PRML 4.4.1), times $-2$: it asks how
 * probable the data are under a $K$ whose parameters we do not know,
 * and the cost of not knowing grows with $p$. AIC charges less
 * ($2$ instead of $\ln n$ per parameter) and picks larger $K$.
 *
 * Run it: `build/09_choosing_k` (figures in `out/09_choosing_k/`).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emlab.h"

enum { N = 400, STUCK = 3, D = 2, TRUE_K = 3, K_MAX = 8, RESTARTS = 5 };

/*
 * ## Counting the parameters
 *
 * A $K$-component mixture in $d$ dimensions chooses
 *
 * - $K - 1$ weights (the last is $1$ minus the others),
 * - $K d$ numbers for the means,
 * - $K\, d(d+1)/2$ for the covariances (a symmetric $d \times d$ matrix has
 *   $d$ diagonal entries and $d(d-1)/2$ pairs above it),
 *
 * so $p = K - 1 + Kd + K d(d+1)/2$. In two dimensions each component costs
 * $1 + 2 + 3 = 6$ numbers, and $p = 6K - 1$. The library counts the same
 * (`em_gmm_free_params`, which knows the covariance families of chapter
 * 10 too); here is the count by hand.
 */
static size_t free_params(size_t K, size_t d)
{
    return (K - 1) + K * d + K * d * (d + 1) / 2;
}

/*
 * ## What `emlab select` does, step by step
 *
 * For each $K$ from 1 to 8, exactly as `emlab select` does it:
 *
 * 1. seed the generator with the seed (the same for every $K$), and
 *    start EM 5 times from k-means++ (chapter 7's k-means' own start);
 * 2. run each to convergence (a gain below $10^{-4}$, at most 100
 *    iterations) with the floor scaled to the data ($10^{-6}$ times the
 *    smallest column variance);
 * 3. keep the restart with the best $\ell$, unless it is *degenerate*
 *    (a component with fewer than $d + 1$ points' worth of
 *    responsibility, or a variance at the floor: chapter 8's
 *    singularity in the making) and another is not;
 * 4. compute $p$, AIC and BIC, and never choose a degenerate $K$.
 *
 * The judge of step 3 is the library's `em_first_degenerate`, the one
 * `emlab select` calls: an E-step gives each component's
 * $N_k = \sum_i \gamma_{ik}$, and `em_degenerate` applies the two tests.
 */
typedef struct {
    size_t K, p;
    double loglik, aic, bic;
    size_t bad_k;            /* a degenerate component (from 1), or 0 */
    em_degeneracy why;
    em_gmm fit;
} row;

static em_status fit_K(const double *x, size_t n, size_t K, uint32_t seed, double reg, row *rw,
                       double *resp)
{
    em_options opt = em_default_options();
    opt.reg = reg;
    em_rng r;
    em_rng_seed(&r, seed);
    em_gmm m;
    em_status st = em_gmm_alloc(&m, K, D);
    if (st == EM_OK)
        st = em_gmm_alloc(&rw->fit, K, D);
    int have = 0, best_bad = 0;
    for (size_t run = 0; run < RESTARTS && st == EM_OK; run++) {
        em_result res = {0};
        st = em_init(&m, EM_INIT_KMEANSPP, x, n, &r, &opt);
        em_status fit = st ? st : em_fit(&m, x, n, &opt, NULL, &res);
        if (st == EM_OK && fit == EM_OK) {
            int bad = em_first_degenerate(&m, x, n, reg, resp, NULL, NULL) != 0;
            if (!have || (best_bad && !bad) || (bad == best_bad && res.loglik > rw->loglik)) {
                em_gmm_copy(&rw->fit, &m);
                rw->loglik = res.loglik;
                have = 1;
                best_bad = bad;
            }
        }
        em_result_free(&res);
    }
    em_gmm_free(&m);
    if (st == EM_OK && !have)
        st = EM_ESINGULAR;
    if (st == EM_OK) {
        rw->K = K;
        rw->p = free_params(K, D);
        rw->aic = 2.0 * (double)rw->p - 2.0 * rw->loglik;
        rw->bic = (double)rw->p * log((double)n) - 2.0 * rw->loglik;
        rw->bad_k = em_first_degenerate(&rw->fit, x, n, reg, resp, &rw->why, NULL);
    }
    return st;
}

/* A data set and its rows, K = 1 .. K_MAX. */
typedef struct {
    const double *x;
    size_t n;
    double reg;                   /* the floor scaled to the data */
    row rows[K_MAX];
    size_t best_aic, best_bic;    /* K_MAX: none (every K degenerate) */
} selection;

/* The smallest criterion (c: 0 AIC, 1 BIC) among the sound K. */
static size_t best_row(const row *rows, int c)
{
    size_t best = K_MAX;
    for (size_t r = 0; r < K_MAX; r++) {
        double v = c ? rows[r].bic : rows[r].aic;
        if (!rows[r].bad_k && (best == K_MAX || v < (c ? rows[best].bic : rows[best].aic)))
            best = r;
    }
    return best;
}

static em_status select_K(selection *sel, double *resp)
{
    em_status st = EM_OK;
    sel->reg = em_scale_free_floor(sel->x, sel->n, D);
    for (size_t K = 1; K <= K_MAX && st == EM_OK; K++)
        st = fit_K(sel->x, sel->n, K, 0, sel->reg, &sel->rows[K - 1], resp); /* seed 0 */
    sel->best_aic = best_row(sel->rows, 0);
    sel->best_bic = best_row(sel->rows, 1);
    if (st == EM_OK && (sel->best_aic == K_MAX || sel->best_bic == K_MAX))
        st = EM_ESINGULAR; /* every K degenerate */
    return st;
}

static void print_rows(const selection *sel)
{
    const row *rows = sel->rows;
    size_t best_aic = sel->best_aic, best_bic = sel->best_bic;
    printf("  K   log-likelihood        p            AIC            BIC\n");
    for (size_t r = 0; r < K_MAX; r++) {
        const row *rw = &rows[r];
        printf("%3zu %16.6f %8zu %14.4f %14.4f", rw->K, rw->loglik, rw->p, rw->aic, rw->bic);
        if (rw->bad_k)
            printf("  degenerate, not chosen: component %zu %s\n", rw->bad_k,
                   rw->why == EM_FEW_POINTS ? "holds fewer than d + 1 = 3 points"
                                            : "is at the variance floor");
        else
            printf("%s%s\n", r == best_bic ? "  <- best BIC" : "",
                   r == best_aic ? "  <- best AIC" : "");
    }
}

/*
 * What it prints:
 *
 * @output 2
 *
 * The log-likelihood climbs fast up to the true $K = 3$ and slowly
 * after: the extra components find small gains in the noise. (At
 * $K = 5$ it even falls: the best of 5 restarts is not the best fit
 * there is. A mixture with 5 components can do all that one with 4 can,
 * so a fall means EM stopped on a lower hill, chapter 8's local optima.)
 * BIC, whose charge per parameter is $\ln 400 \approx 6$, turns up after
 * $K = 3$ and picks it. AIC charges 2 per parameter and picks $K = 4$,
 * one component too many. This is the table `emlab select data.txt
 * --kmax 8` prints, number for number (the tests check it), and its BIC
 * is scikit-learn's `bic()` at the same parameters.
 *
 * @figure choosing_k.png: Left, the log-likelihood against $K$: steep up
 * to $K = 3$, nearly flat after. Right, AIC and BIC: each has a minimum, BIC's at the true $K$.
 *
 * @figure fits.png: The best fits for $K = 2, 3, 4$ and $8$: with too few
 * components two groups share one; with too many, groups are cut in
 * pieces that fit the noise.
 *
 * ## The degenerate-K rule
 *
 * Now a sensor sticks and the same reading appears three times. A
 * component can sit on the three copies and shrink (chapter 8): its
 * variance stops only at the floor, and its log-likelihood is as high as
 * the floor lets it be. `emlab select` calls such a $K$ degenerate and
 * never picks it:
 *
 * @output 2
 *
 * From $K = 5$ on, one component holds the three copies at the floor,
 * and the log-likelihood jumps. Without the rule BIC would pick $K = 5$,
 * a "cluster" of one repeated reading, because the jump buys more than
 * the 6 parameters cost. With it, BIC picks 3 again. (The rule is
 * mclust's too: it reports such models as missing.)
 *
 * The rule is a guard, not a cure. It catches a component that sits on
 * the copies; it cannot catch one that only reaches them. Run the chapter
 * with other seeds and you will meet that more often than not: a long,
 * thin component stretches from a group to the copies, or a small one
 * takes them with a handful of neighbours, passes both tests, and BIC
 * picks $K = 4$ or 5. The repeated reading is the data's fault, and the cure is
 * to look at the data (and at the fits) before trusting any $K$.
 *
 * @figure stuck.png: BIC against $K$ for the 400 points and for the same
 * points with the three copies; each degenerate $K$ ringed.
 *
 * A criterion is a rule of thumb, not a proof. BIC assumes the truth is
 * one of the models tried and tends to choose too few components when
 * groups overlap; a mixture fitted to data that are not Gaussian may need
 * many components to describe one skewed group. Look at the fits, and
 * at the curves: a flat minimum means the data cannot tell.
 *
 * ## How the figures are drawn
 *
 * `loglik` and `criteria` make `choosing_k`; `fit_K2`, `fit_K3`,
 * `fit_K4` and `fit_K8` make `fits`; `stuck` is BIC for both data sets.
 * `results.txt` holds every row to the last digit, `params_K1.txt` ...
 * `params_K8.txt` the first data set's fits, as parameter files that
 * `emlab fit --init` reads back.
 */
static em_status criteria_figures(em_figdir *fd, const row *rows, size_t best_aic,
                                  size_t best_bic, char *err, size_t len)
{
    double K[K_MAX], ll[K_MAX], aic[K_MAX], bic[K_MAX];
    for (size_t r = 0; r < K_MAX; r++) {
        K[r] = (double)rows[r].K;
        ll[r] = rows[r].loglik;
        aic[r] = rows[r].aic;
        bic[r] = rows[r].bic;
    }
    const em_fig_curve l = {.x = K, .y = ll, .n = K_MAX, .key = "log-likelihood", .style = 11};
    const em_fig_axes a1 = {.title = "The log-likelihood: steep, then flat", .xlabel = "K",
                            .ylabel = "log-likelihood", .key_pos = "bottom right",
                            .xtics_step = 1};
    em_status st = em_fig_curves(fd, "loglik", &l, 1, NULL, 0, &a1, err, len);
    const em_fig_curve c[2] = {{.x = K, .y = bic, .n = K_MAX, .key = "BIC = p ln n - 2ℓ"},
                               {.x = K, .y = aic, .n = K_MAX, .key = "AIC = 2p - 2ℓ"}};
    double span = fmax(rows[0].bic, rows[0].aic) - fmin(rows[best_aic].aic, rows[best_bic].bic);
    const em_fig_mark marks[2] = {
        {K[best_bic], bic[best_bic], 0.12 * span, "best BIC"},
        {K[best_aic], aic[best_aic], -0.12 * span, "best AIC"}};
    const em_fig_axes a2 = {.title = "The criteria charge for parameters", .xlabel = "K",
                            .ylabel = "criterion (smaller is better)", .key_pos = "top right",
                            .xtics_step = 1};
    if (st == EM_OK)
        st = em_fig_curves(fd, "criteria", c, 2, marks, best_aic == best_bic ? 1 : 2, &a2, err,
                           len);
    const char *two[2] = {"loglik", "criteria"};
    if (st == EM_OK)
        st = em_fig_panel(fd, "choosing_k", "Choosing K: the likelihood against the criteria", 1,
                          2, two, 2, 1500, 600, err, len);
    return st;
}

static em_status fit_figures(em_figdir *fd, const double *x, const row *rows, double *resp,
                             char *err, size_t len)
{
    static const size_t shown[4] = {2, 3, 4, 8};
    static char names[4][16];
    const char *four[4];
    char title[64];
    double frame[4];
    em_fig_frame_2d(x, N, D, 0, 1, frame);
    em_status st = EM_OK;
    for (size_t q = 0; q < 4 && st == EM_OK; q++) {
        const row *rw = &rows[shown[q] - 1];
        snprintf(names[q], sizeof names[q], "fit_K%zu", rw->K);
        snprintf(title, sizeof title, "K = %zu: BIC %.1f", rw->K, rw->bic);
        em_fig_2d look = {.title = title, .panel_title = title, .frame = frame, .a = 0, .b = 1,
                          .fig_w = 700, .fig_h = 700};
        st = em_e_step(&rw->fit, x, N, resp, NULL, NULL);
        if (st == EM_OK)
            st = em_fig_snapshot_2d(fd, names[q], x, N, &rw->fit, resp, &look, err, len);
        four[q] = names[q];
    }
    if (st == EM_OK)
        st = em_fig_panel(fd, "fits", "Too few, right, too many", 2, 2, four, 4, 1200, 1150,
                          err, len);
    return st;
}

/* BIC against K for both data sets, each degenerate K ringed. */
static em_status stuck_figure(em_figdir *fd, const selection *sel, char *err, size_t len)
{
    double K[K_MAX], bic[2][K_MAX];
    em_fig_mark marks[K_MAX];
    size_t n_marks = 0;
    for (size_t r = 0; r < K_MAX; r++) {
        K[r] = (double)(r + 1);
        for (int s = 0; s < 2; s++)
            bic[s][r] = sel[s].rows[r].bic;
        if (sel[1].rows[r].bad_k) { /* the first one labelled */
            int first = n_marks == 0;
            marks[n_marks++] = (em_fig_mark){K[r], bic[1][r], first ? 160.0 : 0.0,
                                             first ? "degenerate K: ringed" : ""};
        }
    }
    const em_fig_curve c[2] = {{.x = K, .y = bic[0], .n = K_MAX, .key = "400 points", .style = 11},
                               {.x = K, .y = bic[1], .n = K_MAX, .key = "and 3 copies of one point",
                                .style = 2}};
    const em_fig_axes axes = {.title = "BIC, with and without a stuck point", .xlabel = "K",
                              .ylabel = "BIC", .key_pos = "top right", .xtics_step = 1};
    return em_fig_curves(fd, "stuck", c, 2, marks, n_marks, &axes, err, len);
}

/* results.txt: set (0: the 400 points, 1: with the stuck point), K, log L,
 * p, AIC, BIC, degenerate component (0: none); and params_K1.txt ...
 * params_K8.txt, the first set's fits as parameter files. */
static em_status save_results(em_figdir *fd, const selection *sel, char *err, size_t len)
{
    double out[2 * K_MAX * 7];
    for (int s = 0; s < 2; s++)
        for (size_t r = 0; r < K_MAX; r++) {
            const row *rw = &sel[s].rows[r];
            double *o = out + (s * K_MAX + r) * 7;
            o[0] = s;
            o[1] = (double)rw->K;
            o[2] = rw->loglik;
            o[3] = (double)rw->p;
            o[4] = rw->aic;
            o[5] = rw->bic;
            o[6] = (double)rw->bad_k;
        }
    static char *const names[7] = {"set", "K", "loglik", "p", "aic", "bic", "degenerate"};
    em_status st = em_fig_table(fd, "results.txt", out, 2 * K_MAX, 7, names, err, len);
    for (size_t r = 0; r < K_MAX && st == EM_OK; r++) { /* emlab fit --init reads them */
        char file[32], header[96];
        snprintf(file, sizeof file, "params_K%zu.txt", r + 1);
        snprintf(header, sizeof header, "# chapter 9: the best fit with K = %zu (BIC %.4f)\n",
                 r + 1, sel[0].rows[r].bic);
        st = em_fig_model(fd, file, &sel[0].rows[r].fit, header, err, len);
    }
    return st;
}

static em_status draw(em_figdir *fd, const selection *sel, double *resp, char *err, size_t len)
{
    em_status st = criteria_figures(fd, sel[0].rows, sel[0].best_aic, sel[0].best_bic, err, len);
    if (st == EM_OK)
        st = fit_figures(fd, sel[0].x, sel[0].rows, resp, err, len);
    if (st == EM_OK)
        st = stuck_figure(fd, sel, err, len);
    if (st == EM_OK)
        st = save_results(fd, sel, err, len);
    if (st == EM_OK) /* for the lab and emlab fit: the data, and BIC's choice */
        st = em_fig_handoff(fd, sel[0].x, N, D, &sel[0].rows[sel[0].best_bic].fit,
                            "BIC's choice, fitted", "", err, len);
    return st;
}

/*
 * ## Running it
 *
 * The truth: weights $(0.5, 0.3, 0.2)$, means $(0, 0)$, $(4, 1)$,
 * $(1, 4)$, and three covariances of different shapes; 400 points drawn
 * after `np.random.seed(--seed)` as `emlab sample` draws them. The second
 * data set adds three copies of the point $(7, -2)$. The fits use seed 0,
 * `emlab select`'s default.
 */
static em_status make_data(uint32_t seed, double *x)
{
    double w[TRUE_K] = {0.5, 0.3, 0.2}, mu[TRUE_K * D] = {0, 0, 4, 1, 1, 4};
    double S[TRUE_K * D * D] = {1.0, 0.3, 0.3, 0.6, 0.5, 0.0, 0.0, 0.5, 0.8, -0.4, -0.4, 0.9};
    em_gmm truth = {.K = TRUE_K, .d = D, .weight = w, .mean = mu, .cov = S};
    em_rng r;
    em_rng_seed(&r, seed);
    return em_gmm_sample(&truth, &r, N, x, NULL);
}

int main(int argc, char **argv)
{
    em_cli cli = {.seed = 4};
    int rc = em_cli_parse(&cli, argc, argv,
                          "Chapter 9: choosing K (PRML 9.2, 4.4.1): 400 points from 3 Gaussians "
                          "(drawn after np.random.seed(--seed)), fitted with K = 1 .. 8 as emlab "
                          "select fits them; the log-likelihood, the parameter count p, AIC and "
                          "BIC against K; then the same with three copies of one point added.");
    if (rc >= 0)
        return rc;
    static double x[(N + STUCK) * D], resp[(N + STUCK) * K_MAX];
    static selection sel[2];
    em_status st = make_data(cli.seed, x);
    for (size_t i = N; i < N + STUCK; i++) { /* a stuck sensor */
        x[i * D] = 7.0;
        x[i * D + 1] = -2.0;
    }
    sel[0] = (selection){.x = x, .n = N};
    sel[1] = (selection){.x = x, .n = N + STUCK};
    for (int s = 0; s < 2 && st == EM_OK; s++)
        st = select_K(&sel[s], resp);
    char err[1024] = "";
    em_figdir fd;
    if (st)
        rc = em_cli_fail(&cli, em_strerror(st));
    else {
        printf("%d points from a mixture of %d Gaussians in 2D; K = 1 .. %d, %d k-means++ "
               "restarts each,\nthe floor reg = %.6g. p = (K - 1) + K d + K d(d + 1)/2 with "
               "d = %d:\n\n", N, TRUE_K, K_MAX, RESTARTS, sel[0].reg, D);
        print_rows(&sel[0]);
        printf("\nThe same points and %d copies of (7, -2), a stuck sensor; the floor reg = "
               "%.6g:\n\n", STUCK, sel[1].reg);
        print_rows(&sel[1]);
        size_t any = 0; /* BIC's choice if degenerate K counted */
        for (size_t r = 1; r < K_MAX; r++)
            if (sel[1].rows[r].bic < sel[1].rows[any].bic)
                any = r;
        if (any != sel[1].best_bic)
            printf("Counting the degenerate K too, BIC would choose K = %zu.\n", any + 1);
        if ((rc = em_cli_open(&cli, &fd)) == 0)
            rc = em_cli_finish(&cli, &fd, draw(&fd, sel, resp, err, sizeof err), err);
    }
    for (int s = 0; s < 2; s++)
        for (size_t r = 0; r < K_MAX; r++)
            em_gmm_free(&sel[s].rows[r].fit);
    return rc;
}

/*
 * ## Where next
 *
 * [Chapter 10](10_covariance_types.html) counts parameters again: a
 * diagonal, tied or spherical covariance costs fewer, and BIC weighs
 * that too.
 */
