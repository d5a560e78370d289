#!/usr/bin/python3
"""scikit-learn's bic() at chapter 9's fitted parameters.

    make_chapter09.py DATA FITS OUT.txt

DATA: the chapter's 400 points (tests/data/chapters/09_data.txt, its
data.txt); FITS: its fits for K = 1 .. 8 (09_fits.txt: blocks "## K", a
line per component: weight, mean, covariance row-major). For each K, a
GaussianMixture(covariance_type="full") is given those parameters
(weights_, means_, covariances_, precisions_cholesky_) and asked for
bic(X) and score(X) * n; OUT gets "K bic loglik" a line, %.17g.
tests/test_lecture.c checks that the chapter still fits exactly FITS on
exactly DATA, and that its BIC equals these. Needs Debian's python3-numpy
and python3-sklearn (/usr/bin/python3).
"""
import sys

import numpy as np
import sklearn
from sklearn.mixture import GaussianMixture


def main():
    X = np.loadtxt(sys.argv[1], comments='#')
    fits, K = {}, None
    for line in open(sys.argv[2]):
        if line.startswith('## '):
            K = int(line[3:])
            fits[K] = []
        elif line.strip() and not line.startswith('#'):
            fits[K].append([float(v) for v in line.split()])
    n, d = X.shape
    lines = ['# scikit-learn %s bic() at chapter 9\'s fits, numpy %s: K bic loglik'
             % (sklearn.__version__, np.__version__)]
    for K in sorted(fits):
        P = np.array(fits[K])
        gm = GaussianMixture(K, covariance_type='full')
        gm.weights_ = P[:, 0]
        gm.means_ = P[:, 1:1 + d]
        gm.covariances_ = P[:, 1 + d:].reshape(K, d, d)
        gm.precisions_cholesky_ = np.array([np.linalg.cholesky(np.linalg.inv(S))
                                            for S in gm.covariances_])
        lines.append('%d %.17g %.17g' % (K, gm.bic(X), gm.score(X) * n))
    with open(sys.argv[3], 'w') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
