/* lab_steps.h — the E-step and the M-step a lab runs (internal).
 *
 * The library's own (lab_steps.c) unless the lab is built for a student
 * (make lab STUDENT=1): then lab_student.c, generated from the student's
 * workbook, puts their blanks in these two steps where they are filled.
 */
#ifndef EMLAB_LAB_STEPS_H
#define EMLAB_LAB_STEPS_H

#include "lab_state.h"

/* gamma, l and N_k for theta, and the M-step's statistics. Returns
 * EM_ESINGULAR, EM_ENONFINITE or EM_ENOMEM with lab->err set. */
em_status lab_steps_e(em_lab *lab);

/* theta from gamma (the statistics of the E-step just before). */
em_status lab_steps_m(em_lab *lab);

/* The library's two steps, for the student's build to fall back on: the
 * M-step from the E-step's statistics (em_fit's), or from gamma alone
 * (em_m_step, PRML 9.24-9.27) when the E-step was not the library's. */
em_status lab_library_e(em_lab *lab);
em_status lab_library_m(em_lab *lab);
em_status lab_library_m_textbook(em_lab *lab);

/* Whose code runs the steps, for the page: "" for the library's, or one
 * line per blank ("e_step: yours", "m_step_pi: the library's (not filled
 * yet)"). */
const char *lab_steps_whose(void);

#endif
