/* test_rng.c — the generator against numpy 1.24.2's legacy draws. */
#include "emlab_test.h"

/* Every value equal to numpy's bit for bit, or within max_ulps where libm's
 * log/sqrt/pow may round differently from the one numpy used. */
static void expect_block(const char *header, const double *got, size_t n, double max_ulps)
{
    double want[64];
    size_t m = read_rng_block(header, want, 64);
    ck_assert_uint_eq(m, n);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(ulps(got[i], want[i]) <= max_ulps,
                      "%s: value %zu = %.17g, numpy gave %.17g (%g ulps)", header, i,
                      got[i], want[i], ulps(got[i], want[i]));
}

START_TEST(test_random_sample_matches_numpy_seed0)
{
    em_rng r;
    em_rng_seed(&r, 0);
    double v[6];
    for (int i = 0; i < 6; i++)
        v[i] = em_rng_uniform(&r);
    expect_block("np.random.seed(0); np.random.random_sample(6)", v, 6, 0);
}
END_TEST

START_TEST(test_normal_matches_numpy_seed100)
{
    em_rng r;
    em_rng_seed(&r, 100);
    double v[7];
    for (int i = 0; i < 7; i++)
        v[i] = em_rng_normal(&r, 0.0, 1.0);
    expect_block("np.random.seed(100); np.random.normal(0, 1, 7)", v, 7, 1);
}
END_TEST

START_TEST(test_normal_loc_scale_matches_numpy_seed1)
{
    em_rng r;
    em_rng_seed(&r, 1);
    double v[5];
    for (int i = 0; i < 5; i++)
        v[i] = em_rng_normal(&r, 2.0, 0.5);
    expect_block("np.random.seed(1); np.random.normal(2.0, 0.5, 5)", v, 5, 1);
}
END_TEST

START_TEST(test_randint_matches_numpy_seed42)
{
    em_rng r;
    em_rng_seed(&r, 42);
    double v[8];
    for (int i = 0; i < 8; i++) {
        int64_t k;
        ck_assert_int_eq(em_rng_randint(&r, 0, 300, &k), EM_OK);
        v[i] = (double)k;
    }
    expect_block("np.random.seed(42); np.random.randint(0, 300, size=8)", v, 8, 0);
}
END_TEST

START_TEST(test_choice_draws_like_randint)
{
    em_rng a, b;
    em_rng_seed(&a, 42);
    em_rng_seed(&b, 42);
    for (int i = 0; i < 100; i++) {
        int64_t k;
        em_rng_randint(&b, 0, 300, &k);
        ck_assert_uint_eq(em_rng_choice(&a, 300), (size_t)k);
    }
}
END_TEST

START_TEST(test_dirichlet_matches_numpy_seed42)
{
    em_rng r;
    em_rng_seed(&r, 42);
    double alpha[2] = {1.0, 1.0}, v[6];
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(em_rng_dirichlet(&r, alpha, 2, v + 2 * i), EM_OK);
    expect_block("np.random.seed(42); np.random.dirichlet([1, 1], size=3)", v, 6, 1);
}
END_TEST

START_TEST(test_standard_gamma_matches_numpy_seed3)
{
    em_rng r;
    em_rng_seed(&r, 3);
    double v[4];
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(em_rng_gamma(&r, 2.5, &v[i]), EM_OK);
    expect_block("np.random.seed(3); np.random.standard_gamma(2.5, 4)", v, 4, 1);
}
END_TEST

START_TEST(test_rand_then_randn_matches_numpy_seed5)
{
    em_rng r;
    em_rng_seed(&r, 5);
    double v[6];
    for (int i = 0; i < 3; i++)
        v[i] = em_rng_uniform(&r);
    for (int i = 3; i < 6; i++)
        v[i] = em_rng_gauss(&r);
    expect_block("np.random.seed(5); np.random.rand(3); np.random.randn(3)", v, 6, 1);
}
END_TEST

START_TEST(test_notebook001_1d_data_reproduced)
{
    /* np.random.seed(100); normal(0, 1, 210) then normal(5, 1, 90) */
    double want[300];
    ck_assert_uint_eq(read_numbers("notebook001_1d_data.txt", want, 300), 300);
    em_rng r;
    em_rng_seed(&r, 100);
    for (int i = 0; i < 300; i++) {
        double x = i < 210 ? em_rng_normal(&r, 0.0, 1.0) : em_rng_normal(&r, 5.0, 1.0);
        ck_assert_msg(ulps(x, want[i]) <= 1, "point %d: %.17g, numpy %.17g", i, x, want[i]);
    }
}
END_TEST

START_TEST(test_seed_forgets_cached_normal)
{
    em_rng r;
    em_rng_seed(&r, 100);
    double first = em_rng_gauss(&r); /* leaves a second normal cached */
    em_rng_seed(&r, 100);
    ck_assert_double_eq(em_rng_gauss(&r), first);
}
END_TEST

START_TEST(test_randint_stays_in_range)
{
    em_rng r;
    em_rng_seed(&r, 7);
    int64_t lows[] = {0, -5, 10, 0}, highs[] = {1, 5, 11 + 1024, 0x100000000LL};
    for (int c = 0; c < 4; c++)
        for (int i = 0; i < 2000; i++) {
            int64_t v;
            ck_assert_int_eq(em_rng_randint(&r, lows[c], highs[c], &v), EM_OK);
            ck_assert(v >= lows[c] && v < highs[c]);
        }
    int64_t v = -1;
    ck_assert_int_eq(em_rng_randint(&r, 3, 3, &v), EM_EINVAL); /* numpy: ValueError */
    ck_assert_int_eq(em_rng_randint(&r, 5, 4, &v), EM_EINVAL);
    ck_assert_int_eq(v, -1);
}
END_TEST

START_TEST(test_randint_over_wide_ranges_matches_numpy)
{
    /* ranges past 2^32 take numpy's 64-bit path; before, low came back */
    char path[512], line[512];
    snprintf(path, sizeof path, "%s/numpy_randint_wide.txt", EMLAB_TEST_DATA);
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    int cases = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        unsigned long seed;
        long long low, high, want[5];
        ck_assert_int_eq(sscanf(line, "%lu %lld %lld %lld %lld %lld %lld %lld", &seed, &low,
                                &high, &want[0], &want[1], &want[2], &want[3], &want[4]), 8);
        em_rng r;
        em_rng_seed(&r, (uint32_t)seed);
        for (int i = 0; i < 5; i++) {
            int64_t v;
            ck_assert_int_eq(em_rng_randint(&r, low, high, &v), EM_OK);
            ck_assert_msg(v == want[i], "seed %lu [%lld, %lld) draw %d: %lld, numpy %lld", seed,
                          low, high, i, (long long)v, want[i]);
        }
        cases++;
    }
    fclose(f);
    ck_assert_int_ge(cases, 8);
}
END_TEST

START_TEST(test_categorical_inverts_cumulative_weights)
{
    /* the same uniform U picks the first k with U < cum_k */
    double cum[3] = {0.2, 0.5, 1.0};
    em_rng a, b;
    em_rng_seed(&a, 11);
    em_rng_seed(&b, 11);
    size_t count[3] = {0, 0, 0};
    for (int i = 0; i < 20000; i++) {
        size_t k = em_rng_categorical(&a, cum, 3);
        double u = em_rng_uniform(&b);
        size_t want = u < 0.2 ? 0 : u < 0.5 ? 1 : 2;
        ck_assert_uint_eq(k, want);
        count[k]++;
    }
    /* and the shares come out near pi = (0.2, 0.3, 0.5) */
    ck_assert(fabs(count[0] / 20000.0 - 0.2) < 0.01);
    ck_assert(fabs(count[1] / 20000.0 - 0.3) < 0.01);
}
END_TEST

START_TEST(test_categorical_rounding_gives_last)
{
    double cum[2] = {0.0, 0.0}; /* cumulative weights that never reach U */
    em_rng r;
    em_rng_seed(&r, 1);
    ck_assert_uint_eq(em_rng_categorical(&r, cum, 2), 1);
}
END_TEST

START_TEST(test_gamma_small_shape_has_mean_shape)
{
    /* E[Gamma(a)] = a; 100 000 draws with a fixed seed */
    em_rng r;
    em_rng_seed(&r, 2024);
    double s = 0.0;
    for (int i = 0; i < 100000; i++) {
        double g;
        ck_assert_int_eq(em_rng_gamma(&r, 0.4, &g), EM_OK);
        s += g;
    }
    ck_assert(fabs(s / 100000 - 0.4) < 0.01);
    double g = -1;
    ck_assert_int_eq(em_rng_gamma(&r, 0.0, &g), EM_OK);
    ck_assert_double_eq(g, 0.0);
    ck_assert_int_eq(em_rng_gamma(&r, -1.0, &g), EM_EINVAL); /* numpy: ValueError */
    ck_assert_int_eq(em_rng_gamma(&r, NAN, &g), EM_EINVAL);
}
END_TEST

START_TEST(test_dirichlet_rejects_bad_alpha)
{
    em_rng r;
    em_rng_seed(&r, 1);
    double alpha[2] = {1.0, 0.0}, theta[2] = {-1, -1};
    ck_assert_int_eq(em_rng_dirichlet(&r, alpha, 2, theta), EM_EINVAL);
    ck_assert_double_eq(theta[0], -1);
    ck_assert_int_eq(em_rng_dirichlet(&r, alpha, 0, theta), EM_EINVAL);
}
END_TEST

Suite *rng_suite(void)
{
    Suite *s = suite_create("rng");
    TCase *tc = tcase_create("numpy legacy");
    tcase_add_test(tc, test_random_sample_matches_numpy_seed0);
    tcase_add_test(tc, test_normal_matches_numpy_seed100);
    tcase_add_test(tc, test_normal_loc_scale_matches_numpy_seed1);
    tcase_add_test(tc, test_randint_matches_numpy_seed42);
    tcase_add_test(tc, test_choice_draws_like_randint);
    tcase_add_test(tc, test_randint_over_wide_ranges_matches_numpy);
    tcase_add_test(tc, test_dirichlet_matches_numpy_seed42);
    tcase_add_test(tc, test_standard_gamma_matches_numpy_seed3);
    tcase_add_test(tc, test_rand_then_randn_matches_numpy_seed5);
    tcase_add_test(tc, test_notebook001_1d_data_reproduced);
    tcase_add_test(tc, test_seed_forgets_cached_normal);
    suite_add_tcase(s, tc);
    TCase *more = tcase_create("draws");
    tcase_add_test(more, test_randint_stays_in_range);
    tcase_add_test(more, test_categorical_inverts_cumulative_weights);
    tcase_add_test(more, test_categorical_rounding_gives_last);
    tcase_add_test(more, test_gamma_small_shape_has_mean_shape);
    tcase_add_test(more, test_dirichlet_rejects_bad_alpha);
    suite_add_tcase(s, more);
    return s;
}
