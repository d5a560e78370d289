/* workbook.c — the student's copy of the chapters, with blanks.
 *
 *   workbook make SRC OUT [--fill FILE]...   write OUT/chapters/ and OUT/.pristine/
 *   workbook reset OUT NAME [--yes]          restore blank NAME from the pristine copy
 *   workbook list SRC                        the blanks, in course order
 *
 * In the instructor's source (the chapters) a solution is marked in place:
 *
 *     /\* BEGIN SOLUTION e_step *\/
 *     ... the reference code ...
 *     /\* END SOLUTION *\/
 *
 * In the workbook each such region becomes, with its indentation kept,
 *
 *     /\* BLANK e_step: ... *\/
 *     em_blank("e_step");
 *     /\* END BLANK e_step *\/
 *
 * so the workbook compiles and runs, and the checks recognise an unfilled
 * blank by em_blank's exit code. `--fill FILE` puts FILE's code in a blank
 * instead (FILE's first line names it: `// blank: e_step`), which is how the
 * lecturer's tests plant classic mistakes. Nested, unclosed, stray or
 * duplicate markers are refused with file:line, and nothing is written.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "textio.h"

enum { MAX_FILES = 64, MAX_BLANKS = 64, MAX_FILLS = 16 };

/* A text file as an array of lines (each without its newline). */
typedef struct {
    char *path;
    char **line;
    size_t n;
} text;

typedef struct {
    char name[64];
    char *code; /* what goes in the blank instead of em_blank() */
} fill;

static void text_free(text *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->line[i]);
    free(t->line);
    free(t->path);
    memset(t, 0, sizeof *t);
}

static int text_read(const char *path, text *t)
{
    memset(t, 0, sizeof *t);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "workbook: %s: cannot open: %s\n", path, strerror(errno));
        return -1;
    }
    t->path = strdup(path);
    char *buf = NULL;
    size_t cap = 0, alloc = 0;
    ssize_t got;
    while ((got = getline(&buf, &cap, f)) >= 0) {
        if (got > 0 && buf[got - 1] == '\n')
            buf[got - 1] = '\0';
        if (t->n == alloc) {
            alloc = alloc ? 2 * alloc : 256;
            t->line = realloc(t->line, alloc * sizeof *t->line);
        }
        t->line[t->n++] = strdup(buf);
    }
    free(buf);
    fclose(f);
    return 0;
}

/* The name in a whole-line marker (PREFIX, the NAME, then the comment's
 * end), or NULL. Writes the line's indentation length into *indent. */
static const char *marker(const char *line, const char *prefix, char *name, size_t size,
                          size_t *indent)
{
    size_t ind = strspn(line, " \t"), plen = strlen(prefix);
    if (strncmp(line + ind, prefix, plen) != 0)
        return NULL;
    const char *p = line + ind + plen;
    size_t n = 0;
    while (*p == ' ')
        p++;
    while ((isalnum((unsigned char)*p) || *p == '_') && n + 1 < size)
        name[n++] = *p++;
    name[n] = '\0';
    while (*p == ' ')
        p++;
    if (strcmp(p, "*/") != 0)
        return NULL;
    *indent = ind;
    return name;
}

/* A line that mentions a marker word but is not a well-formed marker. */
static int stray_marker(const char *line)
{
    return strstr(line, "BEGIN SOLUTION") || strstr(line, "END SOLUTION");
}

typedef struct {
    char names[MAX_BLANKS][64];
    size_t n;
} blank_list;

/* Check the markers of one file and collect its blank names. */
static int scan(const text *t, blank_list *bl)
{
    char name[64], end[64];
    size_t indent, open_line = 0;
    int inside = 0;
    for (size_t i = 0; i < t->n; i++) {
        const char *l = t->line[i];
        if (marker(l, "/* BEGIN SOLUTION", name, sizeof name, &indent)) {
            if (inside) {
                fprintf(stderr, "%s:%zu: BEGIN SOLUTION %s inside the blank opened on line %zu: "
                        "blanks cannot nest\n", t->path, i + 1, name, open_line);
                return -1;
            }
            if (name[0] == '\0') {
                fprintf(stderr, "%s:%zu: BEGIN SOLUTION needs a name\n", t->path, i + 1);
                return -1;
            }
            for (size_t b = 0; b < bl->n; b++)
                if (strcmp(bl->names[b], name) == 0) {
                    fprintf(stderr, "%s:%zu: a blank named %s exists already\n", t->path,
                            i + 1, name);
                    return -1;
                }
            if (bl->n == MAX_BLANKS) {
                fprintf(stderr, "%s:%zu: too many blanks\n", t->path, i + 1);
                return -1;
            }
            snprintf(bl->names[bl->n++], sizeof bl->names[0], "%s", name);
            inside = 1;
            open_line = i + 1;
        } else if (marker(l, "/* END SOLUTION", end, sizeof end, &indent)) {
            if (!inside) {
                fprintf(stderr, "%s:%zu: END SOLUTION without a BEGIN SOLUTION\n", t->path,
                        i + 1);
                return -1;
            }
            inside = 0;
        } else if (stray_marker(l)) {
            fprintf(stderr, "%s:%zu: a marker must stand alone on its line, as "
                    "/* BEGIN SOLUTION name */ or /* END SOLUTION */\n", t->path, i + 1);
            return -1;
        }
    }
    if (inside) {
        fprintf(stderr, "%s:%zu: BEGIN SOLUTION %s is never closed\n", t->path, open_line,
                bl->names[bl->n - 1]);
        return -1;
    }
    return 0;
}

static const fill *find_fill(const fill *fills, size_t n_fills, const char *name)
{
    for (size_t f = 0; f < n_fills; f++)
        if (strcmp(fills[f].name, name) == 0)
            return &fills[f];
    return NULL;
}

/* Write `code` with every line indented by `indent` spaces. */
static void put_indented(FILE *out, const char *code, size_t indent)
{
    const char *p = code;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        fprintf(out, "%*s%.*s\n", len ? (int)indent : 0, "", (int)len, p);
        p += len + (nl ? 1 : 0);
    }
}

/* The workbook version of one (already scanned) file. */
static void emit(const text *t, FILE *out, const fill *fills, size_t n_fills)
{
    char name[64];
    size_t indent;
    for (size_t i = 0; i < t->n; i++) {
        if (!marker(t->line[i], "/* BEGIN SOLUTION", name, sizeof name, &indent)) {
            fprintf(out, "%s\n", t->line[i]);
            continue;
        }
        fprintf(out, "%*s/* BLANK %s: your code goes here (the comments above say what it\n"
                     "%*s * computes). Check it: make check-exercise B=%s\n"
                     "%*s * Stuck? make hint B=%s */\n",
                (int)indent, "", name, (int)indent, "", name, (int)indent, "", name);
        const fill *f = find_fill(fills, n_fills, name);
        if (f)
            put_indented(out, f->code, indent);
        else
            fprintf(out, "%*sem_blank(\"%s\");\n", (int)indent, "", name);
        fprintf(out, "%*s/* END BLANK %s */\n", (int)indent, "", name);
        while (i < t->n && !marker(t->line[i], "/* END SOLUTION", name, sizeof name, &indent))
            i++;
    }
}

static int is_source(const char *f)
{
    size_t n = strlen(f);
    return n > 2 && (strcmp(f + n - 2, ".c") == 0 || strcmp(f + n - 2, ".h") == 0);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .c and .h files of dir, sorted (the course order). */
static size_t list_sources(const char *dir, char **names)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "workbook: %s: cannot open: %s\n", dir, strerror(errno));
        return 0;
    }
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < MAX_FILES)
        if (is_source(e->d_name))
            names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    return n;
}

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *s = malloc(n);
    snprintf(s, n, "%s/%s", a, b);
    return s;
}

static int write_file(const char *path, const text *t, const fill *fills, size_t n_fills)
{
    char err[512];
    em_outfile out;
    if (em_out_open(&out, path, err, sizeof err)) {
        fprintf(stderr, "workbook: %s\n", err);
        return -1;
    }
    emit(t, out.f, fills, n_fills);
    if (em_out_commit(&out, err, sizeof err)) {
        fprintf(stderr, "workbook: %s\n", err);
        return -1;
    }
    return 0;
}

/* Read a --fill file: first line "// blank: NAME", the rest is the code. */
static int read_fill(const char *path, fill *f)
{
    text t;
    if (text_read(path, &t))
        return -1;
    if (t.n == 0 || sscanf(t.line[0], "// blank: %63s", f->name) != 1) {
        fprintf(stderr, "%s:1: a fill file starts with // blank: NAME\n", path);
        text_free(&t);
        return -1;
    }
    size_t len = 1;
    for (size_t i = 1; i < t.n; i++)
        len += strlen(t.line[i]) + 1;
    f->code = malloc(len);
    f->code[0] = '\0';
    for (size_t i = 1; i < t.n; i++)
        if (strncmp(t.line[i], "// expect:", 10) != 0) {
            strcat(f->code, t.line[i]);
            strcat(f->code, "\n");
        }
    text_free(&t);
    return 0;
}

static int make_dirs(const char *out)
{
    char *a = join(out, "chapters"), *p = join(out, ".pristine"), *pc = join(p, "chapters");
    int rc = 0;
    const char *dirs[4] = {out, a, p, pc};
    for (int i = 0; i < 4 && rc == 0; i++)
        if (mkdir(dirs[i], 0777) != 0 && errno != EEXIST) {
            fprintf(stderr, "workbook: %s: cannot create: %s\n", dirs[i], strerror(errno));
            rc = -1;
        }
    free(a);
    free(p);
    free(pc);
    return rc;
}

static int cmd_make(const char *src, const char *out, int argc, char **argv)
{
    fill fills[MAX_FILLS];
    size_t n_fills = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--fill") != 0 || i + 1 >= argc || n_fills == MAX_FILLS) {
            fprintf(stderr, "workbook: make SRC OUT [--fill FILE]...\n");
            return 2;
        }
        if (read_fill(argv[++i], &fills[n_fills++]))
            return 1;
    }
    char *names[MAX_FILES];
    size_t n = list_sources(src, names);
    text texts[MAX_FILES];
    blank_list bl = {.n = 0};
    int rc = n ? 0 : 1;
    size_t read = 0;
    for (; read < n && rc == 0; read++) { /* check every file before writing any */
        char *path = join(src, names[read]);
        rc = text_read(path, &texts[read]) || scan(&texts[read], &bl) ? 1 : 0;
        free(path);
    }
    for (size_t f = 0; f < n_fills && rc == 0; f++) {
        int known = 0;
        for (size_t b = 0; b < bl.n; b++)
            known |= strcmp(bl.names[b], fills[f].name) == 0;
        if (!known) {
            fprintf(stderr, "workbook: no blank named %s to fill\n", fills[f].name);
            rc = 1;
        }
    }
    if (rc == 0)
        rc = make_dirs(out) ? 1 : 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        char *dir = join(out, "chapters"), *pdir = join(out, ".pristine/chapters");
        char *path = join(dir, names[i]), *ppath = join(pdir, names[i]);
        rc = write_file(path, &texts[i], fills, n_fills) || write_file(ppath, &texts[i], NULL, 0);
        free(dir);
        free(pdir);
        free(path);
        free(ppath);
    }
    for (size_t i = 0; i < read; i++)
        text_free(&texts[i]);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    for (size_t f = 0; f < n_fills; f++)
        free(fills[f].code);
    if (rc == 0)
        printf("workbook: %zu blanks in %s/chapters/\n", bl.n, out);
    return rc;
}

static int cmd_list(const char *src)
{
    char *names[MAX_FILES];
    size_t n = list_sources(src, names);
    blank_list bl = {.n = 0};
    int rc = n ? 0 : 1;
    for (size_t i = 0; i < n; i++) {
        text t;
        char *path = join(src, names[i]);
        if (rc == 0 && (text_read(path, &t) || scan(&t, &bl)))
            rc = 1;
        if (t.path)
            text_free(&t);
        free(path);
        free(names[i]);
    }
    for (size_t b = 0; rc == 0 && b < bl.n; b++)
        printf("%s\n", bl.names[b]);
    return rc;
}

/* The lines strictly between "BLANK name" and "END BLANK name" markers:
 * [*from, *to). Returns 0 if found. */
static int find_blank(const text *t, const char *name, size_t *from, size_t *to)
{
    char head[96], tail[96];
    snprintf(head, sizeof head, "/* BLANK %s:", name);
    snprintf(tail, sizeof tail, "/* END BLANK %s */", name);
    for (size_t i = 0; i < t->n; i++)
        if (strstr(t->line[i], head)) {
            size_t j = i + 1;
            while (j < t->n && !strstr(t->line[j - 1], "*/"))
                j++; /* the BLANK comment may span two lines */
            for (size_t k = j; k < t->n; k++)
                if (strstr(t->line[k], tail)) {
                    *from = j;
                    *to = k;
                    return 0;
                }
        }
    return -1;
}

static int ask(const char *question)
{
    printf("%s [y/N] ", question);
    fflush(stdout);
    char answer[16] = "";
    if (!fgets(answer, sizeof answer, stdin))
        return 0;
    return answer[0] == 'y' || answer[0] == 'Y';
}

/* Replace blank NAME's lines in the workbook file by the pristine ones. */
static int restore(const char *path, const char *ppath, const char *name, int yes)
{
    text t, p;
    size_t a, b, pa, pb;
    int rc = 1;
    if (text_read(path, &t))
        return 1;
    if (text_read(ppath, &p) == 0 && find_blank(&t, name, &a, &b) == 0 &&
        find_blank(&p, name, &pa, &pb) == 0) {
        char q[256];
        snprintf(q, sizeof q, "Restore blank %s in %s? Your code there will be lost.", name, path);
        rc = 0;
        if (!yes && !isatty(STDIN_FILENO)) {
            fprintf(stderr, "workbook: not asking without a terminal; make reset B=%s YES=1 "
                            "(or --yes) restores it anyway\n", name);
            rc = 1;
        } else if (yes || ask(q)) {
            text merged = {.path = strdup(path)};
            merged.line = malloc((t.n + pb - pa) * sizeof *merged.line);
            for (size_t i = 0; i < a; i++)
                merged.line[merged.n++] = strdup(t.line[i]);
            for (size_t i = pa; i < pb; i++)
                merged.line[merged.n++] = strdup(p.line[i]);
            for (size_t i = b; i < t.n; i++)
                merged.line[merged.n++] = strdup(t.line[i]);
            rc = write_file(path, &merged, NULL, 0) ? 1 : 0;
            if (rc == 0)
                printf("workbook: blank %s restored in %s\n", name, path);
            text_free(&merged);
        } else {
            printf("workbook: nothing changed\n");
        }
    }
    text_free(&t);
    if (p.path)
        text_free(&p);
    return rc;
}

static int cmd_reset(const char *out, const char *name, int yes)
{
    char *dir = join(out, "chapters"), *pdir = join(out, ".pristine/chapters");
    char *names[MAX_FILES];
    size_t n = list_sources(dir, names);
    int rc = -1;
    for (size_t i = 0; i < n; i++) {
        char *path = join(dir, names[i]), *ppath = join(pdir, names[i]);
        text t;
        size_t a, b;
        if (rc < 0 && text_read(path, &t) == 0) {
            if (find_blank(&t, name, &a, &b) == 0)
                rc = restore(path, ppath, name, yes);
            text_free(&t);
        }
        free(path);
        free(ppath);
        free(names[i]);
    }
    if (rc < 0)
        fprintf(stderr, "workbook: no blank named %s in %s: is the name right (make progress "
                        "lists them), and are its BLANK and END BLANK comments still there?\n",
                name, dir);
    free(dir);
    free(pdir);
    return rc < 0 ? 1 : rc;
}

int main(int argc, char **argv)
{
    if (argc >= 4 && strcmp(argv[1], "make") == 0)
        return cmd_make(argv[2], argv[3], argc - 4, argv + 4);
    if (argc == 3 && strcmp(argv[1], "list") == 0)
        return cmd_list(argv[2]);
    if ((argc == 4 || argc == 5) && strcmp(argv[1], "reset") == 0)
        return cmd_reset(argv[2], argv[3], argc == 5 && strcmp(argv[4], "--yes") == 0);
    fprintf(stderr, "usage: workbook make SRC OUT [--fill FILE]...\n"
                    "       workbook reset OUT NAME [--yes]\n"
                    "       workbook list SRC\n");
    return 2;
}
