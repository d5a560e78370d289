/* sample.c — emlab sample: points from a mixture, to stdout or a file. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"

static const char *const SUB = "sample";

static void usage(FILE *f)
{
    fprintf(f,
        "usage: emlab sample (--params FILE | -k K -d D) [options]\n"
        "Draw points from a Gaussian mixture: the one in a parameter file, or a random one\n"
        "(means uniform in [-10, 10]^d, covariances A^T A / d + I/20 with A standard normal,\n"
        "weights uniform then normalised).\n"
        "\n"
        "  -p, --params FILE   the mixture (weight, means, covariance a line)\n"
        "  -k, --components K  a random mixture of K components ...\n"
        "  -d, --dim D         ... in D dimensions\n"
        "  -c, --covariance T  ... its covariances full (default), diag, tied or spherical\n"
        "                      (the random ones made so: their diagonal, mean variance, mean)\n"
        "  -n, --points N      how many points (default 1000)\n"
        "  -s, --seed S        seed of the random generator (default 0)\n"
        "  -l, --labels        add each point's component (1..K) as a last column\n"
        "  -o, --output FILE   write there (whole or not at all) instead of to standard\n"
        "                      output (- is standard output)\n"
        "  -h, --help          this text\n");
}

static void write_points(FILE *f, const double *x, const size_t *z, size_t n, size_t d)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < d; j++)
            fprintf(f, "%.17g%s", x[i * d + j], j + 1 < d || z ? " " : "\n");
        if (z)
            fprintf(f, "%zu\n", z[i] + 1);
    }
}

int cmd_sample(int argc, char **argv)
{
    static const struct option longs[] = {
        {"params", required_argument, 0, 'p'}, {"components", required_argument, 0, 'k'},
        {"dim", required_argument, 0, 'd'},    {"points", required_argument, 0, 'n'},
        {"seed", required_argument, 0, 's'},   {"labels", no_argument, 0, 'l'},
        {"output", required_argument, 0, 'o'}, {"help", no_argument, 0, 'h'},
        {"covariance", required_argument, 0, 'c'}, {0, 0, 0, 0}};
    const char *params = NULL, *output = NULL;
    size_t K = 0, d = 0, n = 1000;
    uint32_t seed = 0;
    int labels = 0, c, bad = 0, cov_given = 0;
    em_cov_type type = EM_COV_FULL;
    opterr = 0;
    optind = 1;
    while (!bad && (c = getopt_long(argc, argv, ":p:k:d:n:s:lo:c:h", longs, NULL)) != -1) {
        switch (c) {
        case 'p': params = optarg; break;
        case 'k': bad = parse_count(SUB, "-k", optarg, 1, &K); break;
        case 'd': bad = parse_count(SUB, "-d", optarg, 1, &d); break;
        case 'n': bad = parse_count(SUB, "-n", optarg, 1, &n); break;
        case 's': bad = parse_seed(SUB, optarg, &seed); break;
        case 'l': labels = 1; break;
        case 'c':
            cov_given = 1;
            bad = parse_cov_type(SUB, optarg, &type);
            break;
        case 'o': output = strcmp(optarg, "-") == 0 ? NULL : optarg; break; /* -: stdout */
        case 'h': usage(stdout); return EXIT_OK;
        case ':': bad = fail(SUB, -1, "%s needs a value (see emlab sample --help)", argv[optind - 1]); break;
        default: bad = fail(SUB, -1, "unknown option '%s' (see emlab sample --help)", argv[optind - 1]);
        }
    }
    if (bad)
        return EXIT_USAGE;
    if (optind != argc)
        return fail(SUB, EXIT_USAGE, "unexpected argument '%s' (see emlab sample --help)",
                    argv[optind]);
    if (!params && (!K || !d))
        return fail(SUB, EXIT_USAGE, "which mixture? --params FILE, or -k K -d D for a random one");
    if (params && (K || d))
        return fail(SUB, EXIT_USAGE, "--params or -k/-d, not both");
    em_gmm m;
    em_rng r;
    em_rng_seed(&r, seed);
    if (params) {
        if (load_params(SUB, params, &m))
            return EXIT_RUNTIME;
        if (cov_given && m.type != type) {
            fail(SUB, EXIT_RUNTIME, "%s holds a %s mixture, not a %s one", params,
                 em_cov_name(m.type), em_cov_name(type));
            em_gmm_free(&m);
            return EXIT_RUNTIME;
        }
    } else if (em_gmm_alloc(&m, K, d) || em_gmm_random(&m, &r)) {
        return fail(SUB, EXIT_RUNTIME, "out of memory");
    } else {
        m.type = type; /* the random covariances, into the family */
        em_cov_restrict(&m, NULL);
    }
    double *x = malloc(n * m.d * sizeof *x);
    size_t *z = malloc(n * sizeof *z);
    int rc = EXIT_OK;
    if (!x || !z || em_gmm_sample(&m, &r, n, x, z)) {
        rc = fail(SUB, EXIT_RUNTIME, "out of memory");
    } else if (!output) {
        write_points(stdout, x, labels ? z : NULL, n, m.d);
        if (stdout_ok(SUB))
            rc = EXIT_RUNTIME;
    } else {
        char err[1024];
        em_commit run = {0};
        em_outfile out;
        em_interrupt_guard(&run); /* Ctrl-C leaves no half-written file */
        em_status st = em_out_open_in(&out, &run, output, err, sizeof err);
        if (st == EM_OK) {
            write_points(out.f, x, labels ? z : NULL, n, m.d);
            st = em_out_commit(&out, err, sizeof err);
        }
        if (st == EM_OK)
            st = em_commit_all(&run, err, sizeof err);
        if (st)
            rc = fail(SUB, EXIT_RUNTIME, "%s", st == EM_ENOMEM ? "out of memory" : err);
        em_commit_abort(&run);
        em_interrupt_guard(NULL);
    }
    free(x);
    free(z);
    em_gmm_free(&m);
    return rc;
}
