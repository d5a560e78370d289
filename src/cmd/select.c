/* select.c — emlab select DATA: how many components? Fit each K and
 * compare them by the information criteria
 *
 *     AIC = 2 p - 2 l,      BIC = p log n - 2 l,
 *
 * with l the best log-likelihood over the restarts and p the number of free
 * parameters. Both reward fit (l) and charge for size (p); BIC charges
 * more as n grows. The smallest wins. With --covariance all the covariance
 * families compete too (scikit-learn's "GMM model selection" example,
 * mclust's BIC plot): a row per K and family, one BIC curve per family. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"

static const char *const SUB = "select";

static void usage(FILE *f)
{
    fprintf(f,
        "usage: emlab select DATA [options]\n"
        "Fit K = kmin .. kmax components (several restarts each, the best kept) and print\n"
        "the log-likelihood, the number of free parameters, AIC and BIC per K; draw BIC and\n"
        "AIC against K. DATA - reads standard input. A K whose fit has a degenerate\n"
        "component (fewer than d + 1 points, or its variance at the floor) is marked and\n"
        "never chosen.\n"
        "\n"
        "      --kmin K          smallest K (default 1)\n"
        "      --kmax K          largest K (default 8, at most the number of points)\n"
        "  -R, --restarts R      k-means++ starts per K (default 5)\n"
        "  -n, --iters N         at most N iterations a fit (default 100)\n"
        "  -t, --tol T           convergence threshold (default 1e-4)\n"
        "  -r, --reg R           variance floor (default 1e-6 x the smallest column variance)\n"
        "  -s, --seed S          seed (default 0)\n"
        "  -c, --covariance TYPE full (default), diag, tied, spherical, or all: every\n"
        "                        family for every K, one BIC curve each\n"
        "  -o, --out DIR         the figure (default out/select)\n"
        "  -f, --format F        png (default), svg, pdf, gif, tex, none\n"
        "  -h, --help            this text\n");
}

enum { OPT_KMIN = 256, OPT_KMAX };

typedef struct {
    size_t K, p;
    em_cov_type type;   /* the covariance family                        */
    double loglik, aic, bic;
    int ok;             /* some restart gave a fit                      */
    size_t bad_k;       /* a degenerate component (from 1), or 0         */
    em_degeneracy why;  /* how it is degenerate                          */
    double bad_N;       /* its effective number of points                */
} row;

/* The first column (from 1) whose values are all the same, or 0. */
static size_t constant_column(const em_dataset *ds)
{
    for (size_t j = 0; j < ds->d; j++) {
        size_t i = 1;
        while (i < ds->n && ds->x[i * ds->d + j] == ds->x[j])
            i++;
        if (i == ds->n)
            return j + 1;
    }
    return 0;
}

/* A fit that may win: found, and every component supported by the data. */
static int sound(const row *r)
{
    return r->ok && r->bad_k == 0;
}

/* "7, 8": the K of the rows for which keep(row) holds, into buf; with
 * families, each K named with its own ("diag 2, tied 3"). */
static void k_list(const row *rows, size_t n_rows, int (*keep)(const row *), int families,
                   char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t r = 0; r < n_rows; r++)
        if (keep(&rows[r]) && used < size)
            used += (size_t)snprintf(buf + used, size - used, "%s%s%s%zu", used ? ", " : "",
                                     families ? em_cov_name(rows[r].type) : "",
                                     families ? " " : "", rows[r].K);
}

static int failed(const row *r)
{
    return !r->ok;
}

static int degenerate(const row *r)
{
    return r->ok && r->bad_k != 0;
}

/* The best of the restarts at K = spec->K, its criteria, and its first
 * degenerate component (degenerate.h), judged from an E-step. */
static void fit_row(const em_dataset *ds, const fit_spec *spec, row *rw)
{
    size_t n = ds->n, K = spec->K;
    em_gmm best = {0};
    em_result res = {0};
    rw->K = K;
    rw->type = spec->cov_type;
    rw->p = em_gmm_free_params(spec->cov_type, K, ds->d, 0);
    if (fit_best(SUB, ds, spec, &best, &res, NULL, NULL) == EXIT_OK) {
        rw->ok = 1;
        rw->loglik = res.loglik;
        rw->aic = 2.0 * (double)rw->p - 2.0 * res.loglik;
        rw->bic = (double)rw->p * log((double)n) - 2.0 * res.loglik;
        rw->bad_k = em_first_degenerate(&best, ds->x, n, spec->em.reg, NULL, &rw->why,
                                        &rw->bad_N);
    }
    em_result_free(&res);
    em_gmm_free(&best);
}

static void print_row(const row *rw, size_t d, int families, int best_bic, int best_aic)
{
    if (families)
        printf("%-10s", em_cov_name(rw->type));
    if (!rw->ok) {
        printf("%3zu %16s %8zu %14s %14s  (every restart failed)\n", rw->K, "-", rw->p, "-",
               "-");
        return;
    }
    printf("%3zu %16.6f %8zu %14.4f %14.4f", rw->K, rw->loglik, rw->p, rw->aic, rw->bic);
    char count[32];
    double need = em_cov_min_points(rw->type, d);
    count_text(rw->bad_N, (size_t)need - 1, count, sizeof count);
    if (rw->why == EM_FEW_POINTS && rw->type == EM_COV_FULL)
        printf("  degenerate, not chosen: component %zu holds %s points (< d + 1 = %zu)\n",
               rw->bad_k, count, d + 1);
    else if (rw->why == EM_FEW_POINTS)
        printf("  degenerate, not chosen: component %zu holds %s points (< %g)\n", rw->bad_k,
               count, need);
    else if (rw->why == EM_AT_FLOOR)
        printf("  degenerate, not chosen: component %zu is at the variance floor\n",
               rw->bad_k);
    else
        printf("%s%s\n", best_bic ? "  <- best BIC" : "", best_aic ? "  <- best AIC" : "");
}

/* `select`: BIC and AIC against K (the sound fits), the best of each
 * ringed and labelled, the label above BIC's ring and below AIC's. */
static em_status draw(em_figdir *fd, const row *rows, size_t n_rows, size_t best_bic,
                      size_t best_aic, char *err, size_t len)
{
    double *K = malloc(3 * n_rows * sizeof *K), *bic = K + n_rows, *aic = K + 2 * n_rows;
    if (!K)
        return EM_ENOMEM;
    size_t n = 0;
    double lo = rows[best_aic].aic, hi = lo;
    for (size_t r = 0; r < n_rows; r++)
        if (sound(&rows[r])) {
            K[n] = (double)rows[r].K;
            bic[n] = rows[r].bic;
            aic[n++] = rows[r].aic;
            lo = fmin(lo, fmin(rows[r].aic, rows[r].bic));
            hi = fmax(hi, fmax(rows[r].aic, rows[r].bic));
        }
    const em_fig_curve curves[2] = {{.x = K, .y = bic, .n = n, .key = "BIC = p log n - 2 log L"},
                                    {.x = K, .y = aic, .n = n, .key = "AIC = 2p - 2 log L"}};
    double up = 0.06 * (hi - lo);
    const em_fig_mark marks[2] = {
        {(double)rows[best_bic].K, rows[best_bic].bic, up, "best BIC"},
        {(double)rows[best_aic].K, rows[best_aic].aic, -up, "best AIC"}};
    char left_out[256], title[400];
    k_list(rows, n_rows, degenerate, 0, left_out, sizeof left_out);
    if (left_out[0])
        snprintf(title, sizeof title, "The smallest criterion wins (K = %s: degenerate, "
                 "left out)", left_out);
    else
        snprintf(title, sizeof title, "How many components? The smallest criterion wins");
    const em_fig_axes axes = {.title = title, .xlabel = "number of components K",
                              .ylabel = "criterion", .key_pos = "top right", .xtics_step = 1};
    em_status st = em_fig_curves(fd, "select", curves, 2, marks, 2, &axes, err, len);
    free(K);
    return st;
}

/* `select --covariance all`: BIC against K, one curve per family (its
 * sound fits), the best ringed. rows hold n_k rows per family, in order. */
static em_status draw_families(em_figdir *fd, const row *rows, size_t n_k, size_t best,
                               char *err, size_t len)
{
    double *K = malloc(2 * EM_COV_TYPES * n_k * sizeof *K);
    if (!K)
        return EM_ENOMEM;
    em_fig_curve curves[EM_COV_TYPES];
    size_t n_curves = 0;
    double lo = rows[best].bic, hi = lo;
    for (int t = 0; t < EM_COV_TYPES; t++) {
        double *x = K + 2 * t * n_k, *bic = x + n_k;
        size_t n = 0;
        for (size_t r = 0; r < n_k; r++)
            if (sound(&rows[t * n_k + r])) {
                x[n] = (double)rows[t * n_k + r].K;
                bic[n++] = rows[t * n_k + r].bic;
                hi = fmax(hi, rows[t * n_k + r].bic);
            }
        if (n)
            curves[n_curves++] = (em_fig_curve){.x = x, .y = bic, .n = n,
                                                .key = em_cov_name((em_cov_type)t),
                                                .style = t + 1};
    }
    char label[64];
    snprintf(label, sizeof label, "best: %s, K = %zu", em_cov_name(rows[best].type),
             rows[best].K);
    const em_fig_mark mark = {(double)rows[best].K, rows[best].bic, 0.12 * (hi - lo), label};
    const em_fig_axes axes = {.title = "BIC for each covariance family: the smallest wins",
                              .xlabel = "number of components K", .ylabel = "BIC",
                              .key_pos = "top right", .xtics_step = 1};
    em_status st = em_fig_curves(fd, "select", curves, n_curves, &mark, 1, &axes, err, len);
    free(K);
    return st;
}

int cmd_select(int argc, char **argv)
{
    static const struct option longs[] = {
        {"kmin", required_argument, 0, OPT_KMIN}, {"kmax", required_argument, 0, OPT_KMAX},
        {"restarts", required_argument, 0, 'R'},  {"iters", required_argument, 0, 'n'},
        {"tol", required_argument, 0, 't'},       {"reg", required_argument, 0, 'r'},
        {"seed", required_argument, 0, 's'},      {"out", required_argument, 0, 'o'},
        {"format", required_argument, 0, 'f'},    {"help", no_argument, 0, 'h'},
        {"covariance", required_argument, 0, 'c'}, {0, 0, 0, 0}};
    fit_spec spec = {.em = em_default_options(), .init = EM_INIT_KMEANSPP, .restarts = 5};
    size_t kmin = 1, kmax = 8;
    const char *out = "out/select";
    em_fig_format fmt = EM_FIG_PNG;
    int c, bad = 0, reg_given = 0, all_types = 0;
    opterr = 0;
    optind = 1;
    while (!bad && (c = getopt_long(argc, argv, ":R:n:t:r:s:o:f:c:h", longs, NULL)) != -1) {
        switch (c) {
        case OPT_KMIN: bad = parse_count(SUB, "--kmin", optarg, 1, &kmin); break;
        case OPT_KMAX: bad = parse_count(SUB, "--kmax", optarg, 1, &kmax); break;
        case 'R': bad = parse_count(SUB, "--restarts", optarg, 1, &spec.restarts); break;
        case 'n': bad = parse_count(SUB, "--iters", optarg, 0, &spec.em.max_iter); break;
        case 't': bad = parse_real(SUB, "--tol", optarg, 0.0, &spec.em.tol); break;
        case 'r':
            bad = parse_real(SUB, "--reg", optarg, 0.0, &spec.em.reg);
            reg_given = 1;
            break;
        case 's': bad = parse_seed(SUB, optarg, &spec.seed); break;
        case 'c':
            all_types = strcmp(optarg, "all") == 0;
            if (!all_types && em_cov_parse(optarg, &spec.cov_type))
                bad = fail(SUB, -1, "--covariance is full, diag, tied, spherical or all, not "
                           "'%s'", optarg);
            break;
        case 'o': out = optarg; break;
        case 'f':
            if (em_fig_format_parse(optarg, &fmt))
                bad = fail(SUB, -1, "--format is png, svg, pdf, gif, tex or none, not '%s'", optarg);
            break;
        case 'h': usage(stdout); return EXIT_OK;
        case ':': bad = fail(SUB, -1, "%s needs a value (see emlab select --help)", argv[optind - 1]); break;
        default: bad = fail(SUB, -1, "unknown option '%s' (see emlab select --help)", argv[optind - 1]);
        }
    }
    if (bad)
        return EXIT_USAGE;
    if (optind + 1 != argc)
        return fail(SUB, EXIT_USAGE, "emlab select DATA (one data file)");
    if (kmin > kmax)
        return fail(SUB, EXIT_USAGE, "--kmin %zu is above --kmax %zu", kmin, kmax);
    em_dataset ds;
    em_figdir fd;
    char err[1024];
    if (load_data(SUB, argv[optind], &ds))
        return EXIT_RUNTIME;
    if (check_magnitude(SUB, argv[optind], &ds)) {
        em_dataset_free(&ds);
        return EXIT_RUNTIME;
    }
    if (em_figdir_open(&fd, out, fmt, err, sizeof err)) {
        em_dataset_free(&ds);
        return fail(SUB, EXIT_RUNTIME, "%s", err);
    }
    em_interrupt_guard(&fd.run); /* Ctrl-C leaves no half-written file */
    if (kmax > ds.n)
        kmax = ds.n;
    int rc = kmin > kmax ? fail(SUB, EXIT_RUNTIME, "%zu points: too few for --kmin %zu", ds.n,
                                kmin) : EXIT_OK;
    size_t n_k = rc ? 0 : kmax - kmin + 1, n_types = all_types ? EM_COV_TYPES : 1;
    size_t n_rows = n_k * n_types, best_bic = 0, best_aic = 0, any = 0;
    row *rows = calloc(n_rows + 1, sizeof *rows);
    if (!rows)
        rc = fail(SUB, EXIT_RUNTIME, "out of memory");
    if (rc == EXIT_OK && !reg_given) /* the floor scales with the data */
        spec.em.reg = em_scale_free_floor(ds.x, ds.n, ds.d);
    spec.quiet = 1; /* one summary below, not a line per K */
    for (size_t r = 0; r < n_rows && rc == EXIT_OK; r++) {
        spec.K = kmin + r % n_k;
        if (all_types)
            spec.cov_type = (em_cov_type)(r / n_k);
        fit_row(&ds, &spec, &rows[r]);
        if (sound(&rows[r])) {
            if (!any || rows[r].bic < rows[best_bic].bic)
                best_bic = r;
            if (!any || rows[r].aic < rows[best_aic].aic)
                best_aic = r;
            any = 1;
        }
    }
    int families = all_types || spec.cov_type != EM_COV_FULL; /* a column for the family */
    if (rc == EXIT_OK)
        printf("%s%3s %16s %8s %14s %14s\n", families ? "covariance" : "", "K",
               "log-likelihood", "params", "AIC", "BIC");
    for (size_t r = 0; r < n_rows && rc == EXIT_OK; r++)
        print_row(&rows[r], ds.d, families, any && r == best_bic, any && r == best_aic);
    char which[256], advice[160];
    k_list(rows, n_rows, failed, all_types, which, sizeof which);
    floor_advice(spec.em.reg, advice, sizeof advice);
    if (rc == EXIT_OK && which[0])
        fail(SUB, EXIT_RUNTIME, "K = %s: every restart failed (a covariance became singular): "
             "%s, or lower --kmax", which, advice);
    size_t flat = constant_column(&ds);
    if (rc == EXIT_OK && !any && flat)
        rc = fail(SUB, EXIT_RUNTIME, "no K gives a fit the data support: column %zu is "
                  "constant, so no component can have a variance along it; leave it out", flat);
    else if (rc == EXIT_OK && !any)
        rc = fail(SUB, EXIT_RUNTIME, "no K gives a fit the data support (%zu points in %zu "
                  "dimensions): %s%s", ds.n, ds.d, kmin > 1 ? "lower --kmin, or " : "",
                  advice);
    if (rc == EXIT_OK && (all_types ? draw_families(&fd, rows, n_k, best_bic, err, sizeof err)
                                    : draw(&fd, rows, n_rows, best_bic, best_aic, err, sizeof err)))
        rc = fail(SUB, EXIT_RUNTIME, "%s", err);
    if (rc == EXIT_OK)
        rc = finish_outputs(SUB, &fd);
    em_interrupt_guard(NULL);
    em_figdir_close(&fd);
    free(rows);
    em_dataset_free(&ds);
    return rc;
}
