/* lab_student.c — the lab's steps with a student's blanks in them
 * (make lab STUDENT=1): the student watches *their* EM.
 *
 * web/build/student.awk copies what the student wrote in each blank of the
 * workbook into NAME.inc (under a #line naming their file and line) and
 * says in filled.h which blanks are filled. Each blank goes into a frame
 * below that gives it the names its chapter gives it (N, K, x, gamma, mu_k
 * ...), with N and K now the lab's n and K. The blanks of chapter 4 are
 * one-dimensional, so in 1-D the lab's E-step and M-step are the student's
 * e_step, m_step_mu, m_step_sigma and m_step_pi; in 2-D the M-step's
 * covariance is chapter 5's `covariance`. A blank not filled yet falls
 * back on the library's own step, and lab_steps_whose() says so on the
 * page. What a blank computes is checked before the lab takes it (finite
 * responsibilities, a positive spread, a positive definite covariance);
 * anything else stops the step with a sentence naming the blank. The
 * log-likelihood is always the library's: the referee that marks a fall.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "filled.h"
#include "lab_steps.h"

/* --- the frames: the scope each blank has in its chapter ----------------- */

#if FILLED_e_step
static void student_e_step(size_t N, size_t K, const double *x, const double *mu,
                           const double *sigma, const double *pi, double *gamma)
{
#include "e_step.inc"
}
#endif

#if FILLED_m_step_mu
static double student_m_step_mu(size_t N, size_t K, const double *x, const double *gamma,
                                size_t k, double N_k)
{
    double mu_k = 0.0;
#include "m_step_mu.inc"
    return mu_k;
}
#endif

#if FILLED_m_step_sigma
static double student_m_step_sigma(size_t N, size_t K, const double *x, const double *gamma,
                                   size_t k, double N_k, double mu_k)
{
    double sigma_k = 0.0;
#include "m_step_sigma.inc"
    return sigma_k;
}
#endif

#if FILLED_m_step_pi
static double student_m_step_pi(size_t N, double N_k)
{
    double pi_k = 0.0;
#include "m_step_pi.inc"
    return pi_k;
}
#endif

#if FILLED_covariance
/* m still holds the old means here, as in chapter 5 */
static void student_covariance(size_t N, size_t D, size_t K, const double *x,
                               const double *gamma, const em_gmm *m, size_t k, double N_k,
                               const double *mu_k, double *Sigma_k)
{
#include "covariance.inc"
}
#endif

/* "NAME: yours" or "NAME: the library's (not filled yet)", chosen by the
 * preprocessor from FILLED_NAME */
#define YOURS_1 "yours"
#define YOURS_0 "the library's (not filled yet)"
#define PICK_(filled) YOURS_##filled
#define PICK(filled) PICK_(filled)
#define WHOSE(name) #name ": " PICK(FILLED_##name) "\n"

const char *lab_steps_whose(void)
{
    return "In 1-D data: " WHOSE(e_step) WHOSE(m_step_mu) WHOSE(m_step_sigma) WHOSE(m_step_pi)
           "In 2-D data (the E-step is the library's): " WHOSE(covariance)
           "The log-likelihood is always the library's: it marks a step that makes it fall.";
}

/* --- the E-step ----------------------------------------------------------- */

em_status lab_steps_e(em_lab *lab)
{
#if FILLED_e_step
    if (lab->d == 1) {
        size_t n = lab->n, K = lab->theta.K;
        double sigma[LAB_MAX_K];
        for (size_t k = 0; k < K; k++)
            sigma[k] = sqrt(lab->theta.cov[k]);
        for (size_t v = 0; v < n * K; v++)
            lab->resp[v] = NAN; /* what the blank leaves unwritten shows */
        student_e_step(n, K, lab->x, lab->theta.mean, sigma, lab->theta.weight, lab->resp);
        for (size_t v = 0; v < n * K; v++)
            if (!isfinite(lab->resp[v]) || lab->resp[v] < -1e-12 || lab->resp[v] > 1 + 1e-12)
                return lab_fail(lab, EM_ENONFINITE, "your e_step gave gamma[%zu][%zu] = %g "
                                "(point i = %zu, component k = %zu): a responsibility is a "
                                "number from 0 to 1. The lab stops here; make check-exercise "
                                "B=e_step says more", v / K, v % K, lab->resp[v], v / K, v % K);
        for (size_t i = 0; i < n; i++) {
            double sum = 0.0;
            for (size_t k = 0; k < K; k++)
                sum += lab->resp[i * K + k];
            if (fabs(sum - 1.0) > 1e-9)
                return lab_fail(lab, EM_EINVAL, "your e_step: point i = %zu's responsibilities "
                                "add up to %g, not 1 (divide each by their sum over the "
                                "components k). The lab stops here; make check-exercise "
                                "B=e_step says more", i, sum);
        }
        em_status st = em_log_likelihood(&lab->theta, lab->x, n, &lab->l, NULL);
        return st ? lab_fail(lab, st, "the log-likelihood: %s", em_strerror(st)) : EM_OK;
    }
#endif
    return lab_library_e(lab);
}

/* --- the M-step ----------------------------------------------------------- */

/* The library's N_k, mu_k and sigma_k^2 (for the blanks not filled). */
static void library_moments(const em_lab *lab, size_t k, double *N_k, double *mu, double *S)
{
    em_weighted_moments(lab->x, lab->n, lab->d, lab->resp, lab->theta.K, k, N_k, mu, S);
}

/* 1-D: pi, mu, sigma from gamma, the student's updates where filled. */
static em_status m_step_1d(em_lab *lab, em_gmm *next)
{
    size_t n = lab->n, K = lab->theta.K;
    for (size_t k = 0; k < K; k++) {
        double N_k, mu_k, var_k;
        library_moments(lab, k, &N_k, &mu_k, &var_k);
#if FILLED_m_step_mu
        mu_k = student_m_step_mu(n, K, lab->x, lab->resp, k, N_k);
#endif
        double sigma_k = sqrt(var_k);
#if FILLED_m_step_sigma
        sigma_k = student_m_step_sigma(n, K, lab->x, lab->resp, k, N_k, mu_k);
#endif
        double pi_k = N_k / (double)n;
#if FILLED_m_step_pi
        pi_k = student_m_step_pi(n, N_k);
#endif
        if (!isfinite(mu_k))
            return lab_fail(lab, EM_ENONFINITE, "your m_step_mu gave mu_%zu = %g (N_%zu = %g)",
                            k + 1, mu_k, k + 1, N_k);
        if (!(sigma_k > 0.0) || !isfinite(sigma_k))
            return lab_fail(lab, EM_ENONFINITE, "the M-step gave sigma_%zu = %g: a standard "
                            "deviation must be positive (check m_step_sigma)", k + 1, sigma_k);
        if (!(pi_k >= 0.0 && pi_k <= 1.0))
            return lab_fail(lab, EM_ENONFINITE, "the M-step gave pi_%zu = %g: a weight is from "
                            "0 to 1 (check m_step_pi)", k + 1, pi_k);
        next->mean[k] = mu_k;
        next->cov[k] = sigma_k * sigma_k + lab->reg;
        next->weight[k] = lab->fixed_weights ? 1.0 / (double)K : pi_k;
    }
    return EM_OK;
}

/* 2-D: the library's pi and mu, the student's covariance where filled. */
static em_status m_step_2d(em_lab *lab, em_gmm *next)
{
    size_t n = lab->n, K = lab->theta.K;
    for (size_t k = 0; k < K; k++) {
        double N_k, *mu = next->mean + 2 * k, *S = next->cov + 4 * k;
        library_moments(lab, k, &N_k, mu, S);
#if FILLED_covariance
        memset(S, 0, 4 * sizeof *S);
        student_covariance(n, 2, K, lab->x, lab->resp, &lab->theta, k, N_k, mu, S);
#endif
        S[0] += lab->reg;
        S[3] += lab->reg;
        next->weight[k] = lab->fixed_weights ? 1.0 / (double)K : N_k / (double)n;
    }
    size_t bad = 0;
    if (em_gmm_validate(next, &bad))
        return lab_fail(lab, EM_ESINGULAR, "the M-step gave Sigma_%zu = [%g %g; %g %g], not a "
                        "covariance (symmetric, positive definite)%s", bad + 1,
                        next->cov[4 * bad], next->cov[4 * bad + 1], next->cov[4 * bad + 2],
                        next->cov[4 * bad + 3], FILLED_covariance ? ": check your covariance" : "");
    return EM_OK;
}

em_status lab_steps_m(em_lab *lab)
{
    int yours = lab->d == 1 ? FILLED_m_step_mu || FILLED_m_step_sigma || FILLED_m_step_pi
                            : FILLED_covariance;
    if (!yours)
        return lab_library_m_textbook(lab);
    em_gmm next;
    if (em_gmm_alloc(&next, lab->theta.K, lab->d))
        return lab_fail(lab, EM_ENOMEM, "out of memory");
    em_gmm_copy(&next, &lab->theta);
    em_status st = lab->d == 1 ? m_step_1d(lab, &next) : m_step_2d(lab, &next);
    if (st == EM_OK)
        em_gmm_copy(&lab->theta, &next); /* all of theta at once: the blanks saw the old one */
    em_gmm_free(&next);
    return st;
}
