/* lab.h — EM stepped by hand: the C side of the browser lab.
 *
 * The lab (build/docs/lab.html) lets a student add points, choose K and a
 * start, and step EM one half at a time. Everything it computes happens
 * here, in the library's own functions, compiled to WebAssembly; the page's
 * JavaScript only draws what these functions return and passes on clicks.
 * The same file compiles natively, and the tests hold the two equal, and
 * both equal to `emlab fit`.
 *
 * A lab holds
 *
 *   the data     x, n x d (d = 1 or 2), and the variance floor reg that
 *                `emlab fit` would use on them (em_scale_free_floor);
 *   the model    theta = (pi, mu, Sigma), K components, and its iteration t,
 *                the number of M-steps since the start;
 *   gamma        the responsibilities of the last E-step; they belong to
 *                theta ("fresh") until an M-step, a dragged mean or a data
 *                edit moves theta, and then the next E-step is due;
 *   the curve    l(theta) after every E-step, the curve a student watches
 *                grow: EM never lets it fall (PRML section 9.4), and a
 *                point where it fell anyway is marked;
 *   the history  every state before a step, so that "back" undoes it.
 *
 * One iteration of em_fit is an M-step (em_fit_m_step) followed by an
 * E-step (em_estep), and the lab's are the very same calls: stepped from
 * the same data, start and seed, the lab's theta_t and l_t are em_fit's.
 *
 * Every function returning em_status leaves a sentence for the page in
 * lab_error() when it fails; none prints or exits. No globals: a page may
 * hold several labs.
 */
#ifndef EMLAB_LAB_H
#define EMLAB_LAB_H

#include <stddef.h>
#include <stdint.h>
#include "emlab.h"

enum { LAB_MAX_K = 8, LAB_MAX_HISTORY = 4000 };

/* Marks on the log-likelihood curve. EM's own steps never lower l (PRML
 * 9.4); the library's can, in two ways it announces, and a wrong step
 * (a student's blank) in any way. */
enum {
    LAB_FELL = 1,    /* l fell, unexplained: a step is wrong                   */
    LAB_MOVED = 2,   /* theta was moved by hand (a dragged mean) since the last */
    LAB_FLOOR = 4,   /* l fell while a component leans on the variance floor:
                      * Sigma_k + reg I is not the likelihood's maximum        */
    LAB_RESTART = 8  /* an emptied component was restarted (as em_fit does)    */
};

typedef struct em_lab em_lab;

/* A lab with no data and no model, or NULL when out of memory. */
em_lab *lab_new(void);
void lab_free(em_lab *lab);

/* The last failure, as a sentence ("" if none). */
const char *lab_error(const em_lab *lab);

/* Whose code runs the steps: "" for the library's; in a lab built with a
 * student's workbook (make lab STUDENT=1), one line per blank, "e_step:
 * yours" or "m_step_pi: the library's (not filled yet)". */
const char *lab_whose(void);

/* --- the data (lab_data.c) ------------------------------------------------ */

/* Replace the data by the n x d points x (d = 1 or 2; n may be 0).
 * The model, if any, stays (it becomes the start of a new curve) unless
 * its dimension differs: then there is none until the next start.
 * Returns EM_EINVAL (d), EM_ENONFINITE or EM_ENOMEM. */
em_status lab_set_data(em_lab *lab, const double *x, size_t n, size_t d);

/* Add the point p (d values), or remove point i. Like lab_set_data, the
 * curve and the history start again from the model as it is. Returns
 * EM_EINVAL (no data dimension yet, or i >= n), EM_ENONFINITE or EM_ENOMEM. */
em_status lab_add_point(em_lab *lab, const double *p);
em_status lab_remove_point(em_lab *lab, size_t i);

/* Read an emlab data file (any format `emlab fit` reads) with one or two
 * columns. Errors name the file and line. */
em_status lab_load_data(em_lab *lab, const char *path);

/* Write the data, or the model's parameters, as `emlab fit` reads them
 * (%.17g, written whole or not at all). */
em_status lab_save_data(em_lab *lab, const char *path);
em_status lab_save_params(em_lab *lab, const char *path);

/* n points from a random mixture of K components in d dimensions, drawn as
 * `emlab sample -k K -d D -n N --seed SEED` draws them. */
em_status lab_sample(em_lab *lab, size_t n, size_t d, size_t K, uint32_t seed);

/* Standardise the data's columns to mean 0 and variance 1 (scale.h), as
 * Bishop does with Old Faithful. Returns EM_ESINGULAR (a constant column). */
em_status lab_standardize(em_lab *lab);

/* The variance floor: reg >= 0 as `emlab fit --reg REG`, or reg < 0 for
 * its default, 1e-6 times the data's smallest column variance (followed as
 * the data change). The model needs an E-step after. Returns EM_EINVAL
 * for NaN. */
em_status lab_set_floor(em_lab *lab, double reg);
int lab_floor_is_default(const em_lab *lab);

size_t lab_n(const em_lab *lab);
size_t lab_d(const em_lab *lab);
const double *lab_x(const em_lab *lab);   /* n x d */
double lab_reg(const em_lab *lab);        /* the variance floor in force */

/* --- the model and its steps (lab.c) -------------------------------------- */

/* Start K components by `emlab fit --init HOW --seed SEED` (init.h), with
 * pi_k held at 1/K if fixed_weights, then run the E-step: iteration 0.
 * Returns EM_EINVAL (K outside 1..LAB_MAX_K), EM_ETOOFEW (n < K),
 * EM_ESINGULAR (no spread to start a covariance from) or what the E-step
 * returns. On failure the model before is kept. */
em_status lab_start(em_lab *lab, size_t K, em_init_kind how, uint32_t seed, int fixed_weights);

/* Start from a parameter file (`emlab fit --init FILE`), d as the data's. */
em_status lab_start_file(em_lab *lab, const char *path, int fixed_weights);

/* E-step: gamma and l(theta) for the current theta, a point on the curve.
 * M-step: theta from gamma (PRML 9.24-9.27), t + 1; the responsibilities
 * must be fresh (EM_EINVAL otherwise: the page asks for the E-step).
 * lab_iterate: what is due to complete one iteration: the M-step and the
 * E-step, or only the E-step if the M-step is done.
 * Each pushes the state before it on the history. On failure (a singular
 * covariance, a point with zero density, too few points) theta is kept. */
em_status lab_e_step(em_lab *lab);
em_status lab_m_step(em_lab *lab);
em_status lab_iterate(em_lab *lab);

/* Move mean k to p (d values), by hand: gamma is then stale. */
em_status lab_move_mean(em_lab *lab, size_t k, const double *p);

/* Undo the last step (E, M, iteration, start or move). Returns 0 if there
 * was nothing to undo, 1 otherwise. */
int lab_back(em_lab *lab);

/* Has the last iteration gained less than tol (emlab fit's rule, a fall
 * included)? Not after a move by hand, nor after an unexplained fall
 * (LAB_FELL: that is no convergence, a step is wrong). */
int lab_converged(const em_lab *lab, double tol);

size_t lab_K(const em_lab *lab);          /* 0 before any start */
int lab_fixed_weights(const em_lab *lab); /* the model holds pi_k = 1/K */
/* The component the last M-step restarted because it had lost its points
 * (numbered from 1, as the page shows it), or 0. */
size_t lab_restarted(const em_lab *lab);
int lab_fresh(const em_lab *lab);         /* gamma belongs to theta */
size_t lab_t(const em_lab *lab);          /* the iteration */
const double *lab_weight(const em_lab *lab); /* pi, K */
const double *lab_mean(const em_lab *lab);   /* mu, K x d */
const double *lab_cov(const em_lab *lab);    /* Sigma, K x d x d */
const double *lab_resp(const em_lab *lab);   /* gamma, n x K (valid if fresh) */
double lab_N(const em_lab *lab, size_t k);   /* N_k of the last E-step */

/* l(theta) of the last E-step, AIC = 2p - 2l and BIC = p ln n - 2l with
 * p = em_gmm_free_params (NaN before an E-step). */
double lab_loglik(const em_lab *lab);
double lab_aic(const em_lab *lab);
double lab_bic(const em_lab *lab);
size_t lab_params(const em_lab *lab);

/* Component k after the last E-step: EM_SOUND, EM_FEW_POINTS or
 * EM_AT_FLOOR, `emlab fit`'s rule (degenerate.h). */
int lab_degenerate(const em_lab *lab, size_t k);

/* The curve: its length, and point c's iteration, l and marks. */
size_t lab_curve_len(const em_lab *lab);
double lab_curve_t(const em_lab *lab, size_t c);
double lab_curve_l(const em_lab *lab, size_t c);
int lab_curve_mark(const em_lab *lab, size_t c);

/* --- what the page draws (lab_draw.c) ------------------------------------- */

/* Component k's colour, 0xRRGGBB: the figures' palette (em_palette). */
unsigned lab_colour(size_t k);

/* Each point's colour into rgb (n values): its components' colours mixed
 * in proportion to its responsibilities (em_fig_mix), as the figures
 * colour them; dark grey before any E-step. Can't fail. */
void lab_colours(const em_lab *lab, unsigned *rgb);

/* The c-sigma ellipse of component k (d = 2) as m points (x, y) in xy
 * (em_ellipse). Returns EM_EINVAL (d, k or m < 3) or EM_ESINGULAR. */
em_status lab_ellipse(const em_lab *lab, size_t k, double c, size_t m, double *xy);

/* d = 1: the same at the m points x (any order): comp[m x K], mix[m].
 * Returns EM_EINVAL (no 1-D model), EM_ESINGULAR or EM_ENOMEM. */
em_status lab_density_1d(const em_lab *lab, const double *x, size_t m, double *comp,
                         double *mix);

/* d = 1: pi_k N(x | mu_k, sigma_k^2) for each k and the mixture on npts
 * points from lo to hi (em_gmm_curves_1d: x[npts], comp[npts x K],
 * mix[npts]). Returns EM_EINVAL (no 1-D model, hi <= lo) or what
 * em_gmm_curves_1d returns. */
em_status lab_curves_1d(const em_lab *lab, double lo, double hi, size_t npts, double *x,
                        double *comp, double *mix);

#endif
