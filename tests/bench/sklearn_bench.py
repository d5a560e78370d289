#!/usr/bin/python3
"""sklearn_bench.py DIR ITERS: scikit-learn's GaussianMixture on DIR/data.txt
from DIR/init.txt (emlab's parameter format; its "# covariance: TYPE" line,
full if none, is the covariance_type), reg_covar=1e-6 as emlab's default,
tol=0. Prints the time of one EM iteration: the difference of a fit with
2 + ITERS iterations and one with 2, over ITERS, so that setting up and the
final E-step are not counted."""
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

d_, iters = sys.argv[1], int(sys.argv[2])
X = np.loadtxt(d_ + '/data.txt')
kind = 'full'
rows = []
for line in open(d_ + '/init.txt'):
    if line.startswith('# covariance:'):
        kind = line.split(':')[1].strip()
    elif line.strip() and not line.startswith('#'):
        rows.append([float(v) for v in line.split()])
rows = np.array(rows)
d = X.shape[1]
w0, mu0, cov0 = rows[:, 0], rows[:, 1:1 + d], rows[:, 1 + d:].reshape(-1, d, d)
if kind == 'full':
    prec = np.linalg.inv(cov0)
elif kind == 'tied':
    prec = np.linalg.inv(cov0[0])
elif kind == 'diag':
    prec = 1.0 / np.array([np.diag(c) for c in cov0])
else:
    prec = 1.0 / cov0[:, 0, 0]


def fit_seconds(n_iter):
    gm = GaussianMixture(len(w0), covariance_type=kind, reg_covar=1e-6, tol=0.0,
                         max_iter=n_iter, weights_init=w0, means_init=mu0, precisions_init=prec)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', ConvergenceWarning)
        t = time.perf_counter()
        gm.fit(X)
        return time.perf_counter() - t


best = min(fit_seconds(2 + iters) - fit_seconds(2) for _ in range(2))  # the best of two
print('sklearn_ms_per_iter %.3f' % (1e3 * best / iters))
