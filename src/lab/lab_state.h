/* lab_state.h — what a lab holds (internal to src/lab/). */
#ifndef EMLAB_LAB_STATE_H
#define EMLAB_LAB_STATE_H

#include "estep.h"
#include "lab.h"

/* A point on the log-likelihood curve. */
typedef struct {
    size_t t;    /* iteration */
    double l;    /* l(theta_t) */
    int mark;    /* LAB_FELL, LAB_MOVED, LAB_FLOOR, LAB_RESTART */
} lab_point;

/* A state "back" returns to. */
typedef struct {
    em_gmm theta;    /* K may differ from the lab's now (a new start) */
    int fresh, moved;
    size_t t, curve_len;
} lab_saved;

struct em_lab {
    /* the data */
    size_t n, d, cap;  /* cap: room for cap points in x and resp          */
    double *x;         /* x, n x d                                         */
    double reg;        /* the floor: em_scale_free_floor(x), or as set     */
    int reg_set;       /* reg was set (lab_set_floor), not the default     */
    /* the model */
    em_gmm theta;      /* K = 0 before a start                             */
    int fixed_weights; /* pi_k held at 1/K                                 */
    size_t t;          /* M-steps since the start                          */
    double *resp;      /* gamma, n x K (room for cap x LAB_MAX_K)          */
    em_stats stats;    /* gathered by the last E-step, for the M-step      */
    int fresh;         /* gamma and stats belong to theta                  */
    int moved;         /* theta moved by hand since the last E-step        */
    size_t restarted;  /* 1 + the component the last M-step restarted, or 0 */
    double l;          /* l(theta) of the last E-step, NaN before one      */
    double N[LAB_MAX_K]; /* N_k of the last E-step's gamma                 */
    /* the curve and the history */
    lab_point *curve;
    size_t curve_len, curve_cap;
    lab_saved *hist;
    size_t hist_len;
    char err[512];
};

/* Set lab->err from a format; returns st. */
em_status lab_fail(em_lab *lab, em_status st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The data changed: new floor, the curve and history start again, and the
 * model (if any) needs an E-step. */
void lab_data_changed(em_lab *lab);

/* emlab fit's options on these data: its floor, and held weights. */
em_options lab_options(const em_lab *lab);

/* Make room for cap points (x and gamma). Returns EM_ENOMEM. */
em_status lab_reserve(em_lab *lab, size_t cap);

#endif
