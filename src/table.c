/* table.c — the one reader of number tables (data and parameter files). */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "table.h"
#include "textio.h"

void em_table_free(em_table *t)
{
    if (t->names)
        for (size_t j = 0; j < t->cols; j++)
            free(t->names[j]);
    free(t->names);
    free(t->v);
    free(t->line);
    for (size_t k = 0; k < t->n_keys; k++) {
        free(t->keys[k].key);
        free(t->keys[k].value);
    }
    free(t->keys);
    memset(t, 0, sizeof *t);
}

/* True if the line holds nothing but white space. */
static int is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n' && *s != '\v' && *s != '\f')
            return 0;
    return 1;
}

/* True if no field of the line reads as a number: then it is a header. */
static int is_header(const char *line)
{
    const char *cur = line, *f;
    size_t len;
    double v;
    while ((f = em_next_field(&cur, &len)))
        if (em_parse_number(f, len, &v) != EM_EPARSE)
            return 0;
    return 1;
}

static size_t count_fields(const char *line)
{
    const char *cur = line;
    size_t len, n = 0;
    while (em_next_field(&cur, &len))
        n++;
    return n;
}

/* The header's fields, with surrounding double quotes removed. */
static em_status header_names(em_table *t, const char *line)
{
    const char *cur = line, *f;
    size_t len;
    t->cols = count_fields(line);
    t->names = calloc(t->cols, sizeof *t->names);
    if (!t->names)
        return EM_ENOMEM;
    for (size_t j = 0; (f = em_next_field(&cur, &len)); j++) {
        if (len >= 2 && f[0] == '"' && f[len - 1] == '"') {
            f++;
            len -= 2;
        }
        t->names[j] = malloc(len + 1);
        if (!t->names[j])
            return EM_ENOMEM;
        memcpy(t->names[j], f, len);
        t->names[j][len] = '\0';
    }
    return EM_OK;
}

/* Parse the fields of one line into row[0..cols-1]; *count gets how many
 * fields there were (even past cols). Reports the first bad field. */
static em_status parse_row(const char *path, size_t lineno, const char *line, double *row,
                           size_t cols, size_t *count, char *err, size_t errlen)
{
    const char *cur = line, *f;
    size_t len, j = 0;
    while ((f = em_next_field(&cur, &len))) {
        double v = 0.0;
        em_status st = em_parse_number(f, len, &v);
        if (st == EM_EPARSE && len == 0)
            em_errorf(err, errlen, path, lineno, "column %zu is empty (two commas in a row?)",
                      j + 1);
        else if (st == EM_EPARSE)
            em_errorf(err, errlen, path, lineno, "column %zu: '%.*s' is not a number", j + 1,
                      (int)len, f);
        else if (st == EM_ENONFINITE)
            em_errorf(err, errlen, path, lineno,
                      "column %zu: '%.*s' is not a finite number (NaN and Inf are not allowed)",
                      j + 1, (int)len, f);
        if (st)
            return st;
        if (j < cols)
            row[j] = v;
        j++;
    }
    *count = j;
    return EM_OK;
}

/* The file in memory, and where each of its lines starts. */
typedef struct {
    char *text;       /* the bytes, each line's end turned into a NUL     */
    size_t *start;    /* line i is text + start[i]; start[n_lines] ends  */
    size_t n_lines;
} lines;

static void lines_free(lines *L)
{
    free(L->text);
    free(L->start);
}

/* The stream to read: standard input for "-", else path, which must be a
 * regular file (a directory, a device such as /dev/zero or a FIFO
 * without a writer would be read wrongly, forever, or wait forever).
 * NULL with the message in err. */
static FILE *open_input(const char *path, const char *name, char *err, size_t errlen)
{
    if (strcmp(path, "-") == 0)
        return stdin;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC); /* a FIFO must not block us */
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0) {
        em_errorf(err, errlen, name, 0, "cannot open: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (!S_ISREG(sb.st_mode)) {
        em_errorf(err, errlen, name, 0, "not a regular file (%s); give a data file, or - for "
                  "standard input", S_ISDIR(sb.st_mode) ? "a folder" : S_ISFIFO(sb.st_mode)
                  ? "a pipe" : "a device or socket");
        close(fd);
        return NULL;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        em_errorf(err, errlen, name, 0, "cannot open: %s", strerror(errno));
        close(fd);
    }
    return f;
}

static em_status read_file(const char *path, const char *name, lines *L, char *err,
                           size_t errlen)
{
    memset(L, 0, sizeof *L);
    FILE *f = open_input(path, name, err, errlen);
    if (!f)
        return EM_EIO;
    size_t cap = 1 << 16, size = 0, got;
    L->text = malloc(cap + 1);
    while (L->text && (got = fread(L->text + size, 1, cap - size, f)) > 0) {
        size += got;
        if (memchr(L->text + size - got, '\0', got))
            break; /* not text (/dev/zero, a binary file): the line is reported below */
        if (size == cap) {
            char *more = realloc(L->text, 2 * cap + 1);
            if (!more) {
                free(L->text);
                L->text = NULL;
            } else {
                L->text = more;
                cap *= 2;
            }
        }
    }
    int bad = ferror(f);
    if (f != stdin)
        fclose(f);
    if (!L->text)
        return em_errorf(err, errlen, name, 0, "out of memory"), EM_ENOMEM;
    if (bad)
        return em_errorf(err, errlen, name, 0, "read error"), EM_EIO;
    L->text[size] = '\n'; /* a last line without its newline ends here */
    size_t n = 0, lcap = 1024, at = 0;
    if (size >= 3 && memcmp(L->text, "\xef\xbb\xbf", 3) == 0)
        at = 3; /* UTF-8's byte-order mark, as Excel writes "CSV UTF-8": not data */
    L->start = malloc((lcap + 1) * sizeof *L->start);
    while (L->start && at < size) {
        const char *nl = memchr(L->text + at, '\n', size + 1 - at);
        if (n == lcap) {
            size_t *more = realloc(L->start, (2 * lcap + 1) * sizeof *more);
            if (!more)
                break;
            L->start = more;
            lcap *= 2;
        }
        L->start[n++] = at;
        at = (size_t)(nl - L->text) + 1;
    }
    if (!L->start || (n == lcap && n < size))
        return em_errorf(err, errlen, name, 0, "out of memory"), EM_ENOMEM;
    L->start[n] = at; /* just past the last line's newline (real or added) */
    L->n_lines = n;
    return EM_OK;
}

/* The comment lines "# KEY: VALUE" (KEY letters, digits, '_' or '-';
 * spaces allowed around each part), read from the same bytes as the rows,
 * before they are cut at their comments. Returns EM_ENOMEM or EM_OK. */
static em_status collect_keys(const lines *L, em_table *t)
{
    for (size_t i = 0; i < L->n_lines; i++) {
        const char *s = L->text + L->start[i], *end = s + (L->start[i + 1] - L->start[i] - 1);
        while (s < end && (*s == ' ' || *s == '\t'))
            s++;
        if (s == end || *s++ != '#')
            continue;
        while (s < end && (*s == ' ' || *s == '\t'))
            s++;
        const char *key = s;
        while (s < end && (isalnum((unsigned char)*s) || *s == '_' || *s == '-'))
            s++;
        const char *key_end = s;
        while (s < end && (*s == ' ' || *s == '\t'))
            s++;
        if (key_end == key || s == end || *s != ':')
            continue;
        const char *value = s + 1, *value_end = end;
        while (value < value_end && (*value == ' ' || *value == '\t'))
            value++;
        while (value_end > value && strchr(" \t\r", value_end[-1]))
            value_end--;
        em_table_key *grown = realloc(t->keys, (t->n_keys + 1) * sizeof *grown);
        if (!grown)
            return EM_ENOMEM;
        t->keys = grown;
        em_table_key *k = &t->keys[t->n_keys];
        k->key = strndup(key, (size_t)(key_end - key));
        k->value = strndup(value, (size_t)(value_end - value));
        k->line = i + 1;
        t->n_keys++;
        if (!k->key || !k->value)
            return EM_ENOMEM;
    }
    return EM_OK;
}

/* Line i as a string without its comment, or NULL when nothing is left
 * of it; *nul set when the line holds a NUL byte (not a text file). */
static char *content(lines *L, size_t i, int *nul)
{
    char *line = L->text + L->start[i];
    size_t len = L->start[i + 1] - L->start[i] - 1; /* without the '\n' */
    *nul = memchr(line, '\0', len) != NULL;
    line[len] = '\0';
    char *hash = strchr(line, '#');
    if (hash)
        *hash = '\0';
    return is_blank(line) ? NULL : line;
}

/* What a stretch of lines became: rows, or the first error among them. */
typedef struct {
    double *v;
    size_t *line;
    size_t rows, cap;
    em_status st;
    size_t err_line;
    char err[512];
} part;

static int part_grow(part *p, size_t cols, int keep_lines)
{
    if (p->rows < p->cap)
        return 1;
    size_t c = p->cap ? 2 * p->cap : 256;
    double *v = realloc(p->v, c * cols * sizeof *v);
    if (v)
        p->v = v;
    size_t *ln = keep_lines && v ? realloc(p->line, c * sizeof *ln) : p->line;
    if (ln)
        p->line = ln;
    if (!v || (keep_lines && !ln))
        return 0;
    p->cap = c;
    return 1;
}

/* Parse lines [from, to) into p; stops at the first bad line. */
static void parse_part(lines *L, size_t from, size_t to, const char *path, size_t cols,
                       size_t first, int keep_lines, part *p)
{
    for (size_t i = from; i < to && p->st == EM_OK; i++) {
        int nul;
        char *line = content(L, i, &nul);
        size_t count = 0;
        if (nul) {
            em_errorf(p->err, sizeof p->err, path, i + 1,
                      "contains a NUL byte: is this a text file?");
            p->st = EM_EIO;
        } else if (!line) {
            continue;
        } else if (!part_grow(p, cols, keep_lines)) {
            em_errorf(p->err, sizeof p->err, path, i + 1, "out of memory");
            p->st = EM_ENOMEM;
        } else {
            p->st = parse_row(path, i + 1, line, p->v + p->rows * cols, cols, &count, p->err,
                              sizeof p->err);
            if (p->st == EM_OK && count != cols) {
                em_errorf(p->err, sizeof p->err, path, i + 1,
                          "%zu column%s, expected %zu (as on line %zu)", count,
                          count == 1 ? "" : "s", cols, first);
                p->st = EM_EPARSE;
            }
        }
        if (p->st) {
            p->err_line = i + 1;
        } else {
            if (keep_lines)
                p->line[p->rows] = i + 1;
            p->rows++;
        }
    }
}

/* One line of the prologue: the header, or the first data line (its index
 * in *first), or nothing (a comment, a blank line). */
static em_status prologue_line(const char *line, int nul, size_t i, const char *path,
                               unsigned flags, em_table *t, size_t *first, char *err,
                               size_t errlen)
{
    *first = (size_t)-1;
    if (nul)
        return em_errorf(err, errlen, path, i + 1,
                         "contains a NUL byte: is this a text file?"), EM_EIO;
    if (!line)
        return EM_OK;
    if ((flags & EM_TABLE_HEADER) && !t->names && is_header(line))
        return header_names(t, line);
    size_t n = count_fields(line);
    if (t->names && n != t->cols)
        return em_errorf(err, errlen, path, i + 1, "%zu columns, but the header names %zu", n,
                         t->cols), EM_EPARSE;
    t->cols = n;
    *first = i;
    return EM_OK;
}

/* Line i's content, like content() but on a copy (the line itself is left
 * for parse_part): NULL when empty, *copy to free. */
static char *peek(const lines *L, size_t i, int *nul, char **copy)
{
    size_t len = L->start[i + 1] - L->start[i] - 1;
    *copy = malloc(len + 1);
    if (!*copy)
        return NULL;
    memcpy(*copy, L->text + L->start[i], len);
    (*copy)[len] = '\0';
    *nul = memchr(*copy, '\0', len) != NULL;
    char *hash = strchr(*copy, '#');
    if (hash)
        *hash = '\0';
    return is_blank(*copy) ? NULL : *copy;
}

/* The header, if allowed and there, and the first data line's columns:
 * returns the index of the first data line (n_lines if none). */
static em_status prologue(lines *L, const char *path, unsigned flags, em_table *t,
                          size_t *first, char *err, size_t errlen)
{
    em_status st = EM_OK;
    for (size_t i = 0; i < L->n_lines && st == EM_OK; i++) {
        int nul = 0;
        char *copy, *line = peek(L, i, &nul, &copy);
        st = copy ? prologue_line(line, nul, i, path, flags, t, first, err, errlen) : EM_ENOMEM;
        free(copy);
        if (st == EM_OK && *first == i)
            return EM_OK;
    }
    if (st == EM_OK)
        *first = L->n_lines;
    return st;
}


enum { PARTS = 64 }; /* stretches of lines, parsed on all cores */

/* Gather the parts in order, or report the first error in file order. */
static em_status gather(part *parts, size_t n_parts, em_table *t, int keep_lines, char *err,
                        size_t errlen)
{
    size_t rows = 0;
    for (size_t p = 0; p < n_parts; p++) {
        if (parts[p].st) {
            snprintf(err, errlen, "%s", parts[p].err);
            return parts[p].st;
        }
        rows += parts[p].rows;
    }
    t->v = malloc((rows ? rows : 1) * t->cols * sizeof *t->v);
    t->line = keep_lines ? malloc((rows ? rows : 1) * sizeof *t->line) : NULL;
    if (!t->v || (keep_lines && !t->line))
        return EM_ENOMEM;
    for (size_t p = 0; p < n_parts; p++) {
        if (parts[p].rows == 0)
            continue; /* (and its arrays are NULL) */
        memcpy(t->v + t->rows * t->cols, parts[p].v, parts[p].rows * t->cols * sizeof *t->v);
        if (keep_lines)
            memcpy(t->line + t->rows, parts[p].line, parts[p].rows * sizeof *t->line);
        t->rows += parts[p].rows;
    }
    return EM_OK;
}

em_status em_table_read(const char *path, unsigned flags, em_table *t, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    lines L;
    size_t first = 0;
    const char *name = strcmp(path, "-") == 0 ? "standard input" : path; /* in messages */
    em_status st = read_file(path, name, &L, err, errlen);
    path = name;
    if (st == EM_OK && (flags & EM_TABLE_KEYS))
        st = collect_keys(&L, t);
    if (st == EM_OK)
        st = prologue(&L, path, flags, t, &first, err, errlen);
    if (st == EM_OK && first < L.n_lines) {
        part parts[PARTS];
        memset(parts, 0, sizeof parts);
        size_t span = (L.n_lines - first + PARTS - 1) / PARTS;
        int keep = (flags & EM_TABLE_LINES) != 0;
#pragma omp parallel for schedule(dynamic, 1)
        for (size_t p = 0; p < PARTS; p++) {
            size_t from = first + p * span, to = from + span;
            if (from < L.n_lines)
                parse_part(&L, from, to < L.n_lines ? to : L.n_lines, path, t->cols, first + 1,
                           keep, &parts[p]);
        }
        st = gather(parts, PARTS, t, keep, err, errlen);
        for (size_t p = 0; p < PARTS; p++) {
            free(parts[p].v);
            free(parts[p].line);
        }
    }
    if (st == EM_ENOMEM)
        em_errorf(err, errlen, path, 0, "out of memory");
    lines_free(&L);
    if (st)
        em_table_free(t);
    return st;
}
