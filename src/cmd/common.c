/* common.c — what the emlab subcommands share: numbers, files, fitting. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"

int fail(const char *sub, int code, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "emlab %s: ", sub);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return code;
}

int parse_count(const char *sub, const char *opt, const char *s, size_t min, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*s == '\0' || *s == '-' || *end != '\0' || errno || v < min || v > 100000000000ULL) {
        fail(sub, EXIT_USAGE, "%s needs a whole number from %zu to 100000000000, not '%s'", opt,
             min, s);
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

int parse_real(const char *sub, const char *opt, const char *s, double min, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    /* ERANGE for an underflow (1e-320) is no error: the number is tiny */
    if (*s == '\0' || *end != '\0' || (errno && fabs(v) > 1.0) || !isfinite(v) || v < min) {
        fail(sub, EXIT_USAGE, "%s needs a number of at least %g, not '%s'", opt, min, s);
        return -1;
    }
    *out = v;
    return 0;
}

int parse_seed(const char *sub, const char *s, uint32_t *out)
{
    size_t v;
    if (parse_count(sub, "--seed", s, 0, &v))
        return -1;
    if (v > 0xffffffffULL) {
        fail(sub, EXIT_USAGE, "--seed is at most 4294967295, not '%s'", s);
        return -1;
    }
    *out = (uint32_t)v;
    return 0;
}

int load_data(const char *sub, const char *path, em_dataset *ds)
{
    char err[1024];
    if (em_dataset_read(path, ds, err, sizeof err)) {
        fail(sub, EXIT_RUNTIME, "%s", err);
        return -1;
    }
    return 0;
}

int check_magnitude(const char *sub, const char *path, const em_dataset *ds)
{
    double top;
    if (em_check_magnitude(ds->x, ds->n * ds->d, &top) == EM_OK)
        return 0;
    int e = (int)floor(log10(top));
    fail(sub, EXIT_RUNTIME, "%s: the values are %s %.3g: their squares, which variances are "
         "made of, %s a double; rescale the data (%s 1e%d, say)", path,
         top >= 1e150 ? "as large as" : "no larger than", top,
         top >= 1e150 ? "overflow" : "underflow", top >= 1e150 ? "divide by" : "multiply by",
         top >= 1e150 ? e : -e);
    return -1;
}

int load_params(const char *sub, const char *path, em_gmm *m)
{
    char err[1024];
    if (em_gmm_load(path, m, err, sizeof err)) {
        fail(sub, EXIT_RUNTIME, "%s", err);
        return -1;
    }
    return 0;
}

void count_text(double N, size_t d, char *buf, size_t size)
{
    int digits = 3;
    do
        snprintf(buf, size, "%.*g", digits++, N);
    while (digits <= 17 && strtod(buf, NULL) >= (double)d + 1.0);
}

int parse_cov_type(const char *sub, const char *s, em_cov_type *out)
{
    if (em_cov_parse(s, out) == EM_OK)
        return 0;
    return fail(sub, -1, "--covariance is full, diag, tied or spherical, not '%s'", s);
}

void floor_advice(double reg, char *buf, size_t size)
{
    if (reg > 0.0)
        snprintf(buf, size, "raise the variance floor (--reg %g, 1000 times the one in force)",
                 1000.0 * reg);
    else
        snprintf(buf, size, "leave out --reg 0 (the default floor, 1e-6 x the smallest column "
                 "variance, prevents it)");
}

/* The sentence for a failed fit, naming what is at fault. */
static int fit_failed(const char *sub, em_status st, const em_result *res, const em_dataset *ds,
                      double reg)
{
    char advice[160];
    floor_advice(reg, advice, sizeof advice);
    switch (st) {
    case EM_ESINGULAR:
        return fail(sub, EXIT_RUNTIME,
                    "the covariance of component %zu is not positive definite (it collapsed "
                    "onto too few points, or the start is degenerate); %s, or try another "
                    "--seed", res->bad_k + 1, advice);
    case EM_ENONFINITE:
        return fail(sub, EXIT_RUNTIME, "a point has zero density under every component, or a "
                    "value is not finite (point %zu)", res->bad_index / ds->d + 1);
    case EM_ETOOFEW:
        return fail(sub, EXIT_RUNTIME, "%zu points are too few for the components asked for",
                    ds->n);
    default:
        return fail(sub, EXIT_RUNTIME, "%s", em_strerror(st));
    }
}

/* A start other than spec's that works on these data (a first EM
 * iteration included), for the advice when spec's cannot start: NULL if
 * none does. */
static const char *other_start(const em_dataset *ds, const fit_spec *spec)
{
    static const char *const names[] = {"data", "dirichlet", "random", "kmeans++"};
    const em_init_kind order[] = {EM_INIT_DIRICHLET, EM_INIT_RANDOM, EM_INIT_KMEANSPP,
                                  EM_INIT_DATA};
    const char *found = NULL;
    em_gmm m;
    if (em_gmm_alloc(&m, spec->K, ds->d))
        return NULL;
    m.type = spec->cov_type;
    for (size_t i = 0; i < 4 && !found; i++) {
        em_rng r;
        em_rng_seed(&r, spec->seed);
        em_options one = spec->em;
        one.max_iter = 1;
        one.observer = NULL;
        em_result res = {0};
        if (order[i] != spec->init && em_init(&m, order[i], ds->x, ds->n, &r, &spec->em) == EM_OK &&
            em_fit(&m, ds->x, ds->n, &one, NULL, &res) == EM_OK)
            found = names[order[i]];
        em_result_free(&res);
    }
    em_gmm_free(&m);
    return found;
}

/* One start, by the strategy or from the file. */
static int start_model(const char *sub, const em_dataset *ds, const fit_spec *spec, em_rng *r,
                       em_gmm *m)
{
    if (spec->init_model)
        return em_gmm_copy(m, spec->init_model) == EM_OK ? 0 : -1;
    em_status st = em_init(m, spec->init, ds->x, ds->n, r, &spec->em);
    if (st == EM_ESINGULAR && !spec->quiet) {
        const char *other = other_start(ds, spec);
        char also[256] = "", advice[160];
        floor_advice(spec->em.reg, advice, sizeof advice);
        if (other)
            snprintf(also, sizeof also, "; --init %s can start from them", other);
        else if (!(spec->em.reg > 0.0))
            snprintf(also, sizeof also, "; %s", advice);
        fail(sub, EXIT_RUNTIME, "the data have no spread in some direction (all points on a "
             "line or a plane, or fewer points than dimensions?): this start has no covariance "
             "to begin with%s", also);
        return -1;
    }
    if (st) {
        em_result none = {0};
        if (!spec->quiet)
            fit_failed(sub, st, &none, ds, spec->em.reg);
        return -1;
    }
    return 0;
}

int fit_best(const char *sub, const em_dataset *ds, const fit_spec *spec, em_gmm *best,
             em_result *res, em_gmm *start, double *resp)
{
    em_gmm m, first;
    em_rng r;
    em_rng_seed(&r, spec->seed);
    memset(res, 0, sizeof *res);
    if (em_gmm_alloc(best, spec->K, ds->d) || em_gmm_alloc(&m, spec->K, ds->d) ||
        em_gmm_alloc(&first, spec->K, ds->d))
        return fail(sub, EXIT_RUNTIME, "out of memory");
    if (start && em_gmm_alloc(start, spec->K, ds->d))
        return fail(sub, EXIT_RUNTIME, "out of memory");
    best->type = m.type = first.type = spec->cov_type;
    if (start)
        start->type = spec->cov_type;
    size_t runs = spec->init_model ? 1 : spec->restarts;
    int rc = EXIT_OK, have = 0, best_bad = 0;
    em_options opt = spec->em;
    double *scratch = NULL; /* responsibilities, to judge each run (degenerate.h) */
    if (runs > 1) {
        opt.observer = NULL; /* only a single run is watched */
        if (!(scratch = malloc(ds->n * spec->K * sizeof *scratch)))
            rc = fail(sub, EXIT_RUNTIME, "out of memory");
    }
    for (size_t run = 0; run < runs && rc == EXIT_OK; run++) {
        em_result r1;
        if (start_model(sub, ds, spec, &r, &m)) {
            rc = EXIT_RUNTIME;
            break;
        }
        em_gmm_copy(&first, &m);
        em_status st = em_fit(&m, ds->x, ds->n, &opt, runs == 1 ? resp : NULL, &r1);
        if (st) {
            if (runs == 1)
                rc = spec->quiet ? EXIT_RUNTIME : fit_failed(sub, st, &r1, ds, spec->em.reg);
            em_result_free(&r1);
            continue; /* with restarts, a run that fails is skipped */
        }
        /* the best log-likelihood among the fits the data support: a
         * degenerate one wins only when every run is degenerate */
        int bad = runs > 1 &&
                  em_first_degenerate(&m, ds->x, ds->n, spec->em.reg, scratch, NULL, NULL);
        if (!have || (best_bad && !bad) || (bad == best_bad && r1.loglik > res->loglik)) {
            em_result_free(res);
            *res = r1;
            em_gmm_copy(best, &m);
            if (start)
                em_gmm_copy(start, &first);
            have = 1;
            best_bad = bad;
        } else {
            em_result_free(&r1);
        }
    }
    if (rc == EXIT_OK && !have) {
        char advice[160];
        floor_advice(spec->em.reg, advice, sizeof advice);
        rc = spec->quiet ? EXIT_RUNTIME
                         : fail(sub, EXIT_RUNTIME, "every one of the %zu restarts failed (a "
                                "covariance became singular): %s", runs, advice);
    }
    free(scratch);
    em_gmm_free(&m);
    em_gmm_free(&first);
    return rc;
}

int stdout_ok(const char *sub)
{
    char prog[64];
    snprintf(prog, sizeof prog, "emlab %s", sub);
    return em_cli_stdout_ok(prog) ? 0 : -1; /* the chapters' check, one line on stderr */
}

int finish_outputs(const char *sub, em_figdir *fd)
{
    char err[1024];
    em_status drawn = em_figdir_render(fd, err, sizeof err);
    if (drawn != EM_OK && drawn != EM_EGNUPLOT)
        return fail(sub, EXIT_RUNTIME, "%s", err);
    if (stdout_ok(sub))
        return EXIT_RUNTIME;
    char msg[1024];
    em_fig_format format = fd->format;
    if (em_figdir_commit(fd, msg, sizeof msg))
        return fail(sub, EXIT_RUNTIME, "%s", msg);
    if (drawn)
        return fail(sub, EXIT_RUNTIME, "%s", err);
    fprintf(stderr, "emlab %s: data, scripts%s in %s/\n", sub,
            format == EM_FIG_NONE ? "" : " and figures", fd->dir);
    return EXIT_OK;
}

int print_model(const em_gmm *m)
{
    const em_printopts six = {.precision = 6}; /* numpy's rules, 6 decimals */
    size_t d = m->d;
    for (size_t k = 0; k < m->K; k++) {
        printf("component %zu: weight %.6f\n", k + 1, m->weight[k]);
        if (em_print_array(stdout, "  mean       ", m->mean + k * d, d, six) == EM_ENOMEM ||
            em_print_matrix(stdout, "  covariance ", m->cov + k * d * d, d, d, six) == EM_ENOMEM)
            return -1;
    }
    return 0;
}
