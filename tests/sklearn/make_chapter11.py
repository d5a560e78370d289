#!/usr/bin/python3
"""Chapter 11's iterations, made again in numpy.

    make_chapter11.py OUT.txt [SEED]

After np.random.seed(SEED) (default 11, the chapter's): 40 points
np.random.normal(-1, 1.2), then 40 np.random.normal(2, 1.2). EM on mu_1
alone (pi = (1/2, 1/2), mu_2 = 2, sigma = (1.2, 1.2) held) from
mu_1 = 3.5, 10 iterations; each: q = gamma(theta_old), mu_1 = sum q_i1 x_i / sum q_i1.
OUT gets a line per iteration, %.17g: t, mu_old, mu_new, ln p(old),
L(q, old), L(q, new), ln p(new), KL(q || gamma(new)), computed with
scipy's logsumexp and numpy's sums. tests/test_lecture.c compares the
chapter's results.txt. Needs Debian's python3-numpy and python3-scipy.
"""
import sys

import numpy as np
from scipy.special import logsumexp
from scipy.stats import norm

PI, SIGMA, MU_2 = np.array([0.5, 0.5]), np.array([1.2, 1.2]), 2.0


def log_joint(x, mu_1):
    return np.log(PI) + norm.logpdf(x[:, None], np.array([mu_1, MU_2]), SIGMA)


def bound(x, q, mu_1):
    a = log_joint(x, mu_1)
    m = q > 0
    return np.sum(q[m] * (a[m] - np.log(q[m])))


def main():
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 11
    np.random.seed(seed)
    x = np.array([np.random.normal(-1.0 if i < 40 else MU_2, SIGMA[int(i >= 40)])
                  for i in range(80)])
    lines = ['# chapter 11, seed %d, numpy %s: t mu_old mu_new lnp_old L_old L_new lnp_new KL_new'
             % (seed, np.__version__)]
    mu = 3.5
    for t in range(1, 11):
        a = log_joint(x, mu)
        lse = logsumexp(a, axis=1)
        q = np.exp(a - lse[:, None])
        new = np.sum(q[:, 0] * x) / np.sum(q[:, 0])
        b = log_joint(x, new)
        lse_new = logsumexp(b, axis=1)
        g = np.exp(b - lse_new[:, None])
        kl = -np.sum(q * np.log(g / q))
        lines.append(' '.join('%.17g' % v for v in
                              [t, mu, new, lse.sum(), bound(x, q, mu), bound(x, q, new),
                               lse_new.sum(), kl]))
        mu = new
    with open(sys.argv[1], 'w') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
