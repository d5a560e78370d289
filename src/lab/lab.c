/* lab.c — the model, its steps and the history of a lab (see lab.h). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lab_state.h"
#include "lab_steps.h"

em_lab *lab_new(void)
{
    em_lab *lab = calloc(1, sizeof *lab);
    if (lab) {
        lab->l = NAN;
        lab->reg = 1e-6;
    }
    return lab;
}

static void history_clear(em_lab *lab)
{
    for (size_t h = 0; h < lab->hist_len; h++)
        em_gmm_free(&lab->hist[h].theta);
    lab->hist_len = 0;
}

void lab_free(em_lab *lab)
{
    if (!lab)
        return;
    history_clear(lab);
    free(lab->hist);
    free(lab->curve);
    free(lab->x);
    free(lab->resp);
    em_gmm_free(&lab->theta);
    em_stats_free(&lab->stats);
    free(lab);
}

const char *lab_error(const em_lab *lab)
{
    return lab->err;
}

const char *lab_whose(void)
{
    return lab_steps_whose();
}

em_status lab_fail(em_lab *lab, em_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(lab->err, sizeof lab->err, fmt, ap);
    va_end(ap);
    return st;
}

/* --- the history: every state before a step ------------------------------- */

/* Save the state as it is now; the oldest is dropped beyond LAB_MAX_HISTORY. */
static em_status history_push(em_lab *lab)
{
    if (!lab->hist && !(lab->hist = malloc(LAB_MAX_HISTORY * sizeof *lab->hist)))
        return lab_fail(lab, EM_ENOMEM, "out of memory");
    if (lab->hist_len == LAB_MAX_HISTORY) {
        em_gmm_free(&lab->hist[0].theta);
        memmove(lab->hist, lab->hist + 1, (LAB_MAX_HISTORY - 1) * sizeof *lab->hist);
        lab->hist_len--;
    }
    lab_saved *s = &lab->hist[lab->hist_len];
    memset(s, 0, sizeof *s);
    if (em_gmm_alloc(&s->theta, lab->theta.K, lab->d))
        return lab_fail(lab, EM_ENOMEM, "out of memory");
    em_gmm_copy(&s->theta, &lab->theta);
    s->fresh = lab->fresh;
    s->t = lab->t;
    s->curve_len = lab->curve_len;
    s->moved = lab->moved;
    lab->hist_len++;
    return EM_OK;
}

/* Forget the last saved state (the step it was saved for failed). */
static void history_drop(em_lab *lab)
{
    if (lab->hist_len)
        em_gmm_free(&lab->hist[--lab->hist_len].theta);
}

/* --- the steps ------------------------------------------------------------ */

/* N_k of the responsibilities, for the table and the degenerate rule. */
static void count_points(em_lab *lab)
{
    em_counts(lab->resp, lab->n, lab->theta.K, lab->N);
}

/* Does a component lean on the floor or have too few points to estimate
 * (degenerate.h)? Then Sigma_k + reg I, not the data, decides it. */
static int any_degenerate(const em_lab *lab)
{
    for (size_t k = 0; k < lab->theta.K; k++)
        if (em_degenerate(&lab->theta, k, lab->N[k], lab->reg) != EM_SOUND)
            return 1;
    return 0;
}

/* A point on the curve for the E-step just done, marked LAB_MOVED after a
 * move by hand; when l fell below the last iteration's (by more than
 * rounding: 1e-10 relative), LAB_RESTART if a component was restarted,
 * LAB_FLOOR if one leans on the floor, LAB_FELL otherwise. */
static em_status curve_append(em_lab *lab)
{
    if (lab->curve_len == lab->curve_cap) {
        size_t cap = lab->curve_cap ? 2 * lab->curve_cap : 64;
        lab_point *c = realloc(lab->curve, cap * sizeof *c);
        if (!c)
            return lab_fail(lab, EM_ENOMEM, "out of memory");
        lab->curve = c;
        lab->curve_cap = cap;
    }
    lab_point p = {.t = lab->t, .l = lab->l, .mark = lab->moved ? LAB_MOVED : 0};
    if (lab->curve_len && !lab->moved) {
        double before = lab->curve[lab->curve_len - 1].l;
        if (lab->l < before - 1e-10 * fabs(before))
            p.mark |= lab->restarted ? LAB_RESTART : any_degenerate(lab) ? LAB_FLOOR : LAB_FELL;
    }
    lab->curve[lab->curve_len++] = p;
    return EM_OK;
}

/* The E-step proper: gamma, l and (for the next M-step) the statistics. */
/* EM_ETOOFEW: "K = 3 components need at least 3 points; there are 2". */
static em_status too_few(em_lab *lab, size_t K)
{
    return lab_fail(lab, EM_ETOOFEW, "K = %zu component%s at least %zu point%s; there %s %zu",
                    K, K == 1 ? " needs" : "s need", K, K == 1 ? "" : "s",
                    lab->n == 1 ? "is" : "are", lab->n);
}

static em_status e_step(em_lab *lab)
{
    if (lab->n < lab->theta.K)
        return too_few(lab, lab->theta.K);
    em_status st = lab_steps_e(lab);
    if (st)
        return st;
    count_points(lab);
    lab->fresh = 1;
    st = curve_append(lab);
    lab->moved = 0;
    return st;
}

/* The M-step proper: theta_{t+1} from gamma. */
static em_status m_step(em_lab *lab)
{
    if (!lab->fresh)
        return lab_fail(lab, EM_EINVAL, "the responsibilities belong to an older model: "
                        "the E-step comes first");
    lab->restarted = 0;
    em_status st = lab_steps_m(lab);
    if (st)
        return st;
    lab->t++;
    lab->fresh = 0;
    return EM_OK;
}

static em_status need_model(em_lab *lab)
{
    return lab->theta.K ? EM_OK : lab_fail(lab, EM_EINVAL, "no model yet: choose K and a start");
}

/* Run step on a saved state: kept if it works, undone if not. */
static em_status stepped(em_lab *lab, em_status (*step)(em_lab *), em_status (*then)(em_lab *))
{
    em_status st = need_model(lab);
    if (st || (st = history_push(lab)))
        return st;
    if ((st = step(lab)) == EM_OK && then)
        st = then(lab);
    if (st) {
        lab_saved *s = &lab->hist[lab->hist_len - 1];
        em_gmm_copy(&lab->theta, &s->theta);
        lab->t = s->t;
        lab->curve_len = s->curve_len;
        lab->moved = s->moved;
        lab->fresh = s->fresh;
        lab->l = s->curve_len ? lab->curve[s->curve_len - 1].l : NAN;
        if (s->fresh && lab_steps_e(lab) == EM_OK) /* gamma may be half-written */
            count_points(lab);
        lab->l = s->curve_len ? lab->curve[s->curve_len - 1].l : NAN;
        history_drop(lab);
    }
    return st;
}

em_status lab_e_step(em_lab *lab)
{
    if (lab->theta.K && lab->fresh)
        return EM_OK; /* gamma already belongs to theta */
    return stepped(lab, e_step, NULL);
}

em_status lab_m_step(em_lab *lab)
{
    return stepped(lab, m_step, NULL);
}

em_status lab_iterate(em_lab *lab)
{
    if (lab->theta.K && !lab->fresh)
        return stepped(lab, e_step, NULL);
    return stepped(lab, m_step, e_step);
}

em_status lab_move_mean(em_lab *lab, size_t k, const double *p)
{
    em_status st = need_model(lab);
    if (st)
        return st;
    if (k >= lab->theta.K)
        return lab_fail(lab, EM_EINVAL, "there is no component %zu", k + 1);
    for (size_t j = 0; j < lab->d; j++)
        if (!isfinite(p[j]))
            return lab_fail(lab, EM_ENONFINITE, "a mean must be a finite point");
    if ((st = history_push(lab)))
        return st;
    memcpy(lab->theta.mean + k * lab->d, p, lab->d * sizeof *p);
    lab->fresh = 0;
    lab->moved = 1;
    return EM_OK;
}

/* The responsibilities a non-fresh state was shown with: those of the
 * newest fresh state below it in the history (the M-step's input, or the
 * last E-step before a move). */
static em_status restore_stale_resp(em_lab *lab)
{
    for (size_t h = lab->hist_len; h-- > 0;)
        if (lab->hist[h].fresh) {
            em_gmm keep = lab->theta;
            lab->theta = lab->hist[h].theta;
            em_status st = lab_steps_e(lab);
            lab->theta = keep;
            count_points(lab);
            return st;
        }
    return lab_steps_e(lab); /* the history was cut: gamma of theta itself */
}

int lab_back(em_lab *lab)
{
    if (!lab->hist_len)
        return 0;
    lab_saved s = lab->hist[--lab->hist_len];
    em_gmm_free(&lab->theta);
    lab->theta = s.theta;
    lab->t = s.t;
    lab->curve_len = s.curve_len;
    lab->moved = s.moved;
    lab->fresh = s.fresh;
    lab->l = s.curve_len ? lab->curve[s.curve_len - 1].l : NAN;
    em_status st = s.fresh ? lab_steps_e(lab) : restore_stale_resp(lab);
    if (st == EM_OK && s.fresh)
        count_points(lab);
    lab->l = s.curve_len ? lab->curve[s.curve_len - 1].l : NAN;
    return 1;
}

/* --- starts --------------------------------------------------------------- */

/* Make theta (K components) the start: iteration 0, a new curve, no
 * history, and the E-step run. On failure the old model is back. */
static em_status begin(em_lab *lab, em_gmm *start, int fixed_weights)
{
    em_stats fresh_stats;
    if (em_stats_alloc(&fresh_stats, start->K, lab->d))
        return lab_fail(lab, EM_ENOMEM, "out of memory");
    em_gmm old = lab->theta;
    em_stats old_stats = lab->stats;
    lab->theta = *start;
    lab->stats = fresh_stats;
    int old_fixed = lab->fixed_weights;
    lab->fixed_weights = fixed_weights;
    size_t old_t = lab->t, old_len = lab->curve_len;
    lab->t = 0;
    lab->curve_len = 0;
    lab->moved = 0;
    em_status st = e_step(lab);
    if (st) {
        lab->theta = old;
        lab->stats = old_stats;
        lab->fixed_weights = old_fixed;
        lab->t = old_t;
        lab->curve_len = old_len;
        lab->fresh = 0;
        em_gmm_free(start);
        em_stats_free(&fresh_stats);
        return st;
    }
    em_gmm_free(&old);
    em_stats_free(&old_stats);
    history_clear(lab);
    return EM_OK;
}

/* The options of `emlab fit` on these data: its floor, held weights. */
em_options lab_options(const em_lab *lab)
{
    em_options opt = em_default_options();
    opt.reg = lab->reg;
    opt.fixed_weights = lab->fixed_weights;
    return opt;
}

em_status lab_start(em_lab *lab, size_t K, em_init_kind how, uint32_t seed, int fixed_weights)
{
    if (K < 1 || K > LAB_MAX_K)
        return lab_fail(lab, EM_EINVAL, "K must be 1 to %d", LAB_MAX_K);
    if (!lab->d || lab->n < K)
        return too_few(lab, K);
    em_gmm m;
    if (em_gmm_alloc(&m, K, lab->d))
        return lab_fail(lab, EM_ENOMEM, "out of memory");
    em_rng r;
    em_rng_seed(&r, seed);
    em_options opt = lab_options(lab);
    opt.fixed_weights = fixed_weights;
    em_status st = em_init(&m, how, lab->x, lab->n, &r, &opt);
    if (st) {
        em_gmm_free(&m);
        if (st == EM_ESINGULAR)
            return lab_fail(lab, st, "the points have no spread in some direction (all on "
                            "a line?): this start has no covariance to begin with; try "
                            "another start, or add points off the line");
        return lab_fail(lab, st, "%s", em_strerror(st));
    }
    return begin(lab, &m, fixed_weights);
}

em_status lab_start_file(em_lab *lab, const char *path, int fixed_weights)
{
    em_gmm m;
    em_status st = em_gmm_load(path, &m, lab->err, sizeof lab->err);
    if (st)
        return st;
    if (m.d != lab->d)
        st = lab_fail(lab, EM_EINVAL, "%s: a mixture in %zu dimensions, but the data have %zu",
                      path, m.d, lab->d);
    else if (m.K > LAB_MAX_K || lab->n < m.K)
        st = lab_fail(lab, EM_EINVAL, "%s: %zu components; the lab takes 1 to %d, and no "
                      "more than the %zu points", path, m.K, LAB_MAX_K, lab->n);
    if (st) {
        em_gmm_free(&m);
        return st;
    }
    return begin(lab, &m, fixed_weights);
}

/* --- what the page shows -------------------------------------------------- */

int lab_converged(const em_lab *lab, double tol)
{
    if (lab->curve_len < 2 || !lab->fresh)
        return 0;
    const lab_point *now = &lab->curve[lab->curve_len - 1], *before = now - 1;
    return !(now->mark & (LAB_MOVED | LAB_FELL)) && now->t == before->t + 1 &&
           now->l - before->l < tol;
}

size_t lab_K(const em_lab *lab) { return lab->theta.K; }
int lab_fixed_weights(const em_lab *lab) { return lab->fixed_weights; }
size_t lab_restarted(const em_lab *lab) { return lab->restarted; }
int lab_fresh(const em_lab *lab) { return lab->fresh; }
size_t lab_t(const em_lab *lab) { return lab->t; }
const double *lab_weight(const em_lab *lab) { return lab->theta.weight; }
const double *lab_mean(const em_lab *lab) { return lab->theta.mean; }
const double *lab_cov(const em_lab *lab) { return lab->theta.cov; }
const double *lab_resp(const em_lab *lab) { return lab->resp; }
double lab_N(const em_lab *lab, size_t k) { return k < lab->theta.K ? lab->N[k] : NAN; }
double lab_loglik(const em_lab *lab) { return lab->l; }

size_t lab_params(const em_lab *lab)
{
    return lab->theta.K ? em_gmm_free_params(lab->theta.type, lab->theta.K, lab->d,
                                             lab->fixed_weights) : 0;
}

double lab_aic(const em_lab *lab)
{
    return 2.0 * (double)lab_params(lab) - 2.0 * lab->l;
}

double lab_bic(const em_lab *lab)
{
    return (double)lab_params(lab) * log((double)lab->n) - 2.0 * lab->l;
}

int lab_degenerate(const em_lab *lab, size_t k)
{
    if (k >= lab->theta.K || !lab->curve_len)
        return EM_SOUND;
    return (int)em_degenerate(&lab->theta, k, lab->N[k], lab->reg);
}

size_t lab_curve_len(const em_lab *lab) { return lab->curve_len; }
double lab_curve_t(const em_lab *lab, size_t c) { return c < lab->curve_len ? (double)lab->curve[c].t : NAN; }
double lab_curve_l(const em_lab *lab, size_t c) { return c < lab->curve_len ? lab->curve[c].l : NAN; }
int lab_curve_mark(const em_lab *lab, size_t c) { return c < lab->curve_len ? lab->curve[c].mark : 0; }
