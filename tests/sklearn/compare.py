#!/usr/bin/python3
"""Fit the same data from the same start with emlab and with scikit-learn.

    compare.py EMLAB DATA INIT ITERS OUT.txt

runs sklearn.mixture.GaussianMixture (full covariances, reg_covar=0, tol=0,
ITERS iterations, weights/means/precisions initialised from INIT, an emlab
parameter file) on DATA (an emlab data file), writes its fitted parameters
to OUT.txt in emlab's parameter format with its log-likelihood in a comment,
then runs `EMLAB fit` the same way and prints the largest relative
difference of every parameter. Exit status 0 when all agree to 1e-6.
Needs Debian's python3-sklearn (`make compare-sklearn` installs it).
"""
import subprocess
import sys
import tempfile
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture


def read_data(path):
    rows = []
    for line in open(path):
        line = line.split('#')[0].strip()
        if not line:
            continue
        fields = line.replace(',', ' ').split()
        try:
            rows.append([float(f) for f in fields])
        except ValueError:
            continue  # the header
    return np.array(rows)


def read_params(path):
    rows = [list(map(float, l.split('#')[0].replace(',', ' ').split()))
            for l in open(path) if l.split('#')[0].strip()]
    c = len(rows[0])
    d = int(round((-1 + (4 * c - 3) ** 0.5) / 2))
    w = np.array([r[0] for r in rows])
    mu = np.array([r[1:1 + d] for r in rows])
    cov = np.array([np.array(r[1 + d:]).reshape(d, d) for r in rows])
    return w, mu, cov


def write_params(path, w, mu, cov, loglik):
    K, d = mu.shape
    with open(path, 'w') as f:
        f.write('# scikit-learn %s GaussianMixture, full covariances, reg_covar=0\n'
                % __import__('sklearn').__version__)
        f.write('# log-likelihood %.17g\n' % loglik)
        for k in range(K):
            vals = [w[k]] + list(mu[k]) + list(cov[k].ravel())
            f.write(' '.join('%.17g' % v for v in vals) + '\n')


def main():
    emlab, data, init, iters, out = sys.argv[1:6]
    X = read_data(data)
    w0, mu0, cov0 = read_params(init)
    gm = GaussianMixture(n_components=len(w0), covariance_type='full', reg_covar=0.0,
                         tol=0.0, max_iter=int(iters), weights_init=w0, means_init=mu0,
                         precisions_init=np.linalg.inv(cov0))
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', ConvergenceWarning)
        gm.fit(X)
    loglik = gm.score(X) * len(X)
    write_params(out, gm.weights_, gm.means_, gm.covariances_, loglik)
    with tempfile.TemporaryDirectory() as tmp:
        mine = tmp + '/emlab.txt'
        subprocess.run([emlab, 'fit', data, '-k', str(len(w0)), '--init', init, '--reg', '0',
                        '--tol', '0', '--iters', iters, '--quiet', '--format', 'none',
                        '--out', tmp, '--params-out', mine], check=True,
                       stdout=subprocess.DEVNULL)
        w, mu, cov = read_params(mine)
    worst = 0.0
    for a, b in ((w, gm.weights_), (mu, gm.means_), (cov, gm.covariances_)):
        scale = np.maximum(np.abs(b), 1e-3 * np.abs(b).max())
        worst = max(worst, float(np.max(np.abs(a - b) / scale)))
    print('%-28s K=%d, %s iterations: largest relative difference %.2e %s'
          % (data.split('/')[-1], len(w0), iters, worst, 'ok' if worst <= 1e-6 else 'TOO LARGE'))
    return 0 if worst <= 1e-6 else 1


if __name__ == '__main__':
    sys.exit(main())
