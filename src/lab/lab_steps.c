/* lab_steps.c — the library's E-step and M-step, as em_fit runs them. */
#include "lab_steps.h"

em_status lab_library_e(em_lab *lab)
{
    size_t bad_k = 0;
    em_status st = em_estep(&lab->theta, lab->x, lab->n, lab->resp, &lab->l, &lab->stats,
                            &bad_k);
    switch (st) {
    case EM_OK:
        return EM_OK;
    case EM_ESINGULAR:
        return lab_fail(lab, st, "the covariance of component %zu is not positive definite "
                        "(it has collapsed): start again, or with fewer components",
                        bad_k + 1);
    case EM_ENONFINITE:
        return lab_fail(lab, st, "a point lies so far from every component that its density "
                        "is 0 under all of them: start again nearer the data");
    default:
        return lab_fail(lab, st, "%s", em_strerror(st));
    }
}

em_status lab_library_m_textbook(em_lab *lab)
{
    em_options opt = lab_options(lab);
    em_mstep_info info;
    em_status st = em_m_step(&lab->theta, lab->x, lab->n, lab->resp, &opt, &info);
    if (st == EM_OK && info.n_empty)
        lab->restarted = info.first_empty + 1;
    return st ? lab_fail(lab, st, "out of memory") : EM_OK;
}

em_status lab_library_m(em_lab *lab)
{
    em_options opt = lab_options(lab);
    em_mstep_info info;
    em_status st = em_fit_m_step(&lab->theta, lab->x, lab->n, lab->resp, &lab->stats, &opt,
                                 &info);
    if (st == EM_OK && info.n_empty)
        lab->restarted = info.first_empty + 1;
    return st ? lab_fail(lab, st, "out of memory") : EM_OK;
}
