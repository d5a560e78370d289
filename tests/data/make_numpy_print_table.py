#!/usr/bin/python3
"""Reference table of numpy's float64 array printing (np.array2string).

Writes, to stdout, a line-based table that a C reimplementation of numpy's
float formatting can be tested against.  Every value is stored as its exact
IEEE-754 bit pattern, so no decimal parsing is needed to rebuild the inputs.

Usage:
    /usr/bin/python3 make_numpy_print_table.py > numpy_print.txt
    /usr/bin/python3 make_numpy_print_table.py --check numpy_print.txt

Table format (one record after another; lines starting with '#' are comments):

    @ PRECISION ROWS COLS NDIM [suppress]
    = HHHHHHHHHHHHHHHH HHHHHHHHHHHHHHHH ...
    | first line of np.array2string(a, precision=PRECISION, threshold=sys.maxsize)
    | ...

  NDIM is 1 (shape (COLS,), ROWS is 1) or 2 (shape (ROWS, COLS)); the '='
  line holds the ROWS*COLS values in row-major order, each as 16 lowercase
  hex digits (the float64 bit pattern); every output line is prefixed '| '.

    r HHHHHHHHHHHHHHHH REPR

  is Python's repr() of that double (for testing a shortest-repr printer).

A record that ends in 'suppress' was printed with suppress_small=True (what
np.set_printoptions(suppress=True) sets: notebook 003 does); every third
array appears that way too. All other print options are numpy's defaults:
floatmode='maxprec', suppress_small=False otherwise, sign='-', linewidth=75, legacy=False.

Deterministic: all random inputs come from numpy's legacy RandomState with a
fixed seed, so the same numpy version always produces the same file.
"""

import sys

import numpy as np

SEED = 20240601
PRECISIONS = (0, 1, 3, 4, 6, 8, 10, 17)

nextafter = np.nextafter
INF = float('inf')
NAN = float('nan')
TINY = 5e-324                       # smallest subnormal
DBL_MAX = 1.7976931348623157e308    # largest finite double
DBL_MIN = 2.2250738585072014e-308   # smallest normal


def up(x):
    """Next double towards +inf."""
    return float(nextafter(x, INF))


def down(x):
    """Next double towards -inf."""
    return float(nextafter(x, -INF))


def hexbits(x):
    """IEEE-754 bit pattern of a double as 16 lowercase hex digits."""
    return '%016x' % int(np.array(x, dtype=np.float64).view(np.uint64))


def fmt(a, precision, suppress=False):
    """The formatting under test: everything default except precision,
    suppress (as np.set_printoptions(suppress=True) sets it; the record
    says 'suppress') and threshold (so no array is ever summarised with
    '...')."""
    return np.array2string(a, precision=precision, suppress_small=suppress,
                           threshold=sys.maxsize)


# ---------------------------------------------------------------------------
# Array cases.  Each case is (precision, ndarray of float64, 1-D or 2-D).
# ---------------------------------------------------------------------------

class Cases:
    def __init__(self):
        self.items = []
        self._cycle = 0

    def add(self, values, precisions=None, shape=None):
        """Add an array; precisions None -> the next one of PRECISIONS in
        turn, an int -> that one, a tuple -> one record per precision."""
        a = np.array(values, dtype=np.float64)
        if shape is not None:
            a = a.reshape(shape)
        assert a.ndim in (1, 2) and a.size > 0
        if precisions is None:
            precisions = (PRECISIONS[self._cycle % len(PRECISIONS)],)
            self._cycle += 1
        elif isinstance(precisions, int):
            precisions = (precisions,)
        for p in precisions:
            self.items.append((p, a))


def ratio_rounding_pair(rs):
    """Find (lo, hi) with hi/lo exactly > 1000 but the rounded float64
    quotient hi/lo == 1000.0, so numpy's `max_val/min_val > 1000.` is False."""
    from fractions import Fraction
    while True:
        lo = float(rs.uniform(1.0, 10.0))
        hi = up(lo * 1000.0)
        while Fraction(hi) <= 1000 * Fraction(lo):
            hi = up(hi)
        if hi / lo == 1000.0:
            return lo, hi


def build_cases():
    rs = np.random.RandomState(SEED)
    c = Cases()
    two = (8, 3)   # boundary cases: default precision plus a small one

    # --- 1. the switch to scientific notation (FloatingFormat.fillFormat) --
    # rule: max|v| >= 1e8 (nonzero finite values only)
    for v in ([99999999.0], [down(1e8)], [1e8], [up(1e8)], [-1e8],
              [-down(1e8)], [5e7, down(1e8)], [2e5, 1e8], [2e5, down(1e8)],
              [123456.75, 99999999.5], [-99999999.99], [12345678.9]):
        c.add(v, two)
    # rule: min|v| < 1e-4 (the double nearest 1e-4 is the limit)
    for v in ([1e-4], [down(1e-4)], [up(1e-4)], [-1e-4], [-down(1e-4)],
              [1e-4, 0.05], [down(1e-4), 0.05], [9.9999e-5, 0.01],
              [0.0001, 0.1, 0.0999], [0.00012345678901234567, 0.1]):
        c.add(v, two)
    # rule: max/min > 1000 (the float64 quotient, computed with rounding)
    lo, hi = ratio_rounding_pair(rs)
    for v in ([1.0, 1000.0], [1.0, up(1000.0)], [up(1.0), 1000.0],
              [down(1.0), 1000.0], [0.001, 1.0], [-1.0, 1000.0],
              [-1.0, -up(1000.0)], [1e5, 1e8 - 1], [3.0, 3000.0],
              [lo, hi], [lo, up(hi)], [0.25, 250.0, 7.5],
              [0.0002, 0.2], [0.0002, up(0.2)]):
        c.add(v, two)
    # zeros and non-finite values are left out of those three rules
    for v in ([0.0], [0.0, 0.0], [0.0, 1.0, 1000.0], [0.0, 5e-5],
              [0.0, 1e8], [0.0, -0.0, 0.5], [INF, 1e-3, 1.0],
              [NAN, 1e9], [NAN, 0.0], [-INF, 0.0, 1e-4], [0.0, 1e-300]):
        c.add(v, two)

    # --- 2. every magnitude, 1-, 2- and 3-digit exponents in one array ---
    for v in ([TINY], [-TINY], [2 * TINY], [1e-320], [DBL_MIN], [down(DBL_MIN)],
              [DBL_MAX], [-DBL_MAX], [DBL_MAX, TINY], [DBL_MAX, -TINY, 1.0],
              [1e100, 1e-5], [1e-5, 1.0], [1e-100, 1e-5, 1e5, 1e100],
              [1e308, 1e-308], [1.5e-310, 2.5e-315, 1e-1], [TINY, 1.0],
              [9.999e99, 1.0], [1e99, 1e100], [1e-99, 1e-100],
              [1e16, 1e17], [1e22, 1e23], [2.0 ** 1023, 2.0 ** -1074],
              [2.0 ** -1022, 2.0 ** -1023], [1e-10, 2e-10, 3e-10]):
        c.add(v)
    for e in range(-323, 309, 41):         # every 41st power of ten, alone
        c.add([10.0 ** e if e > -308 else float('1e%d' % e)])

    # --- 3. negative zero, inf, -inf, nan --------------------------------
    negnan = float(np.array(0xfff8000000000000, dtype=np.uint64)
                   .view(np.float64))
    for v in ([-0.0], [-0.0, -0.0], [-0.0, 0.0], [-0.0, 1.0], [1.0, -0.0],
              [-0.0, 1e-5], [-0.0, 1e10], [-0.0, NAN], [-0.0, INF],
              [NAN], [INF], [-INF], [negnan], [NAN, NAN], [NAN, INF],
              [NAN, INF, -INF], [-INF, INF], [INF, INF], [-INF, 1.5],
              [NAN, 1.5], [INF, 0.123456789], [-INF, 0.123456789],
              [NAN, 1e-5], [-INF, 1e-5], [INF, 1e100], [NAN, -1e-300],
              [NAN, 123456.789], [-INF, -123456.789], [NAN, 0.5, -0.5],
              [1.0, NAN, 2.0, INF, 3.0, -INF], [NAN, negnan, 0.25],
              [-1.0, -2.5, -1000.0], [-1e-7, 1e7]):
        c.add(v)
    c.add([[NAN, 1.0], [2.0, -INF]], two)
    c.add([[NAN, INF], [-INF, NAN]], 8)

    # --- 4. rounding at the precision cut --------------------------------
    # exact binary ties (round half to even on the exact value)
    for p, v in ((2, [0.125]), (2, [0.375]), (2, [0.625, 0.875]),
                 (0, [0.5]), (0, [1.5]), (0, [2.5]), (0, [3.5]),
                 (0, [-2.5, -0.5, 0.5, 2.5]), (0, [4.5, 5.5, 6.5]),
                 (1, [0.25, 0.75]), (1, [1.25, 1.35, 1.45]),
                 (2, [2.675, 1.005, 0.045]), (1, [0.05, 0.15, 0.25]),
                 (3, [0.0625, 0.1875, 1.0625]), (0, [0.5, 100.0]),
                 (1, [1.25e10, 2.5e-7]), (0, [1.5e10, 2.5e-7, 3.5e20]),
                 (3, [1.0625e-5, 2.0]), (4, [1.03125, 2.96875])):
        c.add(v, p)
    # rounding that carries into a new digit / a new exponent
    for p, v in ((3, [9.9996, 0.5]), (3, [0.99999]), (0, [-9.5]),
                 (0, [9.5, 0.5]), (3, [999.9996, 1.5]), (1, [99.96, 1.0]),
                 (3, [9.9999e99, 1e-5]), (1, [9.96e-100, 1.0]),
                 (1, [9.96e-10, 1.0]), (0, [9.5e9, 1.0]),
                 (4, [-9.99999e-5, 1.0]), (1, [0.96, 0.04]),
                 (3, [0.0004, 0.2]), (3, [0.00049, 0.3, -0.00049]),
                 (3, [0.0005, 0.3]), (6, [0.0001234567, 0.1]),
                 (8, [down(1e8)]), (10, [down(1e8)]), (17, [down(1e8)])):
        c.add(v, p)
    # short and long shortest reprs, at every precision
    short_long = ([0.1, 0.2, 0.3], [1.0, 2.0, 100.0], [1 / 3, 2 / 3],
                  [0.1 + 0.2], [np.pi, np.e], [1e-3, 0.5, 0.999],
                  [0.1, 1.2345678901234567e-10], [1.0, 1e-5],
                  [123.456, 7.0], [-0.1, 9999.0 / 7.0],
                  [2.0 ** -14, 0.75])
    for i, v in enumerate(short_long):
        c.add(v, PRECISIONS if i < 6 else (2, 17))

    # --- 5. shapes and line wrapping (width 75) ---------------------------
    c.add([1.5])
    c.add([[1.5]], 8)
    c.add([[-2.25e-7]], 8)
    c.add(rs.standard_normal((7, 1)), 8)
    c.add(rs.standard_normal((5, 1)) * 1e6, 3)
    c.add(rs.standard_normal((1, 30)), 4)
    c.add(rs.standard_normal((1, 12)) * 1e-9, 8)
    c.add(np.arange(1.0, 26.0))           # 25 one-digit words: 24 fit a line
    # 1-D arrays of words of one width W.  numpy starts a new line when
    # len(line so far, from '[' up to and including the last separator)
    # + len(word) > 74, i.e. 75 minus room for the closing ']'.
    for W in range(2, 25):
        vals, p = word_width_values(rs, W)
        per_line = 74 // (W + 1)       # words that fit on one 1-D line
        for n in (per_line, per_line + 1, 3 * per_line + 1):
            c.add(np.resize(vals, n), p)
    # 2-D rows that wrap: the limit is 73 there (one less per nesting level);
    # a row line starts with '[[', ' [' or, when continued, '  '
    for W in (2, 3, 5, 7, 8, 11, 17, 23, 4, 6, 14):
        vals, p = word_width_values(rs, W)
        per_line = 72 // (W + 1)       # words that fit on one row line
        for cols in (per_line, per_line + 1, 2 * per_line + 1):
            c.add(np.resize(vals, 3 * cols), p, shape=(3, cols))
    for n in (20, 27, 33, 41, 50, 60):       # plain long 1-D arrays
        c.add(rs.standard_normal(n) * 10.0 ** rs.randint(-3, 4))
        c.add(rs.uniform(-100, 100, n).round(rs.randint(0, 6)))
    c.add([NAN, -INF] + list(rs.standard_normal(40)), 6)
    c.add(np.where(rs.uniform(size=45) < 0.3, INF, rs.standard_normal(45)), 3)
    # 50 x 50 matrices
    c.add(np.eye(50), 8)
    c.add(np.arange(2500.0).reshape(50, 50) / 7.0, 4)
    c.add(1.0 / (np.arange(50.0)[:, None] + np.arange(50.0)[None, :] + 1.0), 8)
    c.add(rs.standard_normal((50, 50)) * 10.0 ** rs.randint(-3, 3, (50, 50)), 3)
    c.add(rs.uniform(-1, 1, (50, 50)).round(2), 8)

    # --- 6. random arrays across all exponents ----------------------------
    with np.errstate(over='ignore', under='ignore'):
        for e in range(-320, 309, 7):
            n = int(rs.randint(1, 36))
            a = rs.standard_normal(n) * 10.0 ** e
            if rs.uniform() < 0.3 and n >= 4:
                a = a[: n - n % 2].reshape(2, -1)
            c.add(a)
        # positional regime: moderate ratios, mixed signs, all precisions
        for i in range(20):
            n = int(rs.randint(1, 30))
            a = rs.uniform(1, 900, n) * rs.choice([-1.0, 1.0], n)
            a *= 10.0 ** rs.randint(-3, 6)
            c.add(a)
        # few-digit values (short reprs) and exact binary fractions
        for i in range(16):
            n = int(rs.randint(1, 30))
            a = rs.randint(-4000, 4000, n) / 2.0 ** rs.randint(0, 12)
            c.add(a)
        # wide dynamic range in one array
        for i in range(16):
            n = int(rs.randint(2, 25))
            a = rs.standard_normal(n) * 10.0 ** rs.uniform(-30, 30, n)
            c.add(a)
    return c.items


def word_width(vals, p):
    """Width of each (equally padded) word when `vals` is printed."""
    n = len(vals)
    total = len(np.array2string(np.asarray(vals), precision=p,
                                max_line_width=10 ** 6,
                                threshold=sys.maxsize))
    return (total - 1) // n - 1      # total = 1 + n*(W+1)


def word_width_values(rs, W):
    """Return (8 values, precision) such that an array made of these values
    prints every element as a word of exactly W characters (2 <= W <= 24)."""
    if W <= 9:
        # positional integers with W-1 digits: '1234.'
        lo = 10 ** (W - 2)
        vals, p = rs.randint(lo, 10 * lo, 8).astype(np.float64), 8
    elif W <= 17:
        # positional '1.ffff' with W-2 decimals (pad_right fills shorter ones)
        f = W - 2
        vals = np.array([float('1.%08d' % k)
                         for k in rs.randint(1, 10 ** 8, 8)])
        vals[0] = float('1.' + '9' * (f - 1) + '7')
        p = 17
    else:
        # scientific '1.2345e+05'; the precision fixes the mantissa digits,
        # a negative value widens pad_left, 1e-150 widens the exponent
        P = min(W - 6, 16)
        vals = rs.uniform(1, 10, 8) * 10.0 ** rs.randint(-20, 20, 8)
        # vals[0] has exactly P digits after the point in its shortest form
        vals[0] = {15: 1 / 3, 16: 0.1 + 0.2}.get(
            P, float('1.' + '2' * (P - 1) + '3e-7'))
        vals[1] = 1e10                         # make sure of exp notation
        if W - 6 - P >= 1:
            vals[2] = -vals[2]
        if W - 6 - P >= 2:
            vals[3] = vals[3] * 1e-150
        p = P
    assert word_width(vals, p) == W, (W, vals, p)
    return vals, p


# ---------------------------------------------------------------------------
# repr(float) cases
# ---------------------------------------------------------------------------

def build_reprs():
    rs = np.random.RandomState(SEED + 1)
    xs = [0.0, -0.0, INF, -INF, NAN, TINY, -TINY, 2 * TINY, 3 * TINY,
          DBL_MIN, down(DBL_MIN), up(DBL_MIN), DBL_MAX, down(DBL_MAX), -DBL_MAX,
          0.1, 0.2, 0.3, 0.1 + 0.2, 1 / 3, 2 / 3, 1.0, -1.0, 0.5, 1.5, 100.0,
          123456789.0, 1e22, 1e23, 9007199254740992.0, 9007199254740993.0,
          np.pi, np.e, 5e-324 * 1000]
    # where repr switches between positional and scientific notation
    for t in (1e16, 1e-4, 1e15, 1e-5, 1e17):
        xs += [t, down(t), up(t), float(down(down(t))), float(up(up(t)))]
    xs += [9999999999999998.0, 999999999999999.9, 1234567890123456.7,
           0.00012345, 0.000099999]
    # powers of ten and their neighbours, across all exponents
    for e in range(-323, 309, 11):
        t = float('1e%d' % e)
        xs += [t, down(t), up(t)]
    # powers of two and their neighbours (below the power the spacing halves)
    for k in list(range(-1074, 1024, 53)) + [-1022, -1, 0, 1, 52, 53, 1023]:
        t = 2.0 ** k
        xs += [t, down(t), up(t)]
    # random bit patterns and random normals
    for i in range(40):
        b = int(rs.randint(0, 2 ** 62)) | (int(rs.randint(0, 2)) << 63)
        x = float(np.array(b, dtype=np.uint64).view(np.float64))
        if np.isfinite(x):
            xs.append(x)
    xs += list(rs.standard_normal(20) * 10.0 ** rs.randint(-20, 20, 20))
    out, seen = [], set()
    for x in xs:
        x = float(x)
        h = hexbits(x)
        if h not in seen:
            seen.add(h)
            out.append(x)
    return out


# ---------------------------------------------------------------------------
# writing and checking
# ---------------------------------------------------------------------------

def write_table(f):
    arrays = build_cases()
    reprs = build_reprs()
    f.write('# numpy float64 printing reference table\n')
    f.write('# made by make_numpy_print_table.py with numpy %s, Python %s\n'
            % (np.__version__, sys.version.split()[0]))
    f.write('# command: /usr/bin/python3 make_numpy_print_table.py'
            ' > numpy_print.txt\n')
    f.write('# seed %d (numpy.random.RandomState); %d arrays, %d reprs\n'
            % (SEED, len(arrays), len(reprs)))
    f.write('# @ PRECISION ROWS COLS NDIM [suppress] / = hex bits (row-major) /'
            ' | np.array2string(a, precision=PRECISION,'
            ' threshold=sys.maxsize) lines\n')
    f.write('# r HEXBITS repr(float)\n')
    # every third array again with suppress=True (notebook 003's setting)
    records = [(p, a, False) for p, a in arrays]
    records += [(p, a, True) for p, a in arrays[::3]]
    for p, a, suppress in records:
        rows, cols = (1, a.shape[0]) if a.ndim == 1 else a.shape
        text = fmt(a, p, suppress)
        assert '...' not in text
        f.write('@ %d %d %d %d%s\n' % (p, rows, cols, a.ndim,
                                       ' suppress' if suppress else ''))
        f.write('= ' + ' '.join(hexbits(x) for x in a.ravel()) + '\n')
        for line in text.split('\n'):
            f.write('| ' + line + '\n')
    for x in reprs:
        f.write('r %s %s\n' % (hexbits(x), repr(x)))


def from_hex(words):
    return np.array([int(w, 16) for w in words], dtype=np.uint64) \
        .view(np.float64)


def check_table(path):
    """Parse the table, rebuild every input from its bits, reprint it, and
    compare.  Returns the number of mismatches."""
    bad = n_arrays = n_reprs = 0
    with open(path) as f:
        lines = f.read().split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith('#'):
            i += 1
        elif line.startswith('r '):
            _, h, text = line.split(' ', 2)
            x = float(from_hex([h])[0])
            if repr(x) != text or hexbits(x) != h:
                bad += 1
                print('repr mismatch:', line)
            n_reprs += 1
            i += 1
        elif line.startswith('@ '):
            words = line.split()[1:]
            suppress = words[4:] == ['suppress']
            p, rows, cols, ndim = map(int, words[:4])
            assert lines[i + 1].startswith('= ')
            a = from_hex(lines[i + 1][2:].split())
            assert a.size == rows * cols and ndim in (1, 2)
            a = a.reshape((cols,) if ndim == 1 else (rows, cols))
            i += 2
            got = []
            while i < len(lines) and lines[i].startswith('| '):
                got.append(lines[i][2:])
                i += 1
            if got != fmt(a, p, suppress).split('\n'):
                bad += 1
                print('array mismatch at record', n_arrays)
            n_arrays += 1
        else:
            raise ValueError('unparsable line %d: %r' % (i + 1, line))
    print('%s: %d arrays, %d reprs, %d mismatches'
          % (path, n_arrays, n_reprs, bad))
    return bad


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == '--check':
        sys.exit(1 if check_table(sys.argv[2]) else 0)
    write_table(sys.stdout)
