/*
 * # Chapter 10: Four kinds of covariance
 *
 * *Beyond the notebooks: scikit-learn's "GMM covariances" example, and
 * mclust's model names.* A full covariance matrix lets each component be
 * any ellipse, at a price: $d(d+1)/2$ numbers per component, 55 in ten
 * dimensions. With few points per component that is too many to
 * estimate, and the usual answer is to restrict the shape. There are
 * four common families:
 *
 * | family | each $\Sigma_k$ | covariance numbers | mclust |
 * | --- | --- | --- | --- |
 * | full | any ellipse | $K\, d(d+1)/2$ | VVV |
 * | tied | one ellipse shared by all | $d(d+1)/2$ | EEE |
 * | diag | an ellipse along the axes, $\operatorname{diag}(\sigma_{k1}^2, \dots, \sigma_{kd}^2)$ | $K d$ | VVI |
 * | spherical | a circle, $\sigma_k^2 I$ | $K$ | VII |
 *
 * Each is EM with one change: the M-step's covariance is the best one
 * *within the family* (derived in [the mathematics](math.html#four-families-of-covariances)).
 * For diag, the diagonal of the full update; for spherical, its mean
 * variance $\operatorname{tr}(\Sigma_k)/d$; for tied, the average of the
 * full updates weighted by $N_k$. The E-step and the other updates stay
 * as they are.
 *
 * Which family? Fewer numbers can mean a worse fit or a better one, and
 * BIC (chapter 9) weighs the two. We fit all four to the same data from
 * the same start and compare.
 *
 * Run it: `build/10_covariance_types` (figures in `out/10_covariance_types/`).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emlab.h"

enum { N = 450, D = 2, K = 3, ITER = 200, N_TYPES = 4 };
static const double REG = 1e-6;
static const em_cov_type families[N_TYPES] = {EM_COV_FULL, EM_COV_TIED, EM_COV_DIAG,
                                              EM_COV_SPHERICAL};
static const char *const shapes[N_TYPES] = {"any ellipse", "one ellipse, shared",
                                            "ellipses along the axes", "circles"};

/*
 * ## The data
 *
 * Three groups of about 150 points (each point's group is drawn with
 * probability 1/3), each of another shape: one stretched and
 * tilted, one small and round, one stretched along $x_2$. No family but
 * full describes all three; each restricted family must compromise in
 * its own way.
 */
static em_status make_data(uint32_t seed, double *x)
{
    double w[K] = {1.0 / 3, 1.0 / 3, 1.0 / 3}, mu[K * D] = {0, 0, 5, 3, 1, 5};
    double S[K * D * D] = {2.0, 1.2, 1.2, 1.0, 0.3, 0.0, 0.0, 0.3, 0.2, 0.0, 0.0, 1.5};
    em_gmm truth = {.K = K, .d = D, .weight = w, .mean = mu, .cov = S};
    em_rng r;
    em_rng_seed(&r, seed);
    return em_gmm_sample(&truth, &r, N, x, NULL);
}

/*
 * ## One start, four fits
 *
 * The start is the notebooks' (`emlab fit --init data`): three data
 * points as the means, the data's covariance for every component, equal
 * weights. Each family restricts that start to its own shape (the
 * diagonal of it, or its mean variance times $I$), and runs 200
 * iterations with the floor $10^{-6}$. Setting `m.type` is all it takes:
 * the library's M-step keeps the family.
 */
typedef struct {
    em_gmm fit;
    double loglik, bic;
    size_t p;
    double *resp;
} family_fit;

static em_status fit_family(const double *x, uint32_t seed, em_cov_type type, family_fit *f)
{
    em_status st = em_gmm_alloc(&f->fit, K, D);
    if (st)
        return st;
    em_options opt = em_default_options();
    opt.reg = REG;
    opt.tol = 0.0;
    opt.max_iter = ITER;
    em_rng r;
    em_rng_seed(&r, seed); /* the same start for every family */
    f->fit.type = type;    /* the start and every M-step within the family */
    st = em_init(&f->fit, EM_INIT_DATA, x, N, &r, &opt);
    f->resp = malloc(N * K * sizeof *f->resp);
    em_result res = {0};
    if (st == EM_OK)
        st = f->resp ? em_fit(&f->fit, x, N, &opt, f->resp, &res) : EM_ENOMEM;
    f->loglik = res.loglik;
    em_result_free(&res);
    f->p = em_gmm_free_params(type, K, D, 0);
    f->bic = (double)f->p * log((double)N) - 2.0 * f->loglik;
    return st;
}

static void print_fits(const family_fit *f)
{
    size_t best = 0;
    for (size_t t = 1; t < N_TYPES; t++)
        if (f[t].bic < f[best].bic)
            best = t;
    printf("%d points, K = %d, one start, %d iterations in each family (reg = %g):\n\n", N, K,
           ITER, REG);
    printf("family        p   log-likelihood          BIC   each component is\n");
    for (size_t t = 0; t < N_TYPES; t++)
        printf("%-10s %4zu %16.6f %12.4f   %s%s\n", em_cov_name(families[t]), f[t].p, f[t].loglik,
               f[t].bic, shapes[t], t == best ? "  <- best BIC" : "");
    printf("\np = (K - 1) weights + K d means + covariances: full K d(d+1)/2 = %d, tied "
           "d(d+1)/2 = %d,\ndiag K d = %d, spherical K = %d.\n", K * D * (D + 1) / 2,
           D * (D + 1) / 2, K * D, K);
    printf("\nEach fit's covariances, [row 1; row 2]:\n");
    for (size_t t = 0; t < N_TYPES; t++) {
        printf("%-10s", em_cov_name(families[t]));
        for (size_t k = 0; k < K; k++) {
            const double *S = f[t].fit.cov + k * D * D;
            printf("  Sigma_%zu = [%6.3f %6.3f; %6.3f %6.3f]", k + 1, S[0], S[1], S[2], S[3]);
        }
        printf("\n");
    }
}

/*
 * What it prints: each family's number of parameters, its
 * log-likelihood and BIC,
 *
 * @output 3
 *
 * and each fit's covariances:
 *
 * @output
 *
 * Full fits best and, although it pays 6 parameters more than tied or
 * spherical, BIC agrees: the groups really have different shapes. (Full
 * can always do at least as well as diag, which is one of its special
 * cases; at a few seeds it does not, because one start left it on a
 * lower hill. Chapter 8's restarts are the cure.) Tied
 * has one matrix for three groups and takes a compromise shape for all;
 * diag has every off-diagonal entry 0, so the tilted group gets an
 * axis-aligned ellipse and spills over; spherical has circles only.
 *
 * @figure families.png: The four fits, each point coloured by its
 * responsibilities, with the means and the $1\sigma$ and $2\sigma$
 * ellipses; each title gives the family, its parameter count and its BIC
 * (as in scikit-learn's "GMM covariances" example, with the BIC added).
 *
 * When would a restricted family win? When there are few points per
 * component, or many dimensions: then full's extra numbers are
 * estimated from noise, the log-likelihood it gains is small, and BIC
 * prefers diag or spherical. `emlab select --covariance all` fits all
 * four for each $K$ and picks the best BIC over both; `emlab fit -c diag`
 * fits one.
 *
 * ## How the figures are drawn
 *
 * `full`, `tied`, `diag` and `spherical` make the 2 x 2 panel `families`.
 * `results.txt` holds each family's p, log-likelihood and BIC, and
 * `params_TYPE.txt` its parameters, which `emlab fit data.txt -k 3
 * --init params_TYPE.txt` reads back.
 */
static em_status draw(em_figdir *fd, const double *x, const family_fit *f, const em_gmm *start,
                      char *err, size_t len)
{
    const char *four[N_TYPES];
    char title[96];
    double frame[4];
    em_fig_frame_2d(x, N, D, 0, 1, frame);
    em_status st = EM_OK;
    for (size_t t = 0; t < N_TYPES && st == EM_OK; t++) {
        four[t] = em_cov_name(families[t]);
        snprintf(title, sizeof title, "%s: p = %zu, BIC = %.1f", four[t], f[t].p, f[t].bic);
        em_fig_2d look = {.title = title, .panel_title = title, .frame = frame, .a = 0, .b = 1,
                          .fig_w = 700, .fig_h = 700};
        st = em_fig_snapshot_2d(fd, four[t], x, N, &f[t].fit, f[t].resp, &look, err, len);
    }
    if (st == EM_OK)
        st = em_fig_panel(fd, "families", "Four kinds of covariance, one start", 2, 2, four,
                          N_TYPES, 1200, 1200, err, len);
    double rows[N_TYPES * 4];
    for (size_t t = 0; t < N_TYPES; t++) {
        rows[t * 4] = (double)f[t].p;
        rows[t * 4 + 1] = f[t].loglik;
        rows[t * 4 + 2] = f[t].bic;
        rows[t * 4 + 3] = (double)t;
    }
    static char *const names[4] = {"p", "loglik", "bic", "family"};
    if (st == EM_OK)
        st = em_fig_table(fd, "results.txt", rows, N_TYPES, 4, names, err, len);
    for (size_t t = 0; t < N_TYPES && st == EM_OK; t++) { /* emlab fit --init reads them */
        char file[32], header[96];
        snprintf(file, sizeof file, "params_%s.txt", four[t]);
        snprintf(header, sizeof header, "# chapter 10: the %s fit (BIC %.4f)\n", four[t],
                 f[t].bic);
        st = em_fig_model(fd, file, &f[t].fit, header, err, len);
    }
    if (st == EM_OK) /* for the lab and emlab fit: the data, the full start */
        st = em_fig_handoff(fd, x, N, D, start, "three data points, the data's covariance",
                            "--reg 1e-6", err, len);
    return st;
}

/*
 * ## Running it
 *
 * 450 points drawn after `np.random.seed(--seed)` as `emlab sample`
 * draws them; then the start, `np.random.choice(450, 3)` after
 * `np.random.seed(--seed + 1)`.
 */
int main(int argc, char **argv)
{
    em_cli cli = {.seed = 10};
    int rc = em_cli_parse(&cli, argc, argv,
                          "Chapter 10: four kinds of covariance (full, tied, diag, spherical) "
                          "fitted from one start to 450 points in three groups of different "
                          "shapes (drawn after np.random.seed(--seed)), with each family's "
                          "parameter count and BIC.");
    if (rc >= 0)
        return rc;
    static double x[N * D];
    static family_fit f[N_TYPES];
    em_gmm start = {0};
    em_rng r;
    em_status st = make_data(cli.seed, x);
    if (st == EM_OK)
        st = em_gmm_alloc(&start, K, D);
    em_rng_seed(&r, cli.seed + 1); /* the start's own stream: seed + 1 */
    if (st == EM_OK)
        st = em_init_from_data(&start, x, N, &r);
    for (size_t t = 0; t < N_TYPES && st == EM_OK; t++)
        st = fit_family(x, cli.seed + 1, families[t], &f[t]);
    char err[1024] = "";
    em_figdir fd;
    if (st)
        rc = em_cli_fail(&cli, em_strerror(st));
    else {
        print_fits(f);
        if ((rc = em_cli_open(&cli, &fd)) == 0)
            rc = em_cli_finish(&cli, &fd, draw(&fd, x, f, &start, err, sizeof err), err);
    }
    for (size_t t = 0; t < N_TYPES; t++) {
        em_gmm_free(&f[t].fit);
        free(f[t].resp);
    }
    em_gmm_free(&start);
    return rc;
}

/*
 * ## Where next
 *
 * [Chapter 11](11_why_em_works.html): why every one of these EM runs
 * climbs, the lower bound that each E-step lifts and each M-step
 * maximises.
 */
