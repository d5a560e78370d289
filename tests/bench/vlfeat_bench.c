/* vlfeat_bench.c DIR ITERS — VLFeat's vl_gmm (diagonal covariances, the
 * only kind it has) on DIR/data.txt from DIR/init.txt, the start `bench em
 * ... diag` wrote: its means, variances and weights set by hand
 * (VlGMMCustom), on every core. Prints the time of one EM iteration as
 * emlab's and scikit-learn's are timed: vl_gmm_em run 2 + ITERS times one
 * iteration each, less 2, over ITERS, the best of three. VLFeat stops
 * early when the log-likelihood barely moves; one iteration a call keeps
 * it going. Built and run by make bench when Debian's libvlfeat-dev is
 * there (not part of emlab: a yardstick). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <vl/generic.h>
#include <vl/gmm.h>
#include "emlab.h"

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Start the model at the file's parameters: means K x d, the diagonal of
 * each covariance, weights. */
static void set_start(VlGMM *g, const em_gmm *m, double *means, double *vars)
{
    size_t K = m->K, d = m->d;
    for (size_t k = 0; k < K; k++)
        for (size_t j = 0; j < d; j++) {
            means[k * d + j] = m->mean[k * d + j];
            vars[k * d + j] = m->cov[(k * d + j) * d + j];
        }
    vl_gmm_set_means(g, means);
    vl_gmm_set_covariances(g, vars);
    vl_gmm_set_priors(g, m->weight);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: vlfeat_bench DIR ITERS\n");
        return 2;
    }
    char path[1024], err[512];
    em_dataset ds;
    em_gmm m;
    snprintf(path, sizeof path, "%s/data.txt", argv[1]);
    if (em_dataset_read(path, &ds, err, sizeof err))
        return fprintf(stderr, "%s\n", err), 1;
    snprintf(path, sizeof path, "%s/init.txt", argv[1]);
    if (em_gmm_load(path, &m, err, sizeof err))
        return fprintf(stderr, "%s\n", err), 1;
    size_t iters = strtoull(argv[2], NULL, 10), K = m.K, d = m.d;
    vl_set_num_threads(0); /* every core */
    VlGMM *g = vl_gmm_new(VL_TYPE_DOUBLE, d, K);
    double *means = malloc(K * d * sizeof *means), *vars = malloc(K * d * sizeof *vars);
    vl_gmm_set_initialization(g, VlGMMCustom);
    vl_gmm_set_max_num_iterations(g, 1);
    vl_gmm_set_covariance_lower_bound(g, 1e-6);
    double best = INFINITY;
    for (int rep = 0; rep < 3; rep++) {
        double took[2];
        for (int run = 0; run < 2; run++) {
            set_start(g, &m, means, vars);
            size_t calls = run ? 2 + iters : 2;
            double t0 = seconds();
            for (size_t c = 0; c < calls; c++)
                vl_gmm_em(g, ds.x, ds.n);
            took[run] = seconds() - t0;
        }
        if (took[1] - took[0] < best)
            best = took[1] - took[0];
    }
    printf("vlfeat_ms_per_iter %.3f threads %d\n", 1e3 * best / (double)iters,
           (int)vl_get_max_threads());
    vl_gmm_delete(g);
    free(means);
    free(vars);
    em_gmm_free(&m);
    em_dataset_free(&ds);
    return 0;
}
