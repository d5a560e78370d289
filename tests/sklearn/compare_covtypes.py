#!/usr/bin/python3
"""emlab fit against fresh scikit-learn fits in the four covariance families.

    compare_covtypes.py EMLAB OUTDIR

runs make_covtypes.py into OUTDIR (scikit-learn as installed now), then
`EMLAB fit --covariance TYPE` from the same starts, and prints the largest
relative difference per data set and family (weights, means, covariances,
log-likelihood; a value's scale at least 1e-3 of the largest). Exit status
0 when all agree to 1e-12. `make compare-sklearn` runs it.
"""
import os
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from compare import read_data, read_params  # noqa: E402


def loglik(X, w, mu, cov):
    total = np.zeros(len(X))
    for k in range(len(w)):
        d = X - mu[k]
        L = np.linalg.cholesky(cov[k])
        z = np.linalg.solve(L, d.T)
        total += w[k] * np.exp(-0.5 * (z ** 2).sum(0) - np.log(np.diag(L)).sum()
                               - 0.5 * X.shape[1] * np.log(2 * np.pi))
    return np.log(total).sum()


def main():
    emlab, out = sys.argv[1:3]
    os.makedirs(out, exist_ok=True)
    subprocess.run(['/usr/bin/python3', os.path.join(HERE, 'make_covtypes.py'), out], check=True)
    text = open(os.path.join(out, 'sklearn_covtypes.txt')).read()
    worst, bad = {}, 0
    for block in text.split('## ')[1:]:
        lines = block.strip().split('\n')
        name, kind, iters = lines[0].split()
        data = 'tests/data/old_faithful.csv' if name == 'faithful' else 'tests/data/iris.csv'
        want = np.array([float(v) for line in lines[2:] for v in line.split()])
        with tempfile.TemporaryDirectory() as tmp:
            mine = tmp + '/p.txt'
            subprocess.run([emlab, 'fit', data, '-k', str(len(lines) - 2), '--covariance', kind,
                            '--init', os.path.join(out, '%s_%s_init.txt' % (name, kind)),
                            '--reg', '1e-6', '--tol', '0', '-n', iters, '-q', '-f', 'none',
                            '-o', tmp, '--params-out', mine], check=True,
                           stdout=subprocess.DEVNULL)
            w, mu, cov = read_params(mine)
        got = np.concatenate([np.concatenate([[w[k]], mu[k], cov[k].ravel()])
                              for k in range(len(w))])
        scale = np.maximum(np.abs(want), 1e-3 * np.abs(want).max())
        diff = float(np.max(np.abs(got - want) / scale))
        l_want = float(lines[1])
        diff = max(diff, abs(loglik(read_data(data), w, mu, cov) - l_want) / abs(l_want))
        key = (name, kind)
        worst[key] = max(worst.get(key, 0.0), diff)
        bad += diff > 1e-12
    for (name, kind), diff in sorted(worst.items()):
        print('%-9s %-9s largest relative difference against scikit-learn: %.2e %s'
              % (name, kind, diff, 'ok' if diff <= 1e-12 else 'TOO LARGE'))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
