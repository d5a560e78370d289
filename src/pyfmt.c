/* pyfmt.c — Python's repr and numpy's array printing, in C. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pyfmt.h"

/* The fewest significant digits (1..17) that read back as v. */
static int shortest_digits(double v)
{
    char tmp[40];
    for (int p = 1; p < 17; p++) {
        snprintf(tmp, sizeof tmp, "%.*e", p - 1, v);
        if (strtod(tmp, NULL) == v)
            return p;
    }
    return 17;
}

char *em_repr(double v, char *buf, size_t size)
{
    if (isnan(v))
        return snprintf(buf, size, "nan"), buf;
    if (isinf(v))
        return snprintf(buf, size, v < 0 ? "-inf" : "inf"), buf;
    int p = shortest_digits(v);
    char sci[40];
    snprintf(sci, sizeof sci, "%.*e", p - 1, v);
    int exp10 = atoi(strchr(sci, 'e') + 1);
    if (exp10 < -4 || exp10 >= 16) {
        /* Python: mantissa digits, then e-05 / e+16 (at least two digits) */
        char mant[40];
        snprintf(mant, sizeof mant, "%.*s", (int)(strchr(sci, 'e') - sci), sci);
        snprintf(buf, size, "%se%c%02d", mant, exp10 < 0 ? '-' : '+', abs(exp10));
        return buf;
    }
    int decimals = p - 1 - exp10; /* digits after the point */
    if (decimals < 1)
        snprintf(buf, size, "%.0f.0", v); /* 123.0: repr keeps one decimal */
    else
        snprintf(buf, size, "%.*f", decimals, v);
    return buf;
}

/* One entry, numpy 'maxprec' style, trailing zeros trimmed, the point kept:
 * the shortest repr if it needs at most `precision` decimals, else the
 * value rounded to `precision` decimals. */
static void entry(double v, int precision, char *out, size_t size)
{
    int p = shortest_digits(v);
    char sci[40];
    snprintf(sci, sizeof sci, "%.*e", p - 1, v);
    int exp10 = atoi(strchr(sci, 'e') + 1);
    int decimals = p - 1 - exp10;
    if (decimals > precision)
        decimals = precision;
    if (decimals < 0)
        decimals = 0;
    snprintf(out, size, "%.*f", decimals, v);
    char *dot = strchr(out, '.');
    if (!dot) {
        strcat(out, ".");
        return;
    }
    char *end = out + strlen(out) - 1;
    while (end > dot && *end == '0')
        *end-- = '\0';
}

/* Format all entries, and the widths left and right of the point. */
static char (*entries(const double *v, size_t n, int precision, size_t *left, size_t *right))[40]
{
    char (*e)[40] = malloc((n ? n : 1) * sizeof *e);
    *left = *right = 0;
    for (size_t i = 0; e && i < n; i++) {
        entry(v[i], precision, e[i], sizeof e[i]);
        size_t l = (size_t)(strchr(e[i], '.') - e[i]), r = strlen(e[i]) - l - 1;
        if (l > *left)
            *left = l;
        if (r > *right)
            *right = r;
    }
    return e;
}

/* Append entry s padded to left + 1 + right characters. */
static size_t put_entry(char *buf, size_t size, size_t used, const char *s, size_t left,
                        size_t right)
{
    size_t l = (size_t)(strchr(s, '.') - s);
    size_t r = strlen(s + l) - 1; /* decimals of this entry */
    int w = snprintf(buf + used, used < size ? size - used : 0, "%*s%s%*s", (int)(left - l), "",
                     s, (int)(right - r), "");
    return used + (w > 0 ? (size_t)w : 0);
}

static char *matrix(const double *v, size_t n, size_t m, int nested, int precision, char *buf,
                    size_t size)
{
    size_t left, right, used = 0;
    char (*e)[40] = entries(v, n * m, precision, &left, &right);
    if (!e || size == 0)
        return free(e), (size ? (buf[0] = '\0', buf) : buf);
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const char *open = !nested ? "[" : i == 0 ? "[[" : " [";
        used += (size_t)snprintf(buf + used, used < size ? size - used : 0, "%s", open);
        for (size_t j = 0; j < m; j++) {
            if (j)
                used += (size_t)snprintf(buf + used, used < size ? size - used : 0, " ");
            used = put_entry(buf, size, used, e[i * m + j], left, right);
        }
        const char *close = !nested ? "]" : i + 1 == n ? "]]" : "]\n";
        used += (size_t)snprintf(buf + used, used < size ? size - used : 0, "%s", close);
    }
    free(e);
    return buf;
}

char *em_numpy_array(const double *v, size_t n, int precision, char *buf, size_t size)
{
    return matrix(v, 1, n, 0, precision, buf, size);
}

char *em_numpy_matrix(const double *v, size_t n, size_t m, int precision, char *buf,
                      size_t size)
{
    return matrix(v, n, m, 1, precision, buf, size);
}
