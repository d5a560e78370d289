/* init.h — where EM starts.
 *
 * EM climbs to the nearest local maximum of the likelihood, so its starting
 * point decides which one it finds. These are the starts of the course's
 * notebooks, plus k-means++. Each fills a mixture m that is already
 * allocated with the right K and d; the random ones draw from r in a fixed,
 * documented order so that a numpy notebook with the same seed agrees.
 */
#ifndef EMLAB_INIT_H
#define EMLAB_INIT_H

#include <stddef.h>
#include "em.h"
#include "gmm.h"
#include "rng.h"

/* Notebook 001 (1D): mu_k = x_{c_k} with c = np.random.choice(n, K) (with
 * replacement: two components may start on the same point), every Sigma_k
 * the population covariance of the data (sigma = np.std(x) when d = 1), and
 * pi_k = 1/K. Returns EM_ETOOFEW (n < K) or EM_ESINGULAR (the data's
 * covariance is not positive definite, e.g. all points equal). */
em_status em_init_from_data(em_gmm *m, const double *x, size_t n, em_rng *r);

/* Notebook 001 (2D): each row gamma_i ~ Dirichlet(1, ..., 1), drawn in
 * order i = 0..n-1 (np.random.dirichlet([1]*K, size=n)), then one M-step
 * with opt's reg and fixed_weights. If resp is not NULL it receives those
 * responsibilities (n x K). Returns EM_ETOOFEW or EM_ENOMEM. */
em_status em_init_dirichlet(em_gmm *m, const double *x, size_t n, em_rng *r,
                            const em_options *opt, double *resp);

/* Notebook 003: means uniform in [0, 1), drawn row by row
 * (np.random.random((K, d))), identity covariances, pi_k = 1/K.
 * Can't fail. */
void em_init_uniform(em_gmm *m, em_rng *r);

/* k-means++ (Arthur & Vassilvitskii 2007): the first mean a uniformly chosen
 * point, each next one a point drawn with probability proportional to D(x)^2,
 * its squared distance to the nearest mean chosen so far; then, as for
 * em_init_from_data, every Sigma_k the data's covariance and pi_k = 1/K.
 * Returns EM_ETOOFEW, EM_ENOMEM or EM_ESINGULAR. */
em_status em_init_kmeanspp(em_gmm *m, const double *x, size_t n, em_rng *r);

/* The starts by name, for programs. */
typedef enum em_init_kind {
    EM_INIT_DATA,      /* em_init_from_data    */
    EM_INIT_DIRICHLET, /* em_init_dirichlet    */
    EM_INIT_RANDOM,    /* em_init_uniform      */
    EM_INIT_KMEANSPP   /* em_init_kmeanspp     */
} em_init_kind;

/* "data", "dirichlet", "random" or "kmeans++". Returns EM_EINVAL otherwise. */
em_status em_init_parse(const char *s, em_init_kind *kind);

/* Start m by the named strategy (opt is used by the Dirichlet start's
 * M-step), its covariances in m's family (m->type: the data's covariance
 * becomes its diagonal for diag, its mean variance times I for
 * spherical). Where the data have no spread in some direction, the data and
 * k-means++ starts add opt->reg (if > 0) to every covariance's diagonal,
 * as every M-step will. Returns what that strategy returns. */
em_status em_init(em_gmm *m, em_init_kind kind, const double *x, size_t n, em_rng *r,
                  const em_options *opt);

#endif
