/* textio.c — lines, fields and numbers, with file:line: messages. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "textio.h"

void em_errorf(char *err, size_t errlen, const char *path, size_t line,
               const char *fmt, ...)
{
    if (!err || errlen == 0)
        return;
    int used = line ? snprintf(err, errlen, "%s:%zu: ", path, line)
                    : snprintf(err, errlen, "%s: ", path);
    if (used < 0 || (size_t)used >= errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + used, errlen - (size_t)used, fmt, ap);
    va_end(ap);
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

const char *em_next_field(const char **cursor, size_t *len)
{
    const char *p = *cursor;
    while (is_space(*p))
        p++;
    if (*p == '\0')
        return NULL;
    const char *start = p;
    while (*p && *p != ',' && !is_space(*p))
        p++;
    *len = (size_t)(p - start);
    while (is_space(*p))
        p++;
    if (*p == ',')
        p++; /* one comma ends the field; a second one makes an empty field */
    *cursor = p;
    return start;
}

em_status em_parse_number(const char *field, size_t len, double *value)
{
    if (len == 0)
        return EM_EPARSE;
    /* The field ends at a separator (em_next_field's contract), where
     * strtod stops too: it must have read exactly the field. strtod also
     * takes "nan", "inf" and hex floats; the first two are refused below
     * by name, so that the message can say what is wrong. */
    char *end;
    errno = 0;
    double v = strtod(field, &end);
    if (end != field + len)
        return EM_EPARSE;
    if (!isfinite(v))
        return EM_ENONFINITE;
    if (errno == ERANGE && fabs(v) > 1.0)
        return EM_ENONFINITE; /* overflow: 1e999 */
    *value = v;
    return EM_OK;
}

static char *concat(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *s = malloc(la + lb + 1);
    if (s) {
        memcpy(s, a, la);
        memcpy(s + la, b, lb + 1);
    }
    return s;
}

static void out_release(em_outfile *out)
{
    free(out->path);
    free(out->tmp);
    memset(out, 0, sizeof *out);
}

em_status em_out_open(em_outfile *out, const char *path, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    out->path = concat(path, "");
    out->tmp = concat(path, ".tmp");
    if (!out->path || !out->tmp) {
        out_release(out);
        return EM_ENOMEM;
    }
    out->f = fopen(out->tmp, "w");
    if (!out->f) {
        em_errorf(err, errlen, path, 0, "cannot write: %s", strerror(errno));
        out_release(out);
        return EM_EIO;
    }
    return EM_OK;
}

em_status em_out_commit(em_outfile *out, char *err, size_t errlen)
{
    int failed = ferror(out->f);
    if (fclose(out->f) != 0)
        failed = 1;
    out->f = NULL;
    if (!failed && rename(out->tmp, out->path) != 0)
        failed = 1;
    if (failed) {
        em_errorf(err, errlen, out->path, 0, "cannot write: %s", strerror(errno));
        remove(out->tmp);
    }
    out_release(out);
    return failed ? EM_EIO : EM_OK;
}

void em_out_abort(em_outfile *out)
{
    if (out->f) {
        fclose(out->f);
        remove(out->tmp);
    }
    out_release(out);
}
