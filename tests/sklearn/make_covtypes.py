#!/usr/bin/python3
"""scikit-learn's fits in the four covariance families, for emlab's tests.

    make_covtypes.py OUTDIR

For Old Faithful (K = 2) and iris (K = 3), from the starts in
tests/data/init_faithful_k2.txt and init_iris_k3.txt, and for each
covariance_type of sklearn.mixture.GaussianMixture (full, diag, tied,
spherical), writes

  OUTDIR/DATA_TYPE_init.txt   the start within the family, in emlab's
                              parameter format (its "# covariance:" line),
                              the covariances given to sklearn as precisions;
  OUTDIR/sklearn_covtypes.txt blocks "## DATA TYPE ITERS", then the
                              log-likelihood sum_i log p(x_i) and one line per
                              component: weight, mean, covariance (full d x d,
                              row-major), each %.17g,

after 1, 10 and 100 EM iterations (tol=0, reg_covar=1e-6). tests/test_emlab.c
runs `emlab fit --covariance TYPE --init DATA_TYPE_init.txt --reg 1e-6
--tol 0 -n ITERS` and compares. Needs Debian's python3-numpy and
python3-sklearn (run with /usr/bin/python3).
"""
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import read_data, read_params  # noqa: E402

REG = 1e-6
SETS = [('faithful', 'tests/data/old_faithful.csv', 'tests/data/init_faithful_k2.txt'),
        ('iris', 'tests/data/iris.csv', 'tests/data/init_iris_k3.txt')]
TYPES = ['full', 'diag', 'tied', 'spherical']
ITERS = [1, 10, 100]


def in_family(cov, kind):
    """The start's covariances restricted to the family, as emlab restricts
    them (covtype.h): full matrices K x d x d."""
    K, d, _ = cov.shape
    if kind == 'diag':
        return np.array([np.diag(np.diag(c)) for c in cov])
    if kind == 'spherical':
        return np.array([np.eye(d) * np.trace(c) / d for c in cov])
    if kind == 'tied':
        return np.array([cov.mean(axis=0)] * K)
    return cov


def precisions(cov, kind):
    """sklearn's precisions_init for the family."""
    if kind == 'full':
        return np.linalg.inv(cov)
    if kind == 'tied':
        return np.linalg.inv(cov[0])
    if kind == 'diag':
        return 1.0 / np.array([np.diag(c) for c in cov])
    return 1.0 / np.array([c[0, 0] for c in cov])


def full(covariances, kind, K, d):
    """sklearn's covariances_ as K full d x d matrices."""
    if kind == 'full':
        return covariances
    if kind == 'tied':
        return np.array([covariances] * K)
    if kind == 'diag':
        return np.array([np.diag(v) for v in covariances])
    return np.array([np.eye(d) * v for v in covariances])


def write_init(path, w, mu, cov, kind, source):
    K, d = mu.shape
    with open(path, 'w') as f:
        f.write('# the start of %s in the %s family (made by tests/sklearn/make_covtypes.py)\n'
                % (source, kind))
        f.write('# emlab mixture: K = %d components in d = %d dimensions\n' % (K, d))
        f.write('# weight  mean[%d]  covariance[%d] (row-major)\n' % (d, d * d))
        if kind != 'full':
            f.write('# covariance: %s\n' % kind)
        for k in range(K):
            f.write(' '.join('%.17g' % v for v in [w[k]] + list(mu[k]) + list(cov[k].ravel()))
                    + '\n')


def main():
    out = sys.argv[1]
    blocks = ['# scikit-learn %s GaussianMixture, numpy %s: reg_covar=%g, tol=0, from the starts '
              'DATA_TYPE_init.txt\n' % (sklearn.__version__, np.__version__, REG)]
    for name, data, init in SETS:
        X = read_data(data)
        w0, mu0, cov0 = read_params(init)
        K, d = mu0.shape
        for kind in TYPES:
            start = in_family(cov0, kind)
            write_init(os.path.join(out, '%s_%s_init.txt' % (name, kind)), w0, mu0, start, kind,
                       os.path.basename(init))
            for iters in ITERS:
                gm = GaussianMixture(n_components=K, covariance_type=kind, reg_covar=REG, tol=0.0,
                                     max_iter=iters, weights_init=w0, means_init=mu0,
                                     precisions_init=precisions(start, kind))
                with warnings.catch_warnings():
                    warnings.simplefilter('ignore', ConvergenceWarning)
                    gm.fit(X)
                cov = full(gm.covariances_, kind, K, d)
                lines = ['## %s %s %d' % (name, kind, iters), '%.17g' % (gm.score(X) * len(X))]
                for k in range(K):
                    lines.append(' '.join('%.17g' % v for v in
                                          [gm.weights_[k]] + list(gm.means_[k]) + list(cov[k].ravel())))
                blocks.append('\n'.join(lines) + '\n')
    with open(os.path.join(out, 'sklearn_covtypes.txt'), 'w') as f:
        f.write(''.join(blocks))


if __name__ == '__main__':
    main()
