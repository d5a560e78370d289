#!/usr/bin/python3
"""scikit-learn's KMeans (algorithm="lloyd", one run from given centres,
tol=0: until no point changes cluster) for emlab's tests.

    make_kmeans.py OUT.txt

Blocks "## DATA K", then the inertia and the iterations sklearn ran, then
the K centres a line (%.17g), then the labels (0-based) on one line. Data:
Old Faithful from the means of tests/data/init_faithful_k2.txt, iris from
those of init_iris_k3.txt, and 2000 points `emlab sample -k 5 -d 2 --seed 3`
would draw (tests/data/kmeans_sample.txt) from their first 5 points.
Needs Debian's python3-numpy and python3-sklearn (/usr/bin/python3).
"""
import os
import sys

import numpy as np
import sklearn
from sklearn.cluster import KMeans

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import read_data, read_params  # noqa: E402


def main():
    out = sys.argv[1]
    sets = []
    for name, data, init in [('faithful', 'tests/data/old_faithful.csv', 'tests/data/init_faithful_k2.txt'),
                             ('iris', 'tests/data/iris.csv', 'tests/data/init_iris_k3.txt')]:
        sets.append((name, read_data(data), read_params(init)[1]))
    X = read_data('tests/data/kmeans_sample.txt')
    sets.append(('sample', X, X[:5].copy()))
    blocks = ['# scikit-learn %s KMeans(algorithm="lloyd", n_init=1, tol=0, max_iter=300), '
              'numpy %s\n' % (sklearn.__version__, np.__version__)]
    for name, X, centres in sets:
        km = KMeans(n_clusters=len(centres), init=centres, n_init=1, tol=0.0, max_iter=300,
                    algorithm='lloyd').fit(X)
        lines = ['## %s %d' % (name, len(centres)), '%.17g %d' % (km.inertia_, km.n_iter_)]
        lines += [' '.join('%.17g' % v for v in c) for c in km.cluster_centers_]
        lines.append(' '.join(str(int(v)) for v in km.labels_))
        blocks.append('\n'.join(lines) + '\n')
    with open(out, 'w') as f:
        f.write(''.join(blocks))


if __name__ == '__main__':
    main()
