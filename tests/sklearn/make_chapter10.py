#!/usr/bin/python3
"""scikit-learn's fits of chapter 10, in each covariance family.

    make_chapter10.py DATA OUT.txt [SEED]

DATA: the chapter's 450 points (tests/data/chapters/10_data.txt, its
data.txt). The start: after np.random.seed(SEED + 1) (default SEED 10, the
chapter's), means X[np.random.choice(450, 3)], every covariance the data's
restricted to the family (its diagonal for diag, its mean variance times I
for spherical), weights 1/3. For full, tied, diag and spherical in turn,
GaussianMixture(covariance_type=TYPE, reg_covar=1e-6, tol=0,
max_iter=200) from that start; OUT gets blocks "## TYPE", then "p loglik
bic" (sklearn's _n_parameters(), score(X) * n, bic(X)) and a line per
component: weight, mean, covariance (full 2 x 2, row-major), %.17g.
tests/test_lecture.c compares the chapter's results.txt and params_TYPE.txt.
Needs Debian's python3-numpy and python3-sklearn (/usr/bin/python3).
"""
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_covtypes import full, in_family, precisions  # noqa: E402

K, ITER = 3, 200


def main():
    X = np.loadtxt(sys.argv[1], comments='#')
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    np.random.seed(seed + 1)
    means = X[np.random.choice(len(X), K)]
    S = np.cov(X.T, bias=True)
    lines = ['# chapter 10: scikit-learn %s, numpy %s' % (sklearn.__version__, np.__version__)]
    for kind in ('full', 'tied', 'diag', 'spherical'):
        cov = in_family(np.array([S] * K), kind)
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', ConvergenceWarning)
            gm = GaussianMixture(K, covariance_type=kind, reg_covar=1e-6, tol=0.0, max_iter=ITER,
                                 n_init=1, weights_init=np.full(K, 1.0 / K), means_init=means,
                                 precisions_init=precisions(cov, kind)).fit(X)
        lines.append('## %s' % kind)
        lines.append('%d %.17g %.17g' % (gm._n_parameters(), gm.score(X) * len(X), gm.bic(X)))
        covs = full(gm.covariances_, kind, K, X.shape[1])
        for k in range(K):
            lines.append(' '.join('%.17g' % v for v in
                                  [gm.weights_[k], *gm.means_[k], *covs[k].ravel()]))
    with open(sys.argv[2], 'w') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
