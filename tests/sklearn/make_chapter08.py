#!/usr/bin/python3
"""Chapter 8's numbers, made again by numpy and scikit-learn.

    make_chapter08.py OUT.txt [SEED]

Draws chapter 8's data and starts with numpy's legacy generator after
np.random.seed(SEED) (default 8: the chapter's), then writes, %.17g:

  ## collapse REG   EM written out in numpy from the spike start (component
                    2 on the most isolated point, sigma_2 a quarter of its
                    distance to its nearest neighbour), REG added to every
                    variance after each M-step, until a variance is 0, a
                    gain is below 1e-10, or 100 iterations: one line per
                    iteration, t mu_2 sigma_2^2 N_2 log L
  ## restarts       sklearn GaussianMixture(full, reg_covar=1e-6, tol=0,
                    max_iter=300) from each of the 100 starts (four data
                    points drawn by np.random.choice(400, 4), the data's
                    covariance, equal weights): the final sum_i log p(x_i),
                    one a line

tests/test_lecture.c compares build/08_when_em_goes_wrong's results.txt
with it. Needs Debian's python3-numpy and python3-sklearn (/usr/bin/python3).
"""
import sys
import warnings

import numpy as np
import sklearn
from scipy.special import logsumexp
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

N1, N_GROUP, K2, RESTARTS, ITER = 30, 100, 4, 100, 300
CORNERS = [(0, 0), (5, 0), (0, 5), (5, 5)]


def collapse(x, j, gap, reg):
    """EM on 1-D x, K = 2, em_fit's order: E-step on theta_0 (l_0), then
    M-step (+ reg), E-step (l_t) ... Rows t, mu_2, var_2, N_2, l_t."""
    mu = np.array([x.mean(), x[j]])
    var = np.array([x.var(), (gap / 4) ** 2])
    pi = np.array([0.5, 0.5])
    rows = []

    def estep():
        a = np.log(pi) - 0.5 * np.log(2 * np.pi * var) - (x[:, None] - mu) ** 2 / (2 * var)
        lse = logsumexp(a, axis=1)
        return np.exp(a - lse[:, None]), lse.sum()

    g, ll = estep()
    rows.append((0, mu[1], var[1], pi[1] * len(x), ll))
    for t in range(1, 101):
        Nk = g.sum(axis=0)
        mu = (g * x[:, None]).sum(axis=0) / Nk
        var = (g * (x[:, None] - mu) ** 2).sum(axis=0) / Nk + reg
        pi = Nk / len(x)
        if np.any(var <= 0):
            break
        g, new = estep()
        rows.append((t, mu[1], var[1], pi[1] * len(x), new))
        if new - ll < 1e-10:
            break
        ll = new
    return rows


def main():
    out = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    np.random.seed(seed)
    x1 = np.array([np.random.normal(0.0, 1.0) for _ in range(N1)])
    X = np.empty((4 * N_GROUP, 2))
    for i in range(len(X)):
        for j in range(2):
            X[i, j] = np.random.normal(CORNERS[i // N_GROUP][j], 0.8)
    starts = [X[np.random.choice(len(X), K2)] for _ in range(RESTARTS)]
    gaps = np.array([np.min(np.abs(np.delete(x1, i) - x1[i])) for i in range(N1)])
    j = int(np.argmax(gaps))
    lines = ['# chapter 8, seed %d: scikit-learn %s, numpy %s' % (seed, sklearn.__version__,
                                                                  np.__version__)]
    for reg in (0.0, 1e-6):
        lines.append('## collapse %g' % reg)
        lines += [' '.join('%.17g' % v for v in r) for r in collapse(x1, j, gaps[j], reg)]
    lines.append('## restarts')
    S = np.cov(X.T, bias=True)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', ConvergenceWarning)
        for means in starts:
            gm = GaussianMixture(K2, covariance_type='full', reg_covar=1e-6, tol=0.0,
                                 max_iter=ITER, n_init=1, weights_init=np.full(K2, 1.0 / K2),
                                 means_init=means,
                                 precisions_init=np.array([np.linalg.inv(S)] * K2)).fit(X)
            lines.append('%.17g' % (gm.score(X) * len(X)))
    with open(out, 'w') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
