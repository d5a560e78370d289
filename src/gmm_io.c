/* gmm_io.c — the mixture's plain-text parameter file.
 *
 *   # emlab mixture: K = 2 components in d = 1 dimensions
 *   # weight  mean[d]  covariance[d*d] (row-major)
 *   0.7  0  1
 *   0.3  5  1
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "gmm.h"
#include "linalg.h"
#include "table.h"
#include "textio.h"

void em_gmm_print(FILE *f, const em_gmm *m)
{
    size_t K = m->K, d = m->d;
    fprintf(f, "# emlab mixture: K = %zu components in d = %zu dimensions\n", K, d);
    fprintf(f, "# weight  mean[%zu]  covariance[%zu] (row-major)\n", d, d * d);
    if (m->type != EM_COV_FULL)
        fprintf(f, "# covariance: %s\n", em_cov_name(m->type));
    for (size_t k = 0; k < K; k++) {
        fprintf(f, "%.17g", m->weight[k]);
        for (size_t j = 0; j < d; j++)
            fprintf(f, " %.17g", m->mean[k * d + j]);
        for (size_t j = 0; j < d * d; j++)
            fprintf(f, " %.17g", m->cov[k * d * d + j]);
        fputc('\n', f);
    }
}

em_status em_gmm_save(const char *path, const em_gmm *m, char *err, size_t errlen)
{
    em_outfile out;
    em_status st = em_out_open(&out, path, err, errlen);
    if (st)
        return st;
    em_gmm_print(out.f, m);
    return em_out_commit(&out, err, errlen);
}

/* d from the number of columns c = 1 + d + d^2; 0 if c fits no d. */
static size_t dim_from_columns(size_t c)
{
    for (size_t d = 1; 1 + d + d * d <= c; d++)
        if (1 + d + d * d == c)
            return d;
    return 0;
}

/* Fill m from the table and check it is a mixture, naming the bad line. */
static em_status table_to_gmm(const em_table *t, em_gmm *m, const char *path, char *err,
                              size_t errlen)
{
    size_t d = dim_from_columns(t->cols), K = t->rows;
    if (d == 0) {
        em_errorf(err, errlen, path, t->line[0],
                  "%zu columns; a component needs 1 + d + d*d (3, 7, 13, 21, ...)", t->cols);
        return EM_EPARSE;
    }
    em_status st = em_gmm_alloc(m, K, d);
    if (st)
        return st;
    for (size_t k = 0; k < K; k++) {
        const double *row = t->v + k * t->cols;
        m->weight[k] = row[0];
        memcpy(m->mean + k * d, row + 1, d * sizeof *row);
        memcpy(m->cov + k * d * d, row + 1 + d, d * d * sizeof *row);
    }
    size_t bad = 0;
    st = em_gmm_validate(m, &bad);
    if (st == EM_EINVAL && bad == K) {
        double sum = 0.0;
        for (size_t k = 0; k < K; k++)
            sum += m->weight[k];
        em_errorf(err, errlen, path, 0, "the weights sum to %.10g, not 1", sum);
    } else if (st == EM_EINVAL) {
        em_errorf(err, errlen, path, t->line[bad], "weight %g is negative", m->weight[bad]);
    } else if (st == EM_ESINGULAR) {
        em_errorf(err, errlen, path, t->line[bad],
                  "the covariance of component %zu is not symmetric positive definite", bad + 1);
    } else if (st) {
        em_errorf(err, errlen, path, t->line[bad], "%s", em_strerror(st));
    }
    if (st)
        return st;
    /* 0.333333 0.333333 0.333334 is meant as thirds: renormalise, but leave
     * weights that sum to 1 up to rounding bit for bit (exact round trip). */
    double sum = 0.0;
    for (size_t k = 0; k < K; k++)
        sum += m->weight[k];
    if (fabs(sum - 1.0) > 1e-12)
        for (size_t k = 0; k < K; k++)
            m->weight[k] /= sum;
    return EM_OK;
}

/* The family the file names on a comment line "# covariance: TYPE" (full
 * if none) and that line's number. Returns EM_EPARSE with "path:line: ..."
 * for a name it does not know or a second such line. */
static em_status family_of(const em_table *t, const char *path, em_cov_type *type, size_t *at,
                           char *err, size_t errlen)
{
    *type = EM_COV_FULL;
    *at = 0;
    for (size_t k = 0; k < t->n_keys; k++) {
        const em_table_key *key = &t->keys[k];
        if (strcasecmp(key->key, "covariance") != 0)
            continue;
        if (*at) {
            em_errorf(err, errlen, path, key->line, "a second '# covariance:' line (line %zu "
                      "named the family already)", *at);
            return EM_EPARSE;
        }
        *at = key->line;
        if (em_cov_parse(key->value, type)) {
            em_errorf(err, errlen, path, key->line, "covariance type '%s': it is full, diag, "
                      "tied or spherical", key->value);
            return EM_EPARSE;
        }
    }
    return EM_OK;
}

em_status em_gmm_load(const char *path, em_gmm *m, char *err, size_t errlen)
{
    memset(m, 0, sizeof *m);
    em_cov_type type = EM_COV_FULL;
    size_t type_line = 0;
    em_table t;
    em_status st = em_table_read(path, EM_TABLE_LINES | EM_TABLE_KEYS, &t, err, errlen);
    if (st == EM_OK)
        st = family_of(&t, strcmp(path, "-") ? path : "standard input", &type, &type_line, err,
                       errlen);
    if (st == EM_OK && t.rows == 0) {
        em_errorf(err, errlen, path, 0, "no components (the file is empty or has only comments)");
        st = EM_EPARSE;
    }
    if (st == EM_OK)
        st = table_to_gmm(&t, m, path, err, errlen);
    size_t bad = 0;
    if (st == EM_OK && (m->type = type) != EM_COV_FULL && em_cov_check(m, &bad)) {
        em_errorf(err, errlen, path, t.line[bad], "component %zu's covariance is not %s, as "
                  "line %zu's '# covariance: %s' says", bad + 1,
                  type == EM_COV_TIED ? "the first one's" : type == EM_COV_DIAG ? "diagonal" :
                  "a multiple of the identity", type_line, em_cov_name(type));
        st = EM_EINVAL;
    }
    if (st == EM_OK && type == EM_COV_TIED) /* one Sigma, to the last bit */
        for (size_t k = 1; k < m->K; k++)
            memcpy(m->cov + k * m->d * m->d, m->cov, m->d * m->d * sizeof *m->cov);
    if (st == EM_ENOMEM)
        em_errorf(err, errlen, path, 0, "out of memory");
    if (st)
        em_gmm_free(m);
    em_table_free(&t);
    return st;
}
