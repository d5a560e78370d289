/* fit.c — emlab fit DATA -k K [options]: EM on your own data, with the
 * figures of a lecture. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cmd.h"
#include "snapshots.h"

static const char *const SUB = "fit";

static void usage(FILE *f)
{
    fprintf(f,
        "usage: emlab fit DATA -k K [options]\n"
        "Fit a K-component Gaussian mixture to the points in DATA (one point a line,\n"
        "numbers separated by spaces or commas, optional header; - reads standard\n"
        "input) by EM, and draw it.\n"
        "\n"
        "  -k, --components K     number of components (required)\n"
        "  -i, --init HOW         data | dirichlet | random | kmeans++ (default) | FILE,\n"
        "                         FILE a parameter file (weight, means, covariance a line)\n"
        "  -c, --covariance TYPE  full (default), diag, tied or spherical: the family\n"
        "                         of the covariances (scikit-learn's names; FILE's own\n"
        "                         when --init FILE)\n"
        "  -n, --iters N          at most N iterations (default 100)\n"
        "  -t, --tol T            stop when the log-likelihood gains less than T\n"
        "                         (summed over the points; default 1e-4; 0: run all N)\n"
        "  -r, --reg R            variance floor, added to every covariance's diagonal\n"
        "                         (default: 1e-6 x the smallest column variance, so that\n"
        "                         rescaled data give a rescaled fit; 0 allowed)\n"
        "  -s, --seed S           seed of the random start (default 0)\n"
        "  -R, --restarts R       R random starts, the best log-likelihood kept (default 1)\n"
        "      --fixed-weights    hold every weight at 1/K\n"
        "      --standardize      fit to zero-mean unit-variance columns; results in the\n"
        "                         original units\n"
        "      --params-out FILE  write the fitted parameters (the --init FILE format)\n"
        "      --resp-out FILE    write the responsibilities, one point a line\n"
        "  -o, --out DIR          figures and their data (default out/fit)\n"
        "  -f, --format F         png (default), svg, pdf, gif (with an animation), tex\n"
        "                         (cairolatex for LaTeX slides), none\n"
        "      --snapshots LIST   iterations to draw: 0,1,2,5,20 (the default) or every:N;\n"
        "                         the last iteration is always drawn\n"
        "      --panel N          snapshots in the panel figure, 1 to 9 (default 4, 2 x 2):\n"
        "                         the first, the last and others evenly between\n"
        "      --dims I,J         the two coordinates drawn when d > 2 (default 1,2)\n"
        "  -q, --quiet            print only the result, not every iteration\n"
        "  -h, --help             this text\n");
}

typedef struct {
    const char *data, *init, *params_out, *resp_out, *out;
    fit_spec spec;
    snap_plan plan;
    int standardize, quiet, reg_given, cov_given;
    em_fig_format format;
    size_t dim_i, dim_j, panel;
} fit_args;

enum { OPT_FIXED = 256, OPT_STD, OPT_POUT, OPT_ROUT, OPT_SNAP, OPT_DIMS, OPT_PANEL };

static int parse_dims(const char *s, size_t *i, size_t *j)
{
    char *end;
    unsigned long a = strtoul(s, &end, 10), b = 0;
    if (*end == ',')
        b = strtoul(end + 1, &end, 10);
    if (*end != '\0' || a < 1 || b < 1 || a == b)
        return fail(SUB, -1, "--dims needs two different coordinates, as 1,3, not '%s'", s);
    *i = a - 1;
    *j = b - 1;
    return 0;
}

static int parse_args(int argc, char **argv, fit_args *a)
{
    static const struct option longs[] = {
        {"components", required_argument, 0, 'k'}, {"init", required_argument, 0, 'i'},
        {"iters", required_argument, 0, 'n'},      {"tol", required_argument, 0, 't'},
        {"reg", required_argument, 0, 'r'},        {"seed", required_argument, 0, 's'},
        {"restarts", required_argument, 0, 'R'},   {"fixed-weights", no_argument, 0, OPT_FIXED},
        {"standardize", no_argument, 0, OPT_STD},  {"params-out", required_argument, 0, OPT_POUT},
        {"resp-out", required_argument, 0, OPT_ROUT}, {"out", required_argument, 0, 'o'},
        {"format", required_argument, 0, 'f'},     {"snapshots", required_argument, 0, OPT_SNAP},
        {"dims", required_argument, 0, OPT_DIMS},  {"quiet", no_argument, 0, 'q'},
        {"panel", required_argument, 0, OPT_PANEL}, {"covariance", required_argument, 0, 'c'},
        {"help", no_argument, 0, 'h'},             {0, 0, 0, 0}};
    int c, bad = 0;
    snap_plan_parse(SUB, NULL, &a->plan);
    opterr = 0;
    optind = 1;
    while (!bad && (c = getopt_long(argc, argv, ":k:i:n:t:r:s:R:o:f:c:qh", longs, NULL)) != -1) {
        switch (c) {
        case 'k': bad = parse_count(SUB, "-k", optarg, 1, &a->spec.K); break;
        case 'i': a->init = optarg; break;
        case 'n': bad = parse_count(SUB, "--iters", optarg, 0, &a->spec.em.max_iter); break;
        case 't': bad = parse_real(SUB, "--tol", optarg, 0.0, &a->spec.em.tol); break;
        case 'r':
            bad = parse_real(SUB, "--reg", optarg, 0.0, &a->spec.em.reg);
            a->reg_given = 1;
            break;
        case 's': bad = parse_seed(SUB, optarg, &a->spec.seed); break;
        case 'R': bad = parse_count(SUB, "--restarts", optarg, 1, &a->spec.restarts); break;
        case OPT_FIXED: a->spec.em.fixed_weights = 1; break;
        case 'c':
            bad = parse_cov_type(SUB, optarg, &a->spec.cov_type);
            a->cov_given = 1;
            break;
        case OPT_STD: a->standardize = 1; break;
        case OPT_POUT:
        case OPT_ROUT:
            if (strcmp(optarg, "-") == 0)
                bad = fail(SUB, -1, "%s needs a file name: standard output has the printed "
                           "results", c == OPT_POUT ? "--params-out" : "--resp-out");
            *(c == OPT_POUT ? &a->params_out : &a->resp_out) = optarg;
            break;
        case 'o': a->out = optarg; break;
        case 'f':
            if (em_fig_format_parse(optarg, &a->format))
                bad = fail(SUB, -1, "--format is png, svg, pdf, gif, tex or none, not '%s'",
                           optarg);
            break;
        case OPT_SNAP: bad = snap_plan_parse(SUB, optarg, &a->plan) ? -1 : 0; break;
        case OPT_DIMS: bad = parse_dims(optarg, &a->dim_i, &a->dim_j); break;
        case OPT_PANEL:
            bad = parse_count(SUB, "--panel", optarg, 1, &a->panel);
            if (!bad && a->panel > 9)
                bad = fail(SUB, -1, "--panel is 1 to 9 snapshots, not %zu", a->panel);
            break;
        case 'q': a->quiet = 1; break;
        case 'h': usage(stdout); return 0;
        case ':': bad = fail(SUB, -1, "%s needs a value (see emlab fit --help)", argv[optind - 1]); break;
        default: bad = fail(SUB, -1, "unknown option '%s' (see emlab fit --help)", argv[optind - 1]);
        }
    }
    if (bad)
        return EXIT_USAGE;
    if (optind + 1 != argc)
        return fail(SUB, EXIT_USAGE, optind == argc ? "which data file? emlab fit DATA -k K"
                                                    : "one data file only (see emlab fit --help)");
    a->data = argv[optind];
    if (a->spec.K == 0)
        return fail(SUB, EXIT_USAGE, "how many components? -k K (K >= 1)");
    if (a->init && em_init_parse(a->init, &a->spec.init) != EM_OK)
        a->spec.init = EM_INIT_KMEANSPP; /* not a strategy: a parameter file */
    return -1;
}

/* Do a and b name one file (the same inode, or the same words)? */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (!a || !b)
        return 0;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    return strcmp(a, b) == 0;
}

/* An output that would overwrite the data, the start or the other output. */
static int outputs_collide(const fit_args *a)
{
    const char *outs[2][2] = {{"--params-out", a->params_out}, {"--resp-out", a->resp_out}};
    for (int o = 0; o < 2; o++) {
        if (same_file(outs[o][1], a->data))
            return fail(SUB, EXIT_USAGE, "%s %s would overwrite the data file", outs[o][0],
                        outs[o][1]);
        if (same_file(outs[o][1], a->init))
            return fail(SUB, EXIT_USAGE, "%s %s would overwrite the start (--init)",
                        outs[o][0], outs[o][1]);
    }
    if (same_file(a->params_out, a->resp_out))
        return fail(SUB, EXIT_USAGE, "--params-out and --resp-out name the same file, %s",
                    a->params_out);
    return 0;
}

/* --init FILE: load it and check it fits the data and the family (the
 * file's own family when --covariance is not given). */
static int load_start(fit_args *a, const em_dataset *ds, em_gmm *start)
{
    em_init_kind kind;
    if (!a->init || em_init_parse(a->init, &kind) == EM_OK)
        return 0;
    if (load_params(SUB, a->init, start))
        return -1;
    if (start->K != a->spec.K || start->d != ds->d) {
        fail(SUB, EXIT_RUNTIME, "%s: the parameters have K = %zu, d = %zu; the data need "
             "K = %zu, d = %zu", a->init, start->K, start->d, a->spec.K, ds->d);
        em_gmm_free(start);
        return -1;
    }
    if (a->cov_given && start->type != a->spec.cov_type) {
        fail(SUB, EXIT_RUNTIME, "%s holds a %s mixture, but --covariance %s fits %s ones: "
             "start from a file of that family, or leave out --covariance", a->init,
             em_cov_name(start->type), em_cov_name(a->spec.cov_type),
             em_cov_name(a->spec.cov_type));
        em_gmm_free(start);
        return -1;
    }
    a->spec.cov_type = start->type;
    return 1;
}

static int print_result(const fit_args *a, const em_dataset *ds, const em_result *res,
                         double loglik, const em_gmm *m)
{
    if (res->converged)
        printf("converged after %zu iterations (the log-likelihood gained less than %g)\n",
               res->iterations, a->spec.em.tol);
    else
        printf("stopped after %zu iterations without converging (--iters %zu, --tol %g)\n",
               res->iterations, a->spec.em.max_iter, a->spec.em.tol);
    if (res->n_empty)
        printf("warning: %zu time(s) a component lost all its points (last: component %zu); "
               "each was restarted at the point farthest from the other means\n",
               res->n_empty, res->last_empty + 1);
    printf("log-likelihood %.6f, per point %.6f (n = %zu, d = %zu, K = %zu%s%s)\n", loglik,
           loglik / (double)ds->n, ds->n, ds->d, a->spec.K,
           a->spec.cov_type == EM_COV_FULL ? "" : ", covariances ",
           a->spec.cov_type == EM_COV_FULL ? "" : em_cov_name(a->spec.cov_type));
    return print_model(m);
}

/* The parameters (--params-out) and the responsibilities, one point a
 * line (--resp-out), as files of the run: they appear with its figures. */
static int write_outputs(const fit_args *a, em_commit *run, const em_gmm *m,
                         const double *resp, size_t n)
{
    size_t K = m->K;
    char err[1024], (*label)[32] = malloc(K * sizeof *label);
    char **names = malloc(K * sizeof *names);
    em_outfile out;
    em_status st = label && names ? EM_OK : EM_ENOMEM;
    for (size_t k = 0; st == EM_OK && k < K; k++) {
        snprintf(label[k], sizeof label[k], "gamma_%zu", k + 1);
        names[k] = label[k];
    }
    if (st == EM_OK && a->params_out && !(st = em_out_open_in(&out, run, a->params_out, err,
                                                              sizeof err))) {
        em_gmm_print(out.f, m);
        st = em_out_commit(&out, err, sizeof err);
    }
    if (st == EM_OK && a->resp_out && !(st = em_out_open_in(&out, run, a->resp_out, err,
                                                            sizeof err))) {
        em_dataset_print(out.f, resp, n, K, names);
        st = em_out_commit(&out, err, sizeof err);
    }
    free(names);
    free(label);
    if (st == EM_ENOMEM)
        return fail(SUB, EXIT_RUNTIME, "out of memory");
    return st ? fail(SUB, EXIT_RUNTIME, "%s", err) : EXIT_OK;
}

/* Which components the data do not support (degenerate.h), judged in the
 * units the fit ran in, where the floor reg was added; 0 if none. */
static size_t find_degenerate(const em_gmm *m, const double *resp, size_t n, double reg,
                              em_degeneracy *why, double *N)
{
    size_t bad = 0;
    em_counts(resp, n, m->K, N);
    for (size_t k = 0; k < m->K; k++)
        bad += (why[k] = em_degenerate(m, k, N[k], reg)) != EM_SOUND;
    return bad;
}

static void warn_degenerate(const fit_args *a, const em_gmm *m, const em_degeneracy *why,
                            const double *N)
{
    double need = em_cov_min_points(m->type, m->d); /* d + 1 when full */
    for (size_t k = 0; k < m->K; k++) {
        char count[32], rule[64];
        count_text(N[k], (size_t)need - 1, count, sizeof count);
        if (m->type == EM_COV_FULL)
            snprintf(rule, sizeof rule, "d + 1 = %zu", m->d + 1);
        else
            snprintf(rule, sizeof rule, "the %g a %s covariance needs", need,
                     em_cov_name(m->type));
        if (why[k] == EM_FEW_POINTS)
            fprintf(stderr, "emlab fit: warning: component %zu is degenerate: it holds N_%zu = "
                    "%s points, fewer than %s, too few to estimate its covariance\n",
                    k + 1, k + 1, count, rule);
        else if (why[k] == EM_AT_FLOOR)
            fprintf(stderr, "emlab fit: warning: component %zu is degenerate: its variance in "
                    "some direction is at the floor (--reg %g%s): the data give it no spread "
                    "there (a few points, or points on a line or a plane)\n", k + 1,
                    a->spec.em.reg, a->reg_given ? "" : a->standardize
                    ? ", 1e-6 in standard units" : ", 1e-6 x the smallest column variance");
    }
}

/* Fit, watching: the standardised copy of the data if asked, the best of
 * the restarts, then that run again with the observer drawing it. */
static int run(fit_args *a, const em_dataset *ds, em_figdir *fd)
{
    size_t n = ds->n, d = ds->d, K = a->spec.K;
    em_dataset z = *ds;
    double *shift = NULL, *scale = NULL, *resp = malloc(n * K * sizeof *resp);
    double *N = malloc(K * sizeof *N);
    em_degeneracy *why = malloc(K * sizeof *why);
    em_gmm start_file = {0}, best = {0}, start = {0};
    em_result res = {0};
    int rc = resp && N && why ? EXIT_OK : fail(SUB, EXIT_RUNTIME, "out of memory");
    if (rc == EXIT_OK && a->standardize) {
        shift = malloc(d * sizeof *shift);
        scale = malloc(d * sizeof *scale);
        z.x = malloc(n * d * sizeof *z.x);
        size_t col = 0;
        memcpy(z.x, ds->x, n * d * sizeof *z.x);
        if (em_standardize(z.x, n, d, shift, scale, &col))
            rc = fail(SUB, EXIT_RUNTIME, "%s: column %zu is constant: it cannot be "
                      "standardised", a->data, col + 1);
    }
    if (rc == EXIT_OK && !a->reg_given) /* the floor scales with the data */
        a->spec.em.reg = em_scale_free_floor(z.x, n, d);
    int from_file = rc == EXIT_OK ? load_start(a, ds, &start_file) : 0;
    if (from_file < 0)
        rc = EXIT_RUNTIME;
    if (from_file > 0) {
        if (shift) {
            em_gmm_standardize(&start_file, shift, scale);
            start_file.type = a->spec.cov_type; /* a spherical start is diag in z */
        }
        a->spec.init_model = &start_file;
    }
    double offset = 0.0;
    for (size_t j = 0; shift && j < d; j++)
        offset -= (double)n * log(scale[j]); /* l_x = l_z - n sum_j log s_j */
    snap_ctx snap = {.ds = ds, .shift = shift, .scale = scale, .ll_offset = offset,
                     .quiet = a->quiet, .plan = a->plan, .fd = fd, .panel = a->panel, .dim_i = a->dim_i,
                     .dim_j = a->dim_j};
    /* One run: watched as it goes. Several: the best, then run again watched. */
    int single = a->spec.init_model || a->spec.restarts == 1;
    if (rc == EXIT_OK && snap_init(&snap, K, a->spec.em.max_iter))
        rc = fail(SUB, EXIT_RUNTIME, "out of memory");
    fit_spec spec = a->spec;
    if (single) {
        spec.em.observer = snap_observer;
        spec.em.observer_ctx = &snap;
    }
    if (rc == EXIT_OK)
        rc = fit_best(SUB, &z, &spec, &best, &res, &start, single ? resp : NULL);
    if (rc == EXIT_OK && !single) {
        em_result_free(&res);
        em_options opt = a->spec.em;
        opt.observer = snap_observer;
        opt.observer_ctx = &snap;
        em_gmm_copy(&best, &start);
        if (em_fit(&best, z.x, n, &opt, resp, &res))
            rc = fail(SUB, EXIT_RUNTIME, "the fit failed when run again to draw it");
    }
    if (rc == EXIT_OK && snap_finish(&snap, res.iterations, &best, resp))
        rc = fail(SUB, EXIT_RUNTIME, "%s", snap.err);
    size_t bad_k = 0, degenerate = 0;
    if (rc == EXIT_OK) {
        /* judged where the fit ran, where the floor was added */
        degenerate = find_degenerate(&best, resp, n, a->spec.em.reg, why, N);
        if (shift)
            em_gmm_unstandardize(&best, shift, scale);
        /* columns whose scales span hundreds of decades can leave Sigma_k,
         * scaled back, no longer positive definite in doubles: say so
         * rather than print or write a model that cannot be read back */
        if (em_gmm_validate(&best, &bad_k) != EM_OK)
            rc = fail(SUB, EXIT_RUNTIME, "%s: the columns' scales are too far apart: in the "
                      "data's units, the covariance of component %zu is not positive definite "
                      "in double precision; rescale the columns", a->data, bad_k + 1);
    }
    if (rc == EXIT_OK) {
        /* l in data units: l_x = l_z + offset (the fit's own l when offset is 0) */
        double l = res.loglik + offset;
        if (print_result(a, ds, &res, l, &best))
            rc = fail(SUB, EXIT_RUNTIME, "out of memory");
        if (degenerate)
            warn_degenerate(a, &best, why, N);
        if (rc == EXIT_OK)
            rc = write_outputs(a, &fd->run, &best, resp, n);
    }
    em_gmm_free(&start_file);
    em_gmm_free(&best);
    em_gmm_free(&start);
    em_result_free(&res);
    snap_free(&snap);
    free(resp);
    free(N);
    free(why);
    free(shift);
    free(scale);
    if (z.x != ds->x)
        free(z.x);
    return rc;
}

int cmd_fit(int argc, char **argv)
{
    fit_args a = {.out = "out/fit", .format = EM_FIG_PNG, .dim_i = 0, .dim_j = 1, .panel = 4,
                  .spec = {.em = em_default_options(), .init = EM_INIT_KMEANSPP, .restarts = 1}};
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0)
        return rc;
    if (outputs_collide(&a))
        return EXIT_USAGE;
    em_dataset ds;
    if (load_data(SUB, a.data, &ds))
        return EXIT_RUNTIME;
    if (check_magnitude(SUB, a.data, &ds)) {
        em_dataset_free(&ds);
        return EXIT_RUNTIME;
    }
    if (a.spec.K > ds.n)
        rc = fail(SUB, EXIT_RUNTIME, "%s: %zu points, too few for K = %zu components", a.data,
                  ds.n, a.spec.K);
    else if (ds.d > 2 && (a.dim_i >= ds.d || a.dim_j >= ds.d))
        rc = fail(SUB, EXIT_USAGE, "--dims: the data have only %zu coordinates", ds.d);
    else if (ds.d == 2 && (a.dim_i > 1 || a.dim_j > 1))
        rc = fail(SUB, EXIT_USAGE, "--dims: the data have only 2 coordinates");
    em_figdir fd;
    char err[1024];
    if (rc < 0 && em_figdir_open(&fd, a.out, a.format, err, sizeof err))
        rc = fail(SUB, EXIT_RUNTIME, "%s", err);
    if (rc < 0) {
        em_interrupt_guard(&fd.run); /* Ctrl-C leaves no half-written file */
        rc = em_figdir_owner(&fd, "fit") ? fail(SUB, EXIT_RUNTIME, "out of memory")
                                            : run(&a, &ds, &fd);
        if (rc == EXIT_OK)
            rc = finish_outputs(SUB, &fd);
        em_interrupt_guard(NULL);
        em_figdir_close(&fd);
    }
    em_dataset_free(&ds);
    return rc;
}
