/* resp.c — emlab resp DATA --params FILE: the responsibility table. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include "cmd.h"

static const char *const SUB = "resp";

static void usage(FILE *f)
{
    fprintf(f,
        "usage: emlab resp DATA --params FILE [--precision P]\n"
        "Print the responsibility of each component for each point,\n"
        "gamma_ik = pi_k N(x_i | mu_k, Sigma_k) / sum_j pi_j N(x_i | mu_j, Sigma_j),\n"
        "as chapter 2 does (a row per point, numpy's layout). DATA - reads standard input.\n"
        "\n"
        "  -p, --params FILE   the mixture (weight, means, covariance a line)\n"
        "  -P, --precision P   decimals (default 6)\n"
        "  -c, --covariance T  check that FILE's family is T (full, diag, tied, spherical)\n"
        "  -h, --help          this text\n");
}

int cmd_resp(int argc, char **argv)
{
    static const struct option longs[] = {
        {"params", required_argument, 0, 'p'}, {"precision", required_argument, 0, 'P'},
        {"help", no_argument, 0, 'h'}, {"covariance", required_argument, 0, 'c'},
        {0, 0, 0, 0}};
    const char *params = NULL;
    size_t precision = 6;
    int c, bad = 0, cov_given = 0;
    em_cov_type type = EM_COV_FULL;
    opterr = 0;
    optind = 1;
    while (!bad && (c = getopt_long(argc, argv, ":p:P:c:h", longs, NULL)) != -1) {
        switch (c) {
        case 'p': params = optarg; break;
        case 'P': bad = parse_count(SUB, "--precision", optarg, 0, &precision); break;
        case 'c':
            cov_given = 1;
            bad = parse_cov_type(SUB, optarg, &type);
            break;
        case 'h': usage(stdout); return EXIT_OK;
        case ':': bad = fail(SUB, -1, "%s needs a value (see emlab resp --help)", argv[optind - 1]); break;
        default: bad = fail(SUB, -1, "unknown option '%s' (see emlab resp --help)", argv[optind - 1]);
        }
    }
    if (bad)
        return EXIT_USAGE;
    if (optind + 1 != argc)
        return fail(SUB, EXIT_USAGE, "emlab resp DATA --params FILE (one data file)");
    if (!params)
        return fail(SUB, EXIT_USAGE, "which mixture? --params FILE");
    if (precision > 17)
        return fail(SUB, EXIT_USAGE, "--precision is at most 17");
    em_dataset ds;
    em_gmm m;
    if (load_data(SUB, argv[optind], &ds))
        return EXIT_RUNTIME;
    if (load_params(SUB, params, &m)) {
        em_dataset_free(&ds);
        return EXIT_RUNTIME;
    }
    int rc = EXIT_OK;
    double *resp = malloc(ds.n * m.K * sizeof *resp);
    if (cov_given && m.type != type)
        rc = fail(SUB, EXIT_RUNTIME, "%s holds a %s mixture, not a %s one", params,
                  em_cov_name(m.type), em_cov_name(type));
    else if (m.d != ds.d)
        rc = fail(SUB, EXIT_RUNTIME, "%s has d = %zu, but %s describes d = %zu", argv[optind],
                  ds.d, params, m.d);
    else if (!resp)
        rc = fail(SUB, EXIT_RUNTIME, "out of memory");
    else if (em_e_step(&m, ds.x, ds.n, resp, NULL, NULL))
        rc = fail(SUB, EXIT_RUNTIME, "a point has zero density under every component");
    else if (em_print_matrix(stdout, "Responsibility Matrix (N x K):\n", resp, ds.n, m.K,
                             (em_printopts){.precision = (int)precision, .suppress = 1}))
        rc = fail(SUB, EXIT_RUNTIME, "out of memory");
    else if (stdout_ok(SUB))
        rc = EXIT_RUNTIME;
    free(resp);
    em_gmm_free(&m);
    em_dataset_free(&ds);
    return rc;
}
