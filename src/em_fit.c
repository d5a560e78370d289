/* em_fit.c — the EM loop: E-step, M-step, repeat until l stops improving. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "dataset.h"
#include "em.h"
#include "estep.h"

void em_result_free(em_result *res)
{
    free(res->history);
    res->history = NULL;
}

/* The checks before the first iteration. */
static em_status check_inputs(const em_gmm *m, const double *x, size_t n, em_result *res)
{
    if (!m || !x || m->K < 1 || m->d < 1)
        return EM_EINVAL;
    if (n < m->K)
        return EM_ETOOFEW;
    if (em_check_finite(x, n * m->d, &res->bad_index))
        return EM_ENONFINITE;
    em_status st = em_gmm_validate(m, &res->bad_k);
    return st;
}

/* Everything one fit needs besides the caller's arrays. */
typedef struct {
    em_gmm last_good; /* theta_{t-1}, restored if step t fails          */
    double *resp;     /* gamma, n x K                                   */
    int resp_fresh;   /* resp holds the last E-step's gamma             */
    em_stats stats;   /* what the last E-step gathered for the M-step   */
} fit_work;

/* The E-step of an iteration. gamma is written only when someone reads it
 * (an observer): the M-step needs only the statistics, and n x K numbers
 * less to write is a good part of an iteration's time. */
static em_status e_step(const em_gmm *m, const double *x, size_t n, const em_options *opt,
                        fit_work *w, double *l, size_t *bad_k)
{
    w->resp_fresh = opt->observer != NULL;
    return em_estep(m, x, n, w->resp_fresh ? w->resp : NULL, l, &w->stats, bad_k);
}

/* gamma of m, when it was not written (the same numbers, computed again). */
static em_status fresh_resp(const em_gmm *m, const double *x, size_t n, fit_work *w,
                            size_t *bad_k)
{
    if (w->resp_fresh)
        return EM_OK;
    w->resp_fresh = 1;
    return em_estep(m, x, n, w->resp, NULL, NULL, bad_k);
}

static void work_free(fit_work *w, double *caller_resp)
{
    em_gmm_free(&w->last_good);
    em_stats_free(&w->stats);
    if (w->resp != caller_resp)
        free(w->resp);
}

/* Did the last E-step leave a component with (almost) no points? */
static int any_empty(const em_stats *st)
{
    for (size_t k = 0; k < st->K; k++)
        if (!(st->N[k] >= EM_EMPTY_NK))
            return 1;
    return 0;
}

em_status em_fit_m_step(em_gmm *m, const double *x, size_t n, const double *resp,
                        const em_stats *st, const em_options *opt, em_mstep_info *info)
{
    info->n_empty = 0;
    if (any_empty(st))
        return em_m_step(m, x, n, resp, opt, info);
    return em_mstep_from_stats(m, st, n, opt->reg, opt->fixed_weights);
}

/* One iteration: the M-step from gamma_{t-1} (em_fit_m_step), then the
 * E-step on theta_t, which gives gamma_t, l_t and the next statistics in
 * one pass. On failure m is restored to theta_{t-1}. */
static em_status iterate(em_gmm *m, const double *x, size_t n, const em_options *opt,
                         fit_work *w, double *l, em_result *res)
{
    em_gmm_copy(&w->last_good, m);
    em_mstep_info info;
    em_status st = any_empty(&w->stats) ? fresh_resp(m, x, n, w, &res->bad_k) : EM_OK;
    if (st == EM_OK)
        st = em_fit_m_step(m, x, n, w->resp, &w->stats, opt, &info);
    if (st == EM_OK && info.n_empty) {
        res->n_empty += info.n_empty;
        res->last_empty = info.first_empty;
    }
    if (st == EM_OK)
        st = e_step(m, x, n, opt, w, l, &res->bad_k);
    if (st)
        em_gmm_copy(m, &w->last_good);
    return st;
}

em_status em_fit(em_gmm *m, const double *x, size_t n, const em_options *opt,
                 double *resp, em_result *res)
{
    memset(res, 0, sizeof *res);
    em_status st = check_inputs(m, x, n, res);
    if (st)
        return st;
    fit_work w = {.resp = resp ? resp : malloc(n * m->K * sizeof *w.resp)};
    res->history = malloc((opt->max_iter + 1) * sizeof *res->history);
    if (!w.resp || !res->history || em_gmm_alloc(&w.last_good, m->K, m->d) ||
        em_stats_alloc(&w.stats, m->K, m->d)) {
        work_free(&w, resp);
        em_result_free(res);
        return EM_ENOMEM;
    }
    double l;
    st = e_step(m, x, n, opt, &w, &l, &res->bad_k);
    if (st == EM_OK) {
        res->history[0] = res->loglik = l;
        int stop = opt->observer && opt->observer(0, m, w.resp, l, opt->observer_ctx);
        for (size_t t = 1; !stop && t <= opt->max_iter; t++) {
            st = iterate(m, x, n, opt, &w, &l, res);
            if (st)
                break;
            res->iterations = t;
            res->history[t] = res->loglik = l;
            stop = opt->observer && opt->observer(t, m, w.resp, l, opt->observer_ctx);
            /* converged: l improved by less than tol (or fell, by rounding) */
            if (opt->tol > 0.0 && l - res->history[t - 1] < opt->tol) {
                res->converged = 1;
                stop = 1;
            }
        }
    }
    if (resp && !w.resp_fresh) { /* the caller's gamma, of the model m holds */
        em_status again = fresh_resp(m, x, n, &w, &res->bad_k);
        st = st ? st : again;
    }
    work_free(&w, resp);
    return st;
}
