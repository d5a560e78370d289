/* test_kmeans.c — k-means (src/kmeans.c) against scikit-learn's KMeans,
 * Lloyd's algorithm from the same centres (tests/sklearn/make_kmeans.py). */
#include <stdlib.h>
#include <string.h>
#include "emlab_test.h"
#include "kmeans.h"

START_TEST(test_kmeans_is_scikit_learns)
{
    const char *ref = slurp(EMLAB_TEST_DATA "/sklearn_kmeans.txt");
    ck_assert_ptr_nonnull(ref);
    size_t blocks = 0;
    for (const char *at = strstr(ref, "## "); at; at = strstr(at + 1, "## ")) {
        char name[16];
        size_t K;
        ck_assert_int_eq(sscanf(at, "## %15s %zu", name, &K), 2);
        const char *file = strcmp(name, "faithful") == 0 ? EMLAB_TEST_DATA "/old_faithful.csv"
                         : strcmp(name, "iris") == 0 ? EMLAB_TEST_DATA "/iris.csv"
                                                      : EMLAB_TEST_DATA "/kmeans_sample.txt";
        em_dataset ds;
        char err[256];
        ck_assert_int_eq(em_dataset_read(file, &ds, err, sizeof err), EM_OK);
        size_t d = ds.d;
        double mu[5 * 4];
        if (strcmp(name, "sample") == 0) {
            memcpy(mu, ds.x, K * d * sizeof *mu);
        } else {
            em_gmm start;
            ck_assert_int_eq(em_gmm_load(strcmp(name, "iris") ? EMLAB_TEST_DATA
                                         "/init_faithful_k2.txt" : EMLAB_TEST_DATA
                                         "/init_iris_k3.txt", &start, err, sizeof err), EM_OK);
            memcpy(mu, start.mean, K * d * sizeof *mu);
            em_gmm_free(&start);
        }
        size_t *labels = malloc(ds.n * sizeof *labels);
        em_kmeans_result res;
        ck_assert_int_eq(em_kmeans(ds.x, ds.n, d, K, mu, labels, 300, &res), EM_OK);
        ck_assert(res.converged);
        const char *p = strchr(at, '\n') + 1;
        char *end;
        double inertia = strtod(p, &end);
        ck_assert_rel(res.inertia, inertia, 1e-12);
        p = strchr(p, '\n') + 1;
        for (size_t v = 0; v < K * d; v++) {
            double want = strtod(p, &end);
            ck_assert_msg(end != p, "%s: the reference is short", name);
            ck_assert_msg(rel_err(mu[v], want) <= 1e-12, "%s: centre value %zu: %.17g, "
                          "scikit-learn %.17g", name, v, mu[v], want);
            p = end;
        }
        for (size_t i = 0; i < ds.n; i++) {
            unsigned long want = strtoul(p, &end, 10);
            ck_assert_msg(end != p && labels[i] == want, "%s: point %zu in cluster %zu, "
                          "scikit-learn's %lu", name, i, labels[i], want);
            p = end;
        }
        printf("k-means on %s (K = %zu): %zu rounds, inertia %.17g, equal to scikit-learn's\n",
               name, K, res.iterations, res.inertia);
        free(labels);
        em_dataset_free(&ds);
        blocks++;
    }
    ck_assert_uint_eq(blocks, 3);
}
END_TEST

START_TEST(test_kmeans_refuses_what_it_cannot_do)
{
    double x[4] = {0, 1, 2, 3}, mu[3] = {0, 1, 2};
    em_kmeans_result res;
    ck_assert_int_eq(em_kmeans(x, 2, 1, 3, mu, NULL, 10, &res), EM_ETOOFEW);
    ck_assert_int_eq(em_kmeans(x, 4, 1, 0, mu, NULL, 10, &res), EM_EINVAL);
    x[2] = NAN;
    ck_assert_int_eq(em_kmeans(x, 4, 1, 2, mu, NULL, 10, &res), EM_ENONFINITE);
    x[2] = 2;
    double far[2] = {0.5, 100}; /* the second centre keeps no point: it stays */
    ck_assert_int_eq(em_kmeans(x, 4, 1, 2, far, NULL, 10, &res), EM_OK);
    ck_assert(far[0] == 1.5 && far[1] == 100);
}
END_TEST

Suite *kmeans_suite(void)
{
    Suite *s = suite_create("kmeans");
    TCase *tc = tcase_create("lloyd");
    tcase_add_test(tc, test_kmeans_is_scikit_learns);
    tcase_add_test(tc, test_kmeans_refuses_what_it_cannot_do);
    suite_add_tcase(s, tc);
    return s;
}
