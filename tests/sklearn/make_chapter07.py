#!/usr/bin/python3
"""Chapter 7's numbers, made again by numpy and scikit-learn.

    make_chapter07.py OUT.txt [SEED]

Draws chapter 7's data and start with numpy's legacy generator after
np.random.seed(SEED) (default 7: the chapter's), then writes, %.17g:

  ## kmeans       sklearn KMeans(algorithm="lloyd", n_init=1, tol=0) from
                  the start: inertia, n_iter_, then the centres a line
  ## full         GaussianMixture(covariance_type="full", reg_covar=0,
                  tol=0, max_iter=200) from the chapter's EM start (means
                  the start, every covariance the data's, weights 1/2):
                  the weights, the means, sum_i log p(x_i)
  ## eps EPS      EM with Sigma_k = EPS I held, pi and mu learnt, 200
                  iterations, written out in numpy: weights, means, log L

tests/test_chapters.c compares build/07_kmeans_and_em's results.txt with
it. Needs Debian's python3-numpy and python3-sklearn (/usr/bin/python3).
"""
import sys
import warnings

import numpy as np
import sklearn
from scipy.special import logsumexp
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

N_WIDE, N_TIGHT, K, ITER = 200, 100, 2, 200
LOC = [(0.0, 0.0), (4.5, 1.5)]
SCALE = [(2.0, 1.0), (0.5, 0.5)]


def chapter_data(seed):
    np.random.seed(seed)
    X = np.empty((N_WIDE + N_TIGHT, 2))
    for i in range(len(X)):
        g = int(i >= N_WIDE)
        for j in range(2):
            X[i, j] = np.random.normal(LOC[g][j], SCALE[g][j])
    a = np.random.choice(len(X))
    b = np.random.choice(len(X))
    while b == a:
        b = np.random.choice(len(X))
    return X, X[[a, b]].copy()


def eps_em(X, start, eps):
    """EM with every covariance eps I, held; pi and mu learnt."""
    n, d = X.shape
    mu, pi = start.copy(), np.full(K, 1.0 / K)

    def log_joint():
        d2 = ((X[:, None, :] - mu[None, :, :]) ** 2).sum(axis=2)
        return np.log(pi) - d2 / (2 * eps) - d / 2 * np.log(2 * np.pi * eps)

    for _ in range(ITER):
        a = log_joint()
        g = np.exp(a - logsumexp(a, axis=1, keepdims=True))
        Nk = g.sum(axis=0)
        mu = (g.T @ X) / Nk[:, None]
        pi = Nk / n
    return pi, mu, logsumexp(log_joint(), axis=1).sum()


def row(v):
    return ' '.join('%.17g' % x for x in np.ravel(v))


def main():
    out = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    X, start = chapter_data(seed)
    lines = ['# chapter 7, seed %d: scikit-learn %s, numpy %s' % (seed, sklearn.__version__,
                                                                  np.__version__)]
    km = KMeans(n_clusters=K, init=start, n_init=1, tol=0.0, max_iter=300,
                algorithm='lloyd').fit(X)
    lines += ['## kmeans', '%.17g %d' % (km.inertia_, km.n_iter_), row(km.cluster_centers_)]
    S = np.cov(X.T, bias=True)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', ConvergenceWarning)
        gm = GaussianMixture(K, covariance_type='full', reg_covar=0.0, tol=0.0, max_iter=ITER,
                             n_init=1, weights_init=np.full(K, 0.5), means_init=start,
                             precisions_init=np.array([np.linalg.inv(S)] * K)).fit(X)
    lines += ['## full', row(gm.weights_), row(gm.means_), '%.17g' % (gm.score(X) * len(X))]
    for eps in (1.0, 0.1, 0.01):
        pi, mu, ll = eps_em(X, start, eps)
        lines += ['## eps %g' % eps, row(pi), row(mu), '%.17g' % ll]
    with open(out, 'w') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
