/* select.c — emlab select DATA: how many components? Fit each K and
 * compare them by the information criteria
 *
 *     AIC = 2 p - 2 l,      BIC = p log n - 2 l,
 *
 * with l the best log-likelihood over the restarts and p the number of free
 * parameters. Both reward fit (l) and charge for size (p); BIC charges
 * more as n grows. The smallest wins. */
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
        "AIC against K. DATA - reads standard input.\n"
        "\n"
        "      --kmin K          smallest K (default 1)\n"
        "      --kmax K          largest K (default 8, at most the number of points)\n"
        "  -R, --restarts R      k-means++ starts per K (default 5)\n"
        "  -n, --iters N         at most N iterations a fit (default 100)\n"
        "  -t, --tol T           convergence threshold (default 1e-4)\n"
        "  -r, --reg R           variance floor (default 1e-6)\n"
        "  -s, --seed S          seed (default 0)\n"
        "  -o, --out DIR         the figure (default out/select)\n"
        "  -f, --format F        png (default), svg, pdf, gif, tex, none\n"
        "  -h, --help            this text\n");
}

enum { OPT_KMIN = 256, OPT_KMAX };

typedef struct {
    size_t K, p;
    double loglik, aic, bic;
    int ok;
} row;

static em_status draw(em_figdir *fd, const row *rows, size_t n_rows, size_t best_bic,
                      size_t best_aic, char *err, size_t len)
{
    em_fig f;
    em_status st = em_fig_begin(&f, fd, "select", "lines.gp", err, len);
    if (st == EM_OK) {
        const char *blocks[2] = {"curve1", "curve2"};
        for (int c = 0; c < 2; c++) {
            FILE *o = em_fig_block(&f, blocks[c]);
            for (size_t r = 0; r < n_rows; r++)
                if (rows[r].ok)
                    fprintf(o, "%zu %.10g\n", rows[r].K, c ? rows[r].aic : rows[r].bic);
        }
        double lo = rows[best_aic].aic, hi = lo;
        for (size_t r = 0; r < n_rows; r++)
            if (rows[r].ok) {
                lo = fmin(lo, fmin(rows[r].aic, rows[r].bic));
                hi = fmax(hi, fmax(rows[r].aic, rows[r].bic));
            }
        double up = 0.06 * (hi - lo); /* labels above the rings */
        FILE *m = em_fig_block(&f, "marks");
        fprintf(m, "%zu %.10g \"best BIC\" %zu %.10g\n", rows[best_bic].K, rows[best_bic].bic,
                rows[best_bic].K, rows[best_bic].bic + up);
        fprintf(m, "%zu %.10g \"best AIC\" %zu %.10g\n", rows[best_aic].K, rows[best_aic].aic,
                rows[best_aic].K, rows[best_aic].aic - up);
        em_fig_set_str(&f, "key_pos", "top right");
        em_fig_set_num(&f, "n_curves", 2);
        em_fig_set_str(&f, "key_1", "BIC = p log n - 2 log L");
        em_fig_set_str(&f, "key_2", "AIC = 2p - 2 log L");
        em_fig_set_num(&f, "has_marks", 1);
        em_fig_set_num(&f, "xtics_step", 1);
        em_fig_set_str(&f, "title_text", "How many components? The smallest criterion wins");
        em_fig_set_str(&f, "xlabel_text", "number of components K");
        em_fig_set_str(&f, "ylabel_text", "criterion");
        st = em_fig_end(&f, err, len);
    }
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
        {0, 0, 0, 0}};
    fit_spec spec = {.em = em_default_options(), .init = EM_INIT_KMEANSPP, .restarts = 5};
    size_t kmin = 1, kmax = 8;
    const char *out = "out/select";
    em_fig_format fmt = EM_FIG_PNG;
    int c, bad = 0;
    opterr = 0;
    optind = 1;
    while (!bad && (c = getopt_long(argc, argv, ":R:n:t:r:s:o:f:h", longs, NULL)) != -1) {
        switch (c) {
        case OPT_KMIN: bad = parse_count(SUB, "--kmin", optarg, 1, &kmin); break;
        case OPT_KMAX: bad = parse_count(SUB, "--kmax", optarg, 1, &kmax); break;
        case 'R': bad = parse_count(SUB, "--restarts", optarg, 1, &spec.restarts); break;
        case 'n': bad = parse_count(SUB, "--iters", optarg, 0, &spec.em.max_iter); break;
        case 't': bad = parse_real(SUB, "--tol", optarg, 0.0, &spec.em.tol); break;
        case 'r': bad = parse_real(SUB, "--reg", optarg, 0.0, &spec.em.reg); break;
        case 's': bad = parse_seed(SUB, optarg, &spec.seed); break;
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
    if (em_figdir_open(&fd, out, fmt, err, sizeof err)) {
        em_dataset_free(&ds);
        return fail(SUB, EXIT_RUNTIME, "%s", err);
    }
    em_interrupt_guard(&fd.run); /* Ctrl-C leaves no half-written file */
    if (kmax > ds.n)
        kmax = ds.n;
    int rc = kmin > kmax ? fail(SUB, EXIT_RUNTIME, "%zu points: too few for --kmin %zu", ds.n,
                                kmin) : EXIT_OK;
    size_t n_rows = rc ? 0 : kmax - kmin + 1, best_bic = 0, best_aic = 0, any = 0;
    row *rows = calloc(n_rows + 1, sizeof *rows);
    printf("%3s %16s %8s %14s %14s\n", "K", "log-likelihood", "params", "AIC", "BIC");
    for (size_t r = 0; r < n_rows && rc == EXIT_OK; r++) {
        em_gmm best = {0};
        em_result res = {0};
        spec.K = kmin + r;
        rows[r].K = spec.K;
        rows[r].p = em_gmm_free_params(spec.K, ds.d, 0);
        if (fit_best(SUB, &ds, &spec, &best, &res, NULL, NULL) == EXIT_OK) {
            rows[r].ok = 1;
            rows[r].loglik = res.loglik;
            rows[r].aic = 2.0 * (double)rows[r].p - 2.0 * res.loglik;
            rows[r].bic = (double)rows[r].p * log((double)ds.n) - 2.0 * res.loglik;
            if (!any || rows[r].bic < rows[best_bic].bic)
                best_bic = r;
            if (!any || rows[r].aic < rows[best_aic].aic)
                best_aic = r;
            any = 1;
        }
        em_result_free(&res);
        em_gmm_free(&best);
    }
    for (size_t r = 0; r < n_rows && any; r++) {
        if (!rows[r].ok) {
            printf("%3zu %16s %8zu %14s %14s  (every restart failed)\n", rows[r].K, "-", rows[r].p,
                   "-", "-");
            continue;
        }
        printf("%3zu %16.6f %8zu %14.4f %14.4f%s%s\n", rows[r].K, rows[r].loglik, rows[r].p,
               rows[r].aic, rows[r].bic, r == best_bic ? "  <- best BIC" : "",
               r == best_aic ? "  <- best AIC" : "");
    }
    if (rc == EXIT_OK && !any)
        rc = fail(SUB, EXIT_RUNTIME, "every fit failed: try --reg 1e-6");
    if (rc == EXIT_OK && draw(&fd, rows, n_rows, best_bic, best_aic, err, sizeof err))
        rc = fail(SUB, EXIT_RUNTIME, "%s", err);
    if (rc == EXIT_OK)
        rc = finish_outputs(SUB, &fd);
    em_interrupt_guard(NULL);
    em_figdir_close(&fd);
    free(rows);
    em_dataset_free(&ds);
    return rc;
}
