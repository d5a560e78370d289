/* emlab.h — the whole emlab library in one include.
 *
 * Notation, as in Bishop's PRML chapter 9, used in every file:
 *
 *   symbol   in the code                  meaning
 *   n, i     n, i                         number of points, a point's index
 *   d, j, l  d, j, l                      dimension, coordinate indices
 *   K, k     K, k                         number of components, a component
 *   x_i      x[i*d + j]                   the data, n x d, row-major
 *   pi_k     weight[k]                    mixing weight, sum_k pi_k = 1
 *   mu_k     mean[k*d + j]                component mean, K x d
 *   Sigma_k  cov[(k*d + j)*d + l]         component covariance, K x d x d
 *   gamma_ik resp[i*K + k]                responsibility of k for x_i, n x K
 *   N_k      sum_i gamma_ik               effective number of points of k
 *   l        log-likelihood               sum_i log sum_k pi_k N(x_i | mu_k, Sigma_k)
 *
 * Modules: status (error codes), rng (numpy-compatible random numbers),
 * linalg (Cholesky), logsumexp, gauss (normal densities), gmm (the mixture),
 * em (E-step, M-step, fit loop), init (starting points), dataset (point
 * files), table and textio (the shared text-file reading), figure, figdir
 * and render (gnuplot figures, their folder, gnuplot run), histogram (np.histogram's bins), pyfmt (numbers
 * printed as Python and numpy print them), cli (the chapters' command line),
 * degenerate (components the data do not support), commit (outputs that
 * appear whole and together), covtype (the covariance families), kmeans
 * (Lloyd's algorithm, EM's hard limit).
 */
#ifndef EMLAB_H
#define EMLAB_H

#include "status.h"
#include "rng.h"
#include "linalg.h"
#include "logsumexp.h"
#include "gauss.h"
#include "gmm.h"
#include "em.h"
#include "init.h"
#include "dataset.h"
#include "textio.h"
#include "figure.h"
#include "histogram.h"
#include "pyfmt.h"
#include "cli.h"
#include "scale.h"
#include "degenerate.h"
#include "kmeans.h"

#endif
