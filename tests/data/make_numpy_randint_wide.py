#!/usr/bin/python3
"""numpy's legacy randint over ranges wider than 32 bits (the 64-bit masked
path: two MT19937 words a draw), for src/rng.c.

    /usr/bin/python3 tests/data/make_numpy_randint_wide.py > tests/data/numpy_randint_wide.txt

Each line: SEED LOW HIGH then the first 5 draws of
np.random.seed(SEED); np.random.randint(LOW, HIGH, size=5, dtype=np.int64).
"""
import numpy as np

CASES = [
    (5, 0, 2**40), (5, 0, 2**32 + 1), (42, -2**62, 2**62), (7, -2**63, 2**63 - 1),
    (1, 10, 10 + 2**33), (2024, -3, 2**53), (0, 0, 2**32), (3, 0, 3 * 2**32 + 7),
]
print('# numpy %s: SEED LOW HIGH draw1 .. draw5' % np.__version__)
for seed, low, high in CASES:
    np.random.seed(seed)
    draws = np.random.randint(low, high, size=5, dtype=np.int64)
    print(seed, low, high, ' '.join(str(int(v)) for v in draws))
