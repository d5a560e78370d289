/* test_lab.c — the lab's C core (src/lab/): stepping by hand is em_fit,
 * back undoes, the page's messages, and the WebAssembly build's trace
 * equal to `emlab fit`'s under node. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emlab_test.h"
#include "figure_util.h"
#include "lab.h"

static em_lab *faithful_lab(void)
{
    em_lab *lab = lab_new();
    ck_assert_ptr_nonnull(lab);
    ck_assert_int_eq(lab_load_data(lab, EMLAB_TEST_DATA "/old_faithful.csv"), EM_OK);
    ck_assert_uint_eq(lab_n(lab), 272);
    ck_assert_uint_eq(lab_d(lab), 2);
    return lab;
}

/* em_fit from the same start as lab_start: `emlab fit`'s single run. */
static void fit_like_emlab(const em_lab *lab, size_t K, em_init_kind how, uint32_t seed,
                           size_t iters, em_gmm *m, em_result *res)
{
    em_rng r;
    em_rng_seed(&r, seed);
    em_options opt = em_default_options();
    opt.reg = em_scale_free_floor(lab_x(lab), lab_n(lab), lab_d(lab));
    opt.max_iter = iters;
    opt.tol = 0.0;
    ck_assert_int_eq(em_gmm_alloc(m, K, lab_d(lab)), EM_OK);
    ck_assert_int_eq(em_init(m, how, lab_x(lab), lab_n(lab), &r, &opt), EM_OK);
    ck_assert_int_eq(em_fit(m, lab_x(lab), lab_n(lab), &opt, NULL, res), EM_OK);
}

static void expect_same_bits(const double *got, const double *want, size_t count)
{
    for (size_t v = 0; v < count; v++)
        ck_assert_msg(got[v] == want[v], "value %zu: %.17g, em_fit %.17g", v, got[v], want[v]);
}

START_TEST(test_lab_steps_are_em_fit_bit_for_bit)
{
    static const em_init_kind how[] = {EM_INIT_KMEANSPP, EM_INIT_DATA, EM_INIT_DIRICHLET};
    for (size_t h = 0; h < 3; h++) {
        em_lab *lab = faithful_lab();
        ck_assert_int_eq(lab_start(lab, 3, how[h], 7, 0), EM_OK);
        for (size_t t = 0; t < 25; t++)
            ck_assert_int_eq(lab_iterate(lab), EM_OK);
        em_gmm m;
        em_result res;
        fit_like_emlab(lab, 3, how[h], 7, 25, &m, &res);
        ck_assert_uint_eq(lab_t(lab), 25);
        expect_same_bits(lab_weight(lab), m.weight, 3);
        expect_same_bits(lab_mean(lab), m.mean, 6);
        expect_same_bits(lab_cov(lab), m.cov, 12);
        ck_assert_uint_eq(lab_curve_len(lab), 26);
        for (size_t c = 0; c <= 25; c++) {
            ck_assert(lab_curve_l(lab, c) == res.history[c]);
            ck_assert_int_eq(lab_curve_mark(lab, c), 0); /* never fell */
        }
        em_result_free(&res);
        em_gmm_free(&m);
        lab_free(lab);
    }
}
END_TEST

/* An E-step and an M-step pressed one by one are one iteration. */
START_TEST(test_lab_half_steps_make_an_iteration)
{
    em_lab *a = faithful_lab(), *b = faithful_lab();
    ck_assert_int_eq(lab_start(a, 2, EM_INIT_KMEANSPP, 1, 0), EM_OK);
    ck_assert_int_eq(lab_start(b, 2, EM_INIT_KMEANSPP, 1, 0), EM_OK);
    ck_assert(lab_fresh(a));
    ck_assert_int_eq(lab_e_step(a), EM_OK); /* already fresh: nothing to do */
    ck_assert_uint_eq(lab_curve_len(a), 1);
    ck_assert_int_eq(lab_m_step(a), EM_OK);
    ck_assert(!lab_fresh(a));
    ck_assert_uint_eq(lab_t(a), 1);
    ck_assert_int_eq(lab_m_step(a), EM_EINVAL); /* gamma is stale */
    ck_assert_ptr_nonnull(strstr(lab_error(a), "E-step comes first"));
    ck_assert_int_eq(lab_iterate(a), EM_OK); /* completes the iteration: the E-step */
    ck_assert_int_eq(lab_iterate(b), EM_OK);
    ck_assert(lab_fresh(a));
    expect_same_bits(lab_mean(a), lab_mean(b), 4);
    ck_assert(lab_loglik(a) == lab_loglik(b));
    lab_free(a);
    lab_free(b);
}
END_TEST

START_TEST(test_lab_back_undoes_each_step)
{
    em_lab *lab = faithful_lab();
    ck_assert_int_eq(lab_start(lab, 2, EM_INIT_KMEANSPP, 4, 0), EM_OK);
    double mean0[4], l0 = lab_loglik(lab);
    memcpy(mean0, lab_mean(lab), sizeof mean0);
    for (int t = 0; t < 3; t++)
        ck_assert_int_eq(lab_iterate(lab), EM_OK);
    double mean3[4], resp3[2], l3 = lab_loglik(lab);
    memcpy(mean3, lab_mean(lab), sizeof mean3);
    memcpy(resp3, lab_resp(lab), sizeof resp3);
    ck_assert_int_eq(lab_m_step(lab), EM_OK);
    ck_assert_int_eq(lab_back(lab), 1); /* undo the M-step: gamma fresh again */
    ck_assert(lab_fresh(lab));
    ck_assert_uint_eq(lab_t(lab), 3);
    expect_same_bits(lab_mean(lab), mean3, 4);
    expect_same_bits(lab_resp(lab), resp3, 2);
    ck_assert(lab_loglik(lab) == l3);
    double to[2] = {3.0, 70.0};
    ck_assert_int_eq(lab_move_mean(lab, 0, to), EM_OK);
    ck_assert_int_eq(lab_e_step(lab), EM_OK);
    ck_assert_int_eq(lab_curve_mark(lab, lab_curve_len(lab) - 1), LAB_MOVED);
    ck_assert_int_eq(lab_back(lab), 1); /* the E-step after the move */
    ck_assert(!lab_fresh(lab));
    ck_assert(lab_mean(lab)[0] == 3.0);
    expect_same_bits(lab_resp(lab), resp3, 2); /* shown with the last E-step's colours */
    ck_assert_int_eq(lab_back(lab), 1); /* the move */
    expect_same_bits(lab_mean(lab), mean3, 4);
    for (int t = 0; t < 3; t++)
        ck_assert_int_eq(lab_back(lab), 1);
    ck_assert_uint_eq(lab_t(lab), 0);
    expect_same_bits(lab_mean(lab), mean0, 4);
    ck_assert(lab_loglik(lab) == l0);
    ck_assert_uint_eq(lab_curve_len(lab), 1);
    ck_assert_int_eq(lab_back(lab), 0); /* a start is not undone */
    lab_free(lab);
}
END_TEST

START_TEST(test_lab_points_by_hand)
{
    em_lab *lab = lab_new();
    double none[2] = {0.0, 0.0};
    ck_assert_int_eq(lab_add_point(lab, none), EM_EINVAL);
    ck_assert_int_eq(lab_set_data(lab, NULL, 0, 2), EM_OK);
    double p[4][2] = {{0, 0}, {1, 0.2}, {5, 5}, {6, 5.5}};
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(lab_add_point(lab, p[i]), EM_OK);
    ck_assert_int_eq(lab_start(lab, 5, EM_INIT_KMEANSPP, 0, 0), EM_ETOOFEW);
    ck_assert_str_eq(lab_error(lab), "K = 5 components need at least 5 points; there are 4");
    ck_assert_int_eq(lab_start(lab, 9, EM_INIT_KMEANSPP, 0, 0), EM_EINVAL);
    ck_assert_int_eq(lab_start(lab, 2, EM_INIT_KMEANSPP, 0, 0), EM_OK);
    ck_assert_int_eq(lab_iterate(lab), EM_OK);
    double nan_point[2] = {NAN, 1.0};
    ck_assert_int_eq(lab_add_point(lab, nan_point), EM_ENONFINITE);
    ck_assert_int_eq(lab_remove_point(lab, 3), EM_OK);
    ck_assert_int_eq(lab_remove_point(lab, 3), EM_EINVAL);
    ck_assert_uint_eq(lab_curve_len(lab), 0); /* new data: a new curve, from this model */
    ck_assert(!lab_fresh(lab));
    ck_assert_int_eq(lab_e_step(lab), EM_OK);
    ck_assert_uint_eq(lab_curve_len(lab), 1);
    ck_assert(lab_reg(lab) == em_scale_free_floor(lab_x(lab), 3, 2)); /* the new data's floor */
    ck_assert_int_eq(lab_remove_point(lab, 0), EM_OK);
    ck_assert_int_eq(lab_remove_point(lab, 0), EM_OK);
    ck_assert_int_eq(lab_e_step(lab), EM_ETOOFEW); /* 1 point, 2 components */
    ck_assert_str_eq(lab_error(lab), "K = 2 components need at least 2 points; there is 1");
    ck_assert_int_eq(lab_set_data(lab, NULL, 0, 2), EM_OK);
    ck_assert_int_eq(lab_start(lab, 1, EM_INIT_KMEANSPP, 0, 0), EM_ETOOFEW);
    ck_assert_str_eq(lab_error(lab), "K = 1 component needs at least 1 point; there are 0");
    lab_free(lab);
}
END_TEST

START_TEST(test_lab_files_say_where_they_are_wrong)
{
    const char *dir = make_tmpdir();
    em_lab *lab = lab_new();
    const char *bad = write_file(dir, "bad.txt", "1 2\n3 x\n");
    ck_assert_int_eq(lab_load_data(lab, bad), EM_EPARSE);
    ck_assert_ptr_nonnull(strstr(lab_error(lab), "bad.txt:2:"));
    const char *wide = write_file(dir, "wide.txt", "1 2 3\n4 5 6\n");
    ck_assert_int_eq(lab_load_data(lab, wide), EM_EINVAL);
    ck_assert_ptr_nonnull(strstr(lab_error(lab), "wide.txt: 3 columns; the lab draws one or two"));
    const char *huge = write_file(dir, "huge.txt", "1e200\n2\n");
    ck_assert_int_eq(lab_load_data(lab, huge), EM_EINVAL);
    ck_assert_ptr_nonnull(strstr(lab_error(lab), "huge.txt: the data: the values are as large"));
    ck_assert_int_eq(lab_save_params(lab, path_in(dir, "p.txt")), EM_EINVAL);
    lab_free(lab);
}
END_TEST

/* What the lab saves, `emlab fit --init` continues from. */
START_TEST(test_lab_export_continues_in_emlab_fit)
{
    const char *dir = make_tmpdir();
    em_lab *lab = faithful_lab();
    ck_assert_int_eq(lab_standardize(lab), EM_OK);
    ck_assert_int_eq(lab_start(lab, 2, EM_INIT_KMEANSPP, 11, 0), EM_OK);
    for (int t = 0; t < 4; t++)
        ck_assert_int_eq(lab_iterate(lab), EM_OK);
    ck_assert_int_eq(lab_save_data(lab, path_in(dir, "data.txt")), EM_OK);
    ck_assert_int_eq(lab_save_params(lab, path_in(dir, "params.txt")), EM_OK);
    ran r = emlab("fit %s -k 2 --init %s --tol 0 -n 3 -f none --params-out %s -o %s/fit",
                  path_in(dir, "data.txt"), path_in(dir, "params.txt"), path_in(dir, "out.txt"),
                  dir); /* not into the user's out/fit */
    ck_assert_msg(r.rc == 0, "%s", r.err);
    for (int t = 0; t < 3; t++)
        ck_assert_int_eq(lab_iterate(lab), EM_OK);
    em_gmm m;
    char err[256];
    ck_assert_int_eq(em_gmm_load(path_in(dir, "out.txt"), &m, err, sizeof err), EM_OK);
    expect_same_bits(m.mean, lab_mean(lab), 4);
    expect_same_bits(m.cov, lab_cov(lab), 8);
    em_gmm_free(&m);
    lab_free(lab);
}
END_TEST

START_TEST(test_lab_criteria_are_emlab_selects)
{
    em_lab *lab = faithful_lab();
    ck_assert_int_eq(lab_start(lab, 2, EM_INIT_KMEANSPP, 0, 0), EM_OK);
    double l = lab_loglik(lab), p = 11.0; /* 1 weight, 2 x 2 means, 2 x 3 covariances */
    ck_assert_uint_eq(lab_params(lab), 11);
    ck_assert_rel(lab_aic(lab), 2 * p - 2 * l, 1e-15);
    ck_assert_rel(lab_bic(lab), p * log(272.0) - 2 * l, 1e-15);
    ck_assert_int_eq(lab_start(lab, 2, EM_INIT_KMEANSPP, 0, 1), EM_OK);
    ck_assert_uint_eq(lab_params(lab), 10); /* weights held */
    lab_free(lab);
}
END_TEST

/* A component on one point collapses to the floor: the rule of emlab fit. */
START_TEST(test_lab_warns_of_a_collapse)
{
    em_lab *lab = lab_new();
    double x[] = {0, 0, 1, 0.3, 0.4, 1, 2, 2.2, 1.5, 0.7, 9, 9};
    ck_assert_int_eq(lab_set_data(lab, x, 6, 2), EM_OK);
    ck_assert_int_eq(lab_start(lab, 2, EM_INIT_KMEANSPP, 2, 0), EM_OK);
    for (int t = 0; t < 30 && lab_iterate(lab) == EM_OK; t++)
        ;
    int bad = lab_degenerate(lab, 0) != EM_SOUND || lab_degenerate(lab, 1) != EM_SOUND;
    ck_assert_msg(bad, "the lone point at (9, 9) should make a degenerate component");
    lab_free(lab);
}
END_TEST

/* --- the WebAssembly core under node, against the native command -------- */

enum { TRACE_T = 20, TRACE_MAX = 1 + 1 + 8 + 8 * 2 + 8 * 4 };

/* One line of trace.js: t, l, then the model's numbers. Returns how many. */
static size_t trace_line(const char **text, double *v)
{
    size_t c = 0;
    char *end;
    while (**text && **text != '\n' && c < TRACE_MAX) {
        v[c++] = strtod(*text, &end);
        ck_assert_msg(end != *text, "trace.js printed a non-number: %.40s", *text);
        *text = end;
        while (**text == ' ')
            (*text)++;
    }
    if (**text == '\n')
        (*text)++;
    return c;
}

/* The largest relative difference, over every iteration and number, between
 * a trace of the lab (TRACER: WebAssembly under node, or native with a
 * student's blanks) and emlab fit's (native) on DATA. */
static double trace_against_native(const char *tracer, const char *data, size_t K,
                                   const char *init, unsigned seed)
{
    const char *dir = make_tmpdir(), *trace, *err;
    int rc = shell(&trace, &err, "%s %s %zu %s %u %d", tracer, data, K, init, seed, TRACE_T);
    ck_assert_msg(rc == 0, "%s: %s%s", tracer, err, trace);
    ran r = emlab("fit %s -k %zu --init %s --seed %u --tol 0 -n %d -f none -q --out %s", data, K,
                  init, seed, TRACE_T, path_in(dir, "fit"));
    ck_assert_msg(r.rc == 0, "%s", r.err);
    double l[TRACE_T + 1], v[TRACE_MAX], worst = 0.0;
    const char *curve = slurp(path_in(dir, "fit/loglik.dat")); /* "# curve1", then "t l" */
    ck_assert_ptr_nonnull(curve);
    curve = strchr(curve, '\n') + 1;
    for (int t = 0; t <= TRACE_T; t++) {
        double pair[2];
        ck_assert_uint_eq(trace_line(&curve, pair), 2);
        ck_assert(pair[0] == t);
        l[t] = pair[1];
    }
    for (int t = 0; t <= TRACE_T; t++) {
        size_t c = trace_line(&trace, v);
        ran p = emlab("fit %s -k %zu --init %s --seed %u --tol 0 -n %d -f none -q --out %s "
                      "--params-out %s", data, K, init, seed, t, path_in(dir, "o"),
                      path_in(dir, "p.txt"));
        ck_assert_msg(p.rc == 0, "%s", p.err);
        em_gmm m;
        char why[256];
        ck_assert_int_eq(em_gmm_load(path_in(dir, "p.txt"), &m, why, sizeof why), EM_OK);
        size_t d = m.d, want = 2 + K + K * d + K * d * d;
        ck_assert_msg(c == want, "iteration %d: trace.js printed %zu numbers, not %zu", t, c, want);
        ck_assert_msg(v[0] == t, "trace.js's line %d is iteration %g", t, v[0]);
        worst = fmax(worst, rel_err(v[1], l[t]));
        for (size_t k = 0; k < K; k++)
            worst = fmax(worst, rel_err(v[2 + k], m.weight[k]));
        for (size_t j = 0; j < K * d; j++)
            worst = fmax(worst, rel_err(v[2 + K + j], m.mean[j]));
        for (size_t j = 0; j < K * d * d; j++)
            worst = fmax(worst, rel_err(v[2 + K + K * d + j], m.cov[j]));
        em_gmm_free(&m);
    }
    printf("lab: %s against emlab fit on %s (K = %zu, --init %s --seed %u): %d iterations, "
           "largest relative difference %.3g\n", tracer, data, K, init, seed, TRACE_T, worst);
    return worst;
}

static double wasm_against_native(const char *data, size_t K, const char *init, unsigned seed)
{
    return trace_against_native("node tests/lab/trace.js build/lab/lab-core.js", data, K, init,
                                seed);
}

/* --- the lab with a student's blanks (make lab STUDENT=1), natively -------- */

static const char *student_tracer(const char *which)
{
    return keep(em_str_printf("%s/lab/%s/trace", EMLAB_BUILD, which));
}

/* What the lab built with WHICH's blanks prints for ARGS (DATA K INIT SEED
 * ITERS, DATA in tests/data); its exit status in *status. */
static const char *student_run(const char *which, const char *args, int *status)
{
    return capture(keep(em_str_printf("%s " EMLAB_TEST_DATA "/%s", student_tracer(which), args)),
                   status);
}

/* With the course's own solutions in the blanks, the student's lab is the
 * library's: in 1-D (e_step, m_step_mu, m_step_sigma, m_step_pi) and in
 * 2-D (covariance). */
START_TEST(test_lab_student_solutions_are_the_library)
{
    ck_assert_double_le(trace_against_native(student_tracer("course"), EMLAB_TEST_DATA
                                             "/notebook001_1d_data.txt", 2, "data", 42), 1e-12);
    ck_assert_double_le(trace_against_native(student_tracer("course"), EMLAB_TEST_DATA
                                             "/old_faithful.csv", 2, "kmeans++", 0), 1e-12);
    int status;
    const char *out = student_run("course", "old_faithful.csv 2 kmeans++ 0 1", &status);
    ck_assert_ptr_nonnull(strstr(out, "e_step: yours"));
    ck_assert_ptr_nonnull(strstr(out, "covariance: yours"));
}
END_TEST

/* An empty workbook: every step the library's, and the page says so. */
START_TEST(test_lab_student_blanks_not_filled_fall_back)
{
    ck_assert_double_le(trace_against_native(student_tracer("fresh"), EMLAB_TEST_DATA
                                             "/notebook001_1d_data.txt", 2, "data", 42), 1e-12);
    int status;
    const char *out = student_run("fresh", "old_faithful.csv 2 kmeans++ 0 1", &status);
    ck_assert_ptr_nonnull(strstr(out, "m_step_sigma: the library's (not filled yet)"));
    ck_assert_ptr_nonnull(strstr(out, "covariance: the library's (not filled yet)"));
}
END_TEST

/* The student watches their own mistakes: a variance returned as sigma
 * makes the log-likelihood fall (marked); the covariance around the old
 * mean is wrong but never makes it fall (chapter 6's lesson); an E-step
 * that does not normalise stops the lab with what to fix. */
START_TEST(test_lab_student_mistakes_show)
{
    int status;
    const char *out = student_run("m_step_sigma_variance", "notebook001_1d_data.txt 2 data 42 20",
                                  &status);
    ck_assert_int_eq(status, 0);
    size_t fell = 0;
    ck_assert_int_eq(sscanf(strstr(out, "fell "), "fell %zu", &fell), 1);
    ck_assert_msg(fell >= 5, "the variance as sigma: the curve fell %zu times", fell);
    out = student_run("covariance_old_mean", "old_faithful.csv 2 kmeans++ 0 20", &status);
    ck_assert_int_eq(status, 0);
    ck_assert_ptr_nonnull(strstr(out, "fell 0\n"));
    double worst = trace_against_native(student_tracer("covariance_old_mean"),
                                        EMLAB_TEST_DATA "/old_faithful.csv", 2, "kmeans++", 0);
    ck_assert_msg(worst > 1e-6, "the old mean's covariance should differ from EM's (%g)", worst);
    out = student_run("e_step_not_normalised", "notebook001_1d_data.txt 2 data 42 3", &status);
    ck_assert_int_ne(status, 0);
    ck_assert_msg(strstr(out, "error: your e_step: point i = 0's responsibilities add up to") != NULL,
                  "%s", out);
}
END_TEST

START_TEST(test_lab_wasm_trace_is_emlab_fits)
{
    ck_assert_double_le(wasm_against_native(EMLAB_TEST_DATA "/old_faithful.csv", 2, "kmeans++",
                                            0), 1e-12);
    ck_assert_double_le(wasm_against_native(EMLAB_TEST_DATA "/notebook001_2d_data.txt", 3,
                                            "dirichlet", 42), 1e-12);
    ck_assert_double_le(wasm_against_native(EMLAB_TEST_DATA "/notebook001_1d_data.txt", 2,
                                            "data", 42), 1e-12);
}
END_TEST

/* The library's steps can lower l in two ways, and the lab names them
 * instead of calling a step wrong (found by the hostile review): a
 * component leaning on the floor (Sigma_k + reg I is not the maximum), and
 * an emptied component restarted (as em_fit restarts it). */
static int marks_when_run(const char *file, size_t K, em_init_kind how, uint32_t seed, int fixed,
                          size_t iters, size_t *restarted)
{
    em_lab *lab = lab_new();
    ck_assert_int_eq(lab_load_data(lab, file), EM_OK);
    ck_assert_int_eq(lab_start(lab, K, how, seed, fixed), EM_OK);
    int marks = 0;
    *restarted = 0;
    for (size_t t = 0; t < iters && lab_iterate(lab) == EM_OK; t++) {
        marks |= lab_curve_mark(lab, lab_curve_len(lab) - 1);
        if (lab_restarted(lab))
            *restarted = lab_restarted(lab);
    }
    lab_free(lab);
    return marks;
}

START_TEST(test_lab_names_the_falls_it_can_explain)
{
    size_t restarted;
    int m = marks_when_run(EMLAB_TEST_DATA "/lab_falls_at_floor.txt", 7, EM_INIT_KMEANSPP, 3, 1,
                           40, &restarted);
    ck_assert_msg(m & LAB_FLOOR, "a fall at the floor is marked LAB_FLOOR (marks %d)", m);
    ck_assert_msg(!(m & LAB_FELL), "and not as a wrong step (marks %d)", m);
    m = marks_when_run(EMLAB_TEST_DATA "/lab_restart.txt", 8, EM_INIT_DIRICHLET, 70, 0, 40,
                       &restarted);
    ck_assert_msg(restarted > 0, "a component was restarted");
    ck_assert_msg(!(m & LAB_FELL), "a restart is no wrong step (marks %d)", m);
}
END_TEST

/* New sample: the points `emlab sample -k K -d D -n N --seed S` draws. */
START_TEST(test_lab_sample_is_emlab_samples)
{
    em_lab *lab = lab_new();
    ck_assert_int_eq(lab_sample(lab, 50, 2, 3, 9), EM_OK);
    ran r = emlab("sample -k 3 -d 2 -n 50 --seed 9");
    ck_assert_msg(r.rc == 0, "%s", r.err);
    const char *text = r.out;
    for (size_t v = 0; v < 100; v++) {
        char *end;
        double want = strtod(text, &end);
        ck_assert_msg(end != text, "emlab sample printed too few numbers");
        ck_assert_msg(lab_x(lab)[v] == want, "value %zu: lab %.17g, emlab sample %.17g", v,
                      lab_x(lab)[v], want);
        text = end;
    }
    ck_assert_int_eq(lab_sample(lab, 5, 3, 2, 0), EM_EINVAL); /* the lab draws 1 or 2 columns */
    lab_free(lab);
}
END_TEST

Suite *lab_suite(void)
{
    Suite *s = suite_create("lab");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_lab_steps_are_em_fit_bit_for_bit);
    tcase_add_test(tc, test_lab_half_steps_make_an_iteration);
    tcase_add_test(tc, test_lab_back_undoes_each_step);
    tcase_add_test(tc, test_lab_points_by_hand);
    tcase_add_test(tc, test_lab_files_say_where_they_are_wrong);
    tcase_add_test(tc, test_lab_export_continues_in_emlab_fit);
    tcase_add_test(tc, test_lab_criteria_are_emlab_selects);
    tcase_add_test(tc, test_lab_warns_of_a_collapse);
    tcase_add_test(tc, test_lab_names_the_falls_it_can_explain);
    tcase_add_test(tc, test_lab_sample_is_emlab_samples);
    suite_add_tcase(s, tc);
    TCase *wasm = tcase_create("wasm");
    tcase_set_timeout(wasm, 120);
    tcase_add_test(wasm, test_lab_wasm_trace_is_emlab_fits);
    tcase_add_test(wasm, test_lab_student_solutions_are_the_library);
    tcase_add_test(wasm, test_lab_student_blanks_not_filled_fall_back);
    tcase_add_test(wasm, test_lab_student_mistakes_show);
    suite_add_tcase(s, wasm);
    return s;
}
