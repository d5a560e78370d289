/* snapshots.h — what emlab fit draws while EM runs.
 *
 * The fit loop calls snap_observer after every iteration; it prints the
 * log-likelihood (unless quiet) and, at the iterations the plan asks for,
 * writes a figure of the model and the responsibilities: for d = 1 the
 * fitted density and weighted components over a histogram, for d >= 2 the
 * points coloured by responsibility with each component's mean and 1- and
 * 2-sigma ellipses (in the two chosen coordinates).
 */
#ifndef EMLAB_SNAPSHOTS_H
#define EMLAB_SNAPSHOTS_H

#include "cmd.h"

enum { SNAP_PLOT_POINTS = 5000 };

typedef struct {
    size_t every;             /* every:N, or 0 for a list             */
    const char *list;         /* "0,1,2,5,20": the iterations, as given */
} snap_plan;

/* "0,1,2,5,20" (the default when spec is NULL) or "every:N". Prints a
 * usage error and returns EXIT_USAGE on a bad list. */
int snap_plan_parse(const char *sub, const char *spec, snap_plan *plan);

typedef struct {
    const em_dataset *ds;        /* the data, in their own units           */
    const double *shift, *scale; /* the standardisation, or NULL           */
    double ll_offset;            /* l in data units = l fitted + ll_offset  */
    int quiet;
    snap_plan plan;
    em_figdir *fd;               /* where the figures go                   */
    size_t dim_i, dim_j;         /* the coordinates drawn when d > 2        */
    size_t panel;                /* snapshots in the panel, 1 to 9          */
    /* filled in as EM runs */
    em_gmm model;                /* a copy in data units                   */
    char (*names)[24];           /* the snapshots written, n_snap of them   */
    size_t n_snap, last_drawn;
    double *loglik;              /* l_t in data units, max_iter + 1        */
    size_t n_loglik;
    em_status st;                /* a failure while writing a figure       */
    char err[1024];
} snap_ctx;

/* Prepare ctx for a fit of K components with at most max_iter iterations.
 * Returns EM_ENOMEM. */
em_status snap_init(snap_ctx *ctx, size_t K, size_t max_iter);
void snap_free(snap_ctx *ctx);

/* The em_observer: print, and draw the planned iterations. */
int snap_observer(size_t t, const em_gmm *m, const double *resp, double loglik, void *ctx);

/* After the fit: draw the last iteration if it was not, the log-likelihood
 * curve, a panel of up to ctx->panel snapshots (2 x 2 for 4) and, for
 * --format gif, the animation of the snapshots. Returns
 * EM_OK or the first failure, with its message in ctx->err. */
em_status snap_finish(snap_ctx *ctx, size_t last, const em_gmm *m, const double *resp);

#endif
