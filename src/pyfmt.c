/* pyfmt.c — Python's repr and numpy's array printing, in C.
 *
 * Both start from the shortest decimal that identifies a double (Python's
 * repr, numpy's Dragon4 in "unique" mode). numpy then caps the digits at
 * `precision` (rounding the exact binary value, ties to even, as printf
 * does), lays every entry out in one notation and width, and wraps lines
 * at 75 characters (numpy/core/arrayprint.py: FloatingFormat,
 * _formatArray, _extendLine).
 */
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "pyfmt.h"

enum { LINE_WIDTH = 75 }; /* numpy's default linewidth */

/* A decimal d_0.d_1 d_2 ... d_{n-1} x 10^e, digits as characters. */
typedef struct {
    char dig[24];
    int n, e;
} decimal;

/* |v| correctly rounded to sig (1..17) significant digits. */
static void round_sig(double v, int sig, decimal *d)
{
    char s[40];
    snprintf(s, sizeof s, "%.*e", sig - 1, fabs(v));
    d->n = 0;
    const char *p = s;
    for (; *p != 'e'; p++)
        if (*p != '.')
            d->dig[d->n++] = *p;
    d->e = atoi(p + 1);
}

static double decimal_value(const decimal *d, int neg)
{
    char s[48];
    snprintf(s, sizeof s, "%s%.*se%d", neg ? "-" : "", d->n, d->dig, d->e - d->n + 1);
    return strtod(s, NULL);
}

/* The last digit up by one, carrying: 9.99 -> 1.00 x 10^(e+1). */
static void increment(decimal *d)
{
    int i = d->n - 1;
    while (i >= 0 && d->dig[i] == '9')
        d->dig[i--] = '0';
    if (i >= 0) {
        d->dig[i]++;
        return;
    }
    d->dig[0] = '1';
    d->e++;
}

/* The shortest decimal that reads back as v (v finite). Of the decimals
 * with the fewest digits, the one nearest v: the correctly rounded one,
 * or, just above a power of two, where the doubles below are twice as
 * dense as above, the one a step up. */
static void shortest(double v, decimal *d)
{
    if (v == 0.0) {
        d->dig[0] = '0';
        d->n = 1;
        d->e = 0;
        return;
    }
    for (int sig = 1; sig < 17; sig++) {
        round_sig(v, sig, d);
        double back = decimal_value(d, v < 0);
        if (back == v)
            return;
        if (fabs(back) < fabs(v)) {
            decimal up = *d;
            increment(&up);
            if (decimal_value(&up, v < 0) == v) {
                *d = up;
                return;
            }
        }
    }
    round_sig(v, 17, d);
}

/* Trailing zeros dropped, one digit kept. */
static void trim_zeros(decimal *d)
{
    while (d->n > 1 && d->dig[d->n - 1] == '0')
        d->n--;
}

/* n zeros at s (n >= 0); returns the end. */
static char *zeros(char *s, int n)
{
    for (; n > 0; n--)
        *s++ = '0';
    return s;
}

/* d in positional notation, at s: "-12.34", "0.0012", "1200." (the point
 * always there, `frac` digits after it, zero-padded); returns the end. */
static char *positional(char *s, const decimal *d, int neg, int frac)
{
    if (neg)
        *s++ = '-';
    if (d->e < 0) {
        *s++ = '0';
    } else {
        int whole = d->e + 1 < d->n ? d->e + 1 : d->n;
        memcpy(s, d->dig, (size_t)whole);
        s = zeros(s + whole, d->e + 1 - whole);
    }
    *s++ = '.';
    for (int i = 0; i < frac; i++) {
        int at = d->e + 1 + i; /* the digit worth 10^-(i+1) */
        *s++ = at >= 0 && at < d->n ? d->dig[at] : '0';
    }
    *s = '\0';
    return s;
}

char *em_repr(double v, char *buf, size_t size)
{
    char s[EM_REPR_SIZE];
    decimal d;
    if (isnan(v) || isinf(v)) {
        snprintf(buf, size, "%s", isnan(v) ? "nan" : v < 0 ? "-inf" : "inf");
        return buf;
    }
    shortest(v, &d);
    if (d.e < -4 || d.e >= 16) /* Python: 1.5e-05, 1e+16 */
        snprintf(s, sizeof s, "%s%c%s%.*se%c%02d", signbit(v) ? "-" : "", d.dig[0],
                 d.n > 1 ? "." : "", d.n - 1, d.dig + 1, d.e < 0 ? '-' : '+', abs(d.e));
    else /* 0.00123, 12.34, 1200.0: at least one decimal */
        positional(s, &d, signbit(v) != 0, d.n - d.e - 1 > 1 ? d.n - d.e - 1 : 1);
    snprintf(buf, size, "%s", s);
    return buf;
}

/* --- arrays ------------------------------------------------------------ */

/* A growing string; `failed` once an allocation failed. */
typedef struct {
    char *s;
    size_t len, cap;
    int failed;
} text;

static void put(text *t, const char *s, size_t n)
{
    if (t->failed)
        return;
    if (t->len + n + 1 > t->cap) {
        size_t cap = 2 * t->cap + n + 64;
        char *p = realloc(t->s, cap);
        if (!p) {
            t->failed = 1;
            return;
        }
        t->s = p;
        t->cap = cap;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static void put_spaces(text *t, size_t n)
{
    for (; n > 0; n--)
        put(t, " ", 1);
}

/* How every entry of one array is laid out (numpy's FloatingFormat). */
typedef struct {
    int sci;          /* scientific notation for all                      */
    size_t pad_left;  /* characters before the point: sign and digits     */
    size_t pad_right; /* after it: decimals (positional), or all of
                       * "fff" "e+xx" (scientific)                        */
    size_t frac;      /* scientific: mantissa decimals, zero-padded        */
    size_t exp_size;  /* scientific: exponent digits, zero-padded (>= 2)   */
} layout;

/* Scientific notation when the nonzero magnitudes span too much. */
static int wants_sci(const double *v, size_t n, int suppress)
{
    double lo = INFINITY, hi = 0.0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i]) && v[i] != 0.0) {
            lo = fmin(lo, fabs(v[i]));
            hi = fmax(hi, fabs(v[i]));
        }
    if (hi == 0.0)
        return 0;
    return hi >= 1e8 || (!suppress && (lo < 1e-4 || hi / lo > 1e3));
}

/* The first pass: v (finite) with the fewest digits that identify it, at
 * most `precision` decimals (of the mantissa, in scientific notation),
 * trailing zeros dropped, the point kept: "-1.5", "2.", "1.5e-05",
 * "1.e+100". s has room for precision + 40 characters. */
static void entry(double v, int sci, int precision, char *s, size_t size)
{
    decimal d;
    shortest(v, &d);
    if (sci) {
        if (d.n - 1 > precision) {
            round_sig(v, precision + 1, &d);
            trim_zeros(&d);
        }
        snprintf(s, size, "%s%c.%.*se%c%02d", signbit(v) ? "-" : "", d.dig[0], d.n - 1,
                 d.dig + 1, d.e < 0 ? '-' : '+', abs(d.e));
        return;
    }
    int frac = d.n - d.e - 1; /* decimals the shortest form needs */
    if (frac <= precision) {
        positional(s, &d, signbit(v) != 0, frac > 0 ? frac : 0);
        return;
    }
    /* rounded to `precision` decimals; '#' keeps the point of "2." */
    snprintf(s, size, "%#.*f", precision, v);
    size_t len = strlen(s);
    while (s[len - 1] == '0')
        s[--len] = '\0';
}

/* Characters before the point, after it, and in the exponent. */
static void parts(const char *s, size_t *left, size_t *frac, size_t *exp_digits)
{
    const char *dot = strchr(s, '.'), *e = strchr(s, 'e');
    *left = (size_t)(dot - s);
    *frac = e ? (size_t)(e - dot - 1) : strlen(dot + 1);
    *exp_digits = e ? strlen(e + 2) : 0;
}

static size_t max_size(size_t a, size_t b)
{
    return a > b ? a : b;
}

/* fillFormat: the widths over all finite entries, then room for nan and
 * inf right-aligned in the same width. */
static layout fill_layout(const double *v, size_t n, const char *slots, size_t slot,
                          int sci)
{
    layout L = {.sci = sci};
    int any_finite = 0, neg_inf = 0, nonfinite = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(v[i])) {
            nonfinite = 1;
            neg_inf |= isinf(v[i]) && v[i] < 0;
            continue;
        }
        size_t left, frac, exp_digits;
        parts(slots + i * slot, &left, &frac, &exp_digits);
        L.pad_left = max_size(L.pad_left, left);
        L.frac = max_size(L.frac, frac);
        L.exp_size = max_size(L.exp_size, exp_digits);
        any_finite = 1;
    }
    L.pad_right = !any_finite ? 0 : sci ? L.exp_size + 2 + L.frac : L.frac;
    if (!any_finite)
        L.pad_left = 0;
    if (nonfinite) {
        size_t offset = L.pad_right + 1; /* "nan" and "inf" fill left of it */
        size_t need = (neg_inf ? 4 : 3) > offset ? (neg_inf ? 4 : 3) - offset : 0;
        L.pad_left = max_size(L.pad_left, need);
    }
    return L;
}

/* The second pass: entry v (first pass s) in the common layout, into t.
 * A scientific mantissa with fewer decimals than the others gets more of
 * v's own digits, not zeros: numpy asks Dragon4 for min_digits, so 5e-324
 * beside 1.5 prints as 4.9e-324 (its exact value is 4.94...e-324). */
static void put_entry(text *t, double v, const char *s, const layout *L)
{
    size_t width = L->pad_left + 1 + L->pad_right;
    if (!isfinite(v)) {
        const char *w = isnan(v) ? "nan" : v < 0 ? "-inf" : "inf";
        put_spaces(t, width > strlen(w) ? width - strlen(w) : 0);
        put(t, w, strlen(w));
        return;
    }
    size_t left, frac, exp_digits;
    parts(s, &left, &frac, &exp_digits);
    put_spaces(t, L->pad_left - left);
    if (!L->sci) {
        put(t, s, strlen(s));
        put_spaces(t, L->pad_right - frac);
        return;
    }
    decimal d;
    shortest(v, &d);
    if ((size_t)d.n - 1 != L->frac)
        round_sig(v, (int)L->frac + 1, &d);
    char e[8];
    int digits = snprintf(e, sizeof e, "%d", abs(d.e));
    if (signbit(v))
        put(t, "-", 1);
    put(t, d.dig, 1);
    put(t, ".", 1);
    put(t, d.dig + 1, (size_t)d.n - 1);
    put(t, d.e < 0 ? "e-" : "e+", 2);
    for (size_t z = (size_t)digits; z < L->exp_size; z++)
        put(t, "0", 1);
    put(t, e, (size_t)digits);
}

/* One row of entries, as numpy's _formatArray lays out its last axis:
 * "[a b c" ... wrapping before an entry that would pass `width`
 * (counting the hanging indent of `hang` spaces on every line), the
 * continuation lines starting with that indent. */
static void put_row(text *t, const double *v, size_t n, const char *slots, size_t slot,
                    const layout *L, size_t hang, size_t width)
{
    size_t word = L->pad_left + 1 + L->pad_right, line = hang;
    put(t, "[", 1);
    for (size_t i = 0; i < n; i++) {
        if (line > hang && line + word > width) {
            while (t->len > 0 && t->s[t->len - 1] == ' ')
                t->s[--t->len] = '\0';
            put(t, "\n", 1);
            put_spaces(t, hang);
            line = hang;
        }
        put_entry(t, v[i], slots + i * slot, L);
        line += word;
        if (i + 1 < n) {
            put(t, " ", 1);
            line++;
        }
    }
    put(t, "]", 1);
}

char *em_numpy_format(const double *v, size_t rows, size_t cols, int matrix, em_printopts opts,
                      size_t indent)
{
    size_t n = matrix ? rows * cols : cols;
    int precision = opts.precision < 0 ? 0 : opts.precision;
    size_t slot = (size_t)precision + 40;
    text t = {0};
    if (n == 0) {
        put(&t, "[]", 2);
        return t.s;
    }
    char *slots = n <= SIZE_MAX / slot ? malloc(n * slot) : NULL;
    if (!slots)
        return NULL;
    int sci = wants_sci(v, n, opts.suppress);
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i]))
            entry(v[i], sci, precision, slots + i * slot, slot);
    layout L = fill_layout(v, n, slots, slot, sci);
    if (!matrix) {
        put_row(&t, v, n, slots, slot, &L, indent + 1, LINE_WIDTH - 1);
    } else {
        put(&t, "[", 1);
        for (size_t r = 0; r < rows; r++) {
            if (r > 0) {
                put(&t, "\n", 1);
                put_spaces(&t, indent + 1);
            }
            put_row(&t, v + r * cols, cols, slots + r * cols * slot, slot, &L, indent + 2,
                    LINE_WIDTH - 2);
        }
        put(&t, "]", 1);
    }
    free(slots);
    if (t.failed) {
        free(t.s);
        return NULL;
    }
    return t.s;
}

/* The length of the label's last line: numpy's prefix. */
static size_t last_line_length(const char *label)
{
    const char *nl = strrchr(label, '\n');
    return strlen(nl ? nl + 1 : label);
}

static em_status print_numpy(FILE *out, const char *label, const double *v, size_t rows,
                             size_t cols, int matrix, em_printopts opts)
{
    char *s = em_numpy_format(v, rows, cols, matrix, opts, last_line_length(label));
    if (!s)
        return EM_ENOMEM;
    int bad = fprintf(out, "%s%s\n", label, s) < 0;
    free(s);
    return bad || ferror(out) ? EM_EIO : EM_OK;
}

em_status em_print_array(FILE *out, const char *label, const double *v, size_t n,
                         em_printopts opts)
{
    return print_numpy(out, label, v, 1, n, 0, opts);
}

em_status em_print_matrix(FILE *out, const char *label, const double *v, size_t rows,
                          size_t cols, em_printopts opts)
{
    return print_numpy(out, label, v, rows, cols, 1, opts);
}
