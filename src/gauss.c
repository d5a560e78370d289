/* gauss.c — normal log-densities and sampling. */
#include <math.h>
#include <stdlib.h>
#include "gauss.h"
#include "linalg.h"

#define M_PI_ 3.14159265358979323846

double em_normal_logpdf(double x, double mu, double sigma)
{
    if (!(sigma > 0.0))
        return NAN;
    double z = (x - mu) / sigma;
    return -0.5 * z * z - log(sigma) - 0.5 * EM_LOG_2PI;
}

double em_normal_pdf(double x, double mu, double sigma)
{
    if (!(sigma > 0.0))
        return NAN;
    /* scipy.stats.norm.pdf's own arithmetic, operation for operation, so a
     * printed density has the notebook's last digit:
     * exp(-z^2 / 2) / sqrt(2 pi) / sigma with z = (x - mu) / sigma */
    double z = (x - mu) / sigma;
    return exp(-(z * z) / 2.0) / EM_SQRT_2PI / sigma;
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
    double small[8], *z = d <= 8 ? small : g->work; /* on the stack when it fits */
    for (size_t j = 0; j < d; j++)
        z[j] = em_rng_gauss(r);
    for (size_t j = 0; j < d; j++) {
        double s = g->mu[j];
        for (size_t m = 0; m <= j; m++)
            s += g->L[j * d + m] * z[m];
        x[j] = s;
    }
}

em_status em_ellipse(const double *mu, const double *Sigma, double c, size_t m, double *xy)
{
    double L[4];
    if (m < 2)
        return EM_EINVAL;
    em_status st = em_cholesky(2, Sigma, L);
    if (st)
        return st;
    for (size_t i = 0; i < m; i++) {
        double t = 2.0 * M_PI_ * (double)(i % (m - 1)) / (double)(m - 1);
        double u = c * cos(t), v = c * sin(t);
        xy[2 * i] = mu[0] + L[0] * u;
        xy[2 * i + 1] = mu[1] + L[2] * u + L[3] * v;
    }
    return EM_OK;
}
