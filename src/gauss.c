/* gauss.c — normal log-densities and sampling. */
#include <math.h>
#include <stdlib.h>
#include "gauss.h"
#include "linalg.h"

double em_normal_logpdf(double x, double mu, double sigma)
{
    if (!(sigma > 0.0))
        return NAN;
    double z = (x - mu) / sigma;
    return -0.5 * z * z - log(sigma) - 0.5 * EM_LOG_2PI;
}

double em_normal_pdf(double x, double mu, double sigma)
{
    return exp(em_normal_logpdf(x, mu, sigma));
}

em_status em_mvn_init(em_mvn *g, size_t d, const double *mu, const double *Sigma)
{
    g->L = NULL;
    g->work = NULL;
    if (d < 1 || !mu || !Sigma)
        return EM_EINVAL;
    g->d = d;
    g->mu = mu;
    g->L = malloc(d * d * sizeof *g->L);
    g->work = malloc(d * sizeof *g->work);
    if (!g->L || !g->work) {
        em_mvn_free(g);
        return EM_ENOMEM;
    }
    em_status st = em_cholesky(d, Sigma, g->L);
    if (st) {
        em_mvn_free(g);
        return st;
    }
    g->logdet = em_chol_logdet(d, g->L);
    return EM_OK;
}

void em_mvn_free(em_mvn *g)
{
    free(g->L);
    free(g->work);
    g->L = NULL;
    g->work = NULL;
}

double em_mvn_logpdf(const em_mvn *g, const double *x)
{
    double q = em_mahalanobis2(g->d, g->L, x, g->mu, g->work);
    return -0.5 * ((double)g->d * EM_LOG_2PI + g->logdet + q);
}

void em_mvn_sample(const em_mvn *g, em_rng *r, double *x)
{
    size_t d = g->d;
    double *z = g->work;
    for (size_t j = 0; j < d; j++)
        z[j] = em_rng_gauss(r);
    for (size_t j = 0; j < d; j++) {
        double s = g->mu[j];
        for (size_t m = 0; m <= j; m++)
            s += g->L[j * d + m] * z[m];
        x[j] = s;
    }
}
