/* test_init.c — the starting points of the notebooks, and k-means++. */
#include "emlab_test.h"
#include <stdlib.h>
#include <string.h>

START_TEST(test_init_from_data_picks_numpy_choice)
{
    /* np.random.seed(42); np.random.choice(data, 2) takes data[102], data[270] */
    double x[300];
    ck_assert_uint_eq(read_numbers("notebook001_1d_data.txt", x, 300), 300);
    em_gmm m;
    em_rng r;
    ck_assert_int_eq(em_gmm_alloc(&m, 2, 1), EM_OK);
    em_rng_seed(&r, 42);
    ck_assert_int_eq(em_init_from_data(&m, x, 300, &r), EM_OK);
    ck_assert_double_eq(m.mean[0], x[102]);
    ck_assert_double_eq(m.mean[1], x[270]);
    ck_assert_double_eq(m.weight[0], 0.5);
    ck_assert_double_eq(m.cov[0], m.cov[1]);
    em_gmm_free(&m);
}
END_TEST

START_TEST(test_init_from_data_refuses_no_spread)
{
    double x[4] = {2, 2, 2, 2};
    em_gmm m;
    em_rng r;
    em_rng_seed(&r, 1);
    ck_assert_int_eq(em_gmm_alloc(&m, 2, 1), EM_OK);
    ck_assert_int_eq(em_init_from_data(&m, x, 4, &r), EM_ESINGULAR);
    ck_assert_int_eq(em_init_from_data(&m, x, 1, &r), EM_ETOOFEW);
    em_gmm_free(&m);
}
END_TEST

START_TEST(test_init_dirichlet_rows_sum_to_one)
{
    double x[20], resp[40];
    em_rng r;
    em_rng_seed(&r, 9);
    for (int i = 0; i < 20; i++)
        x[i] = em_rng_normal(&r, 0, 1);
    em_gmm m;
    ck_assert_int_eq(em_gmm_alloc(&m, 2, 1), EM_OK);
    em_options opt = em_default_options();
    ck_assert_int_eq(em_init_dirichlet(&m, x, 20, &r, &opt, resp), EM_OK);
    double N0 = 0.0;
    for (int i = 0; i < 20; i++) {
        ck_assert_rel(resp[2 * i] + resp[2 * i + 1], 1.0, 1e-15);
        N0 += resp[2 * i];
    }
    ck_assert_rel(m.weight[0], N0 / 20, 1e-14); /* pi_k = N_k / n */
    em_gmm_free(&m);
}
END_TEST

START_TEST(test_init_uniform_is_notebook_003)
{
    /* np.random.random((K, d)) for the means, identity covariances */
    em_gmm m;
    em_rng r, again;
    ck_assert_int_eq(em_gmm_alloc(&m, 3, 2), EM_OK);
    em_rng_seed(&r, 44);
    em_rng_seed(&again, 44);
    em_init_uniform(&m, &r);
    for (int v = 0; v < 6; v++)
        ck_assert_double_eq(m.mean[v], em_rng_uniform(&again));
    for (int k = 0; k < 3; k++) {
        ck_assert_rel(m.weight[k], 1.0 / 3, 1e-16);
        ck_assert_double_eq(m.cov[k * 4 + 0], 1.0);
        ck_assert_double_eq(m.cov[k * 4 + 1], 0.0);
        ck_assert_double_eq(m.cov[k * 4 + 3], 1.0);
    }
    em_gmm_free(&m);
}
END_TEST

START_TEST(test_kmeanspp_spreads_over_the_clusters)
{
    /* three tight clusters far apart: the three means land in three of them */
    double x[90];
    em_rng r;
    em_rng_seed(&r, 3);
    for (int i = 0; i < 45; i++) {
        double c = (i % 3) * 100.0;
        x[2 * i] = c + em_rng_normal(&r, 0, 0.1);
        x[2 * i + 1] = -c + em_rng_normal(&r, 0, 0.1);
    }
    for (uint32_t seed = 0; seed < 20; seed++) {
        em_gmm m;
        ck_assert_int_eq(em_gmm_alloc(&m, 3, 2), EM_OK);
        em_rng_seed(&r, seed);
        ck_assert_int_eq(em_init_kmeanspp(&m, x, 45, &r), EM_OK);
        int seen[3] = {0, 0, 0};
        for (int k = 0; k < 3; k++)
            seen[(int)floor(m.mean[2 * k] / 100.0 + 0.5)]++;
        ck_assert_msg(seen[0] == 1 && seen[1] == 1 && seen[2] == 1, "seed %u", seed);
        em_gmm_free(&m);
    }
}
END_TEST

START_TEST(test_kmeanspp_with_duplicate_points)
{
    double x[6] = {1, 1, 1, 1, 1, 2}; /* D^2 is 0 everywhere once 1 and 2 are taken */
    em_gmm m;
    em_rng r;
    em_rng_seed(&r, 0);
    ck_assert_int_eq(em_gmm_alloc(&m, 3, 1), EM_OK);
    ck_assert_int_eq(em_init_kmeanspp(&m, x, 6, &r), EM_OK);
    for (int k = 0; k < 3; k++)
        ck_assert(m.mean[k] == 1.0 || m.mean[k] == 2.0);
    em_gmm_free(&m);
}
END_TEST

Suite *init_suite(void)
{
    Suite *s = suite_create("init");
    TCase *tc = tcase_create("starts");
    tcase_add_test(tc, test_init_from_data_picks_numpy_choice);
    tcase_add_test(tc, test_init_from_data_refuses_no_spread);
    tcase_add_test(tc, test_init_dirichlet_rows_sum_to_one);
    tcase_add_test(tc, test_init_uniform_is_notebook_003);
    tcase_add_test(tc, test_kmeanspp_spreads_over_the_clusters);
    tcase_add_test(tc, test_kmeanspp_with_duplicate_points);
    suite_add_tcase(s, tc);
    return s;
}
