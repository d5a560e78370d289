/* test_em.c — E-step, M-step, log-likelihood and the fit loop, against the
 * notebooks' numbers, a hand-worked example and the EM theorem. */
#include "emlab_test.h"
#include <stdlib.h>
#include <string.h>

/* 1D mixture from weights, means and variances. */
static void mixture_1d(em_gmm *m, size_t K, const double *w, const double *mu, const double *var)
{
    ck_assert_int_eq(em_gmm_alloc(m, K, 1), EM_OK);
    memcpy(m->weight, w, K * sizeof *w);
    memcpy(m->mean, mu, K * sizeof *mu);
    memcpy(m->cov, var, K * sizeof *var);
}

START_TEST(test_resp_table_matches_notebook_003)
{
    /* notebook 003, printed with np.set_printoptions(precision=6) */
    static const double printed[7][3] = {
        {1.0, 0.0, 0.0},           {0.999999, 0.000001, 0.0}, {0.057069, 0.942926, 0.000004},
        {0.00015, 0.999844, 0.000006}, {0.00001, 0.066237, 0.933753}, {0.0, 0.0, 1.0},
        {0.0, 0.0, 1.0}};
    double x[7] = {-3, -2.5, -1, 0, 2, 4, 5}, resp[21];
    double w[3] = {1.0 / 3, 1.0 / 3, 1.0 / 3}, mu[3] = {-4, 0, 8}, var[3] = {1, 0.2, 3};
    em_gmm m;
    mixture_1d(&m, 3, w, mu, var);
    ck_assert_int_eq(em_e_step(&m, x, 7, resp, NULL, NULL), EM_OK);
    for (int i = 0; i < 7; i++)
        for (int k = 0; k < 3; k++)
            ck_assert_msg(fabs(resp[i * 3 + k] - printed[i][k]) <= 5e-7,
                          "gamma[%d][%d] = %.8f, notebook printed %.6f", i, k, resp[i * 3 + k],
                          printed[i][k]);
    em_gmm_free(&m);
}
END_TEST

START_TEST(test_variance_for_sigma_pitfall_of_notebook_003)
{
    /* The notebook's cell passed covs as scale= (a variance where a standard
     * deviation belongs) and got gamma = 0.24968589892074194 for point 3
     * (x = -1) and component 3; the right responsibility is 0.000004. */
    double x = -1.0, mu[3] = {-4, 0, 8}, var[3] = {1, 0.2, 3}, q[3], qq = 0.0;
    for (int k = 0; k < 3; k++)
        qq += q[k] = em_normal_pdf(x, mu[k], var[k]) / 3.0; /* the mistake */
    ck_assert_rel(q[0], 0.0014772828039793357, 1e-14);
    ck_assert_rel(q[1], 2.4778658578904965e-06, 1e-14);
    ck_assert_rel(q[2], 0.0004924276013264453, 1e-14);
    ck_assert_rel(qq, 0.0019721882711636715, 1e-14);
    ck_assert_rel(q[2] / qq, 0.24968589892074194, 1e-14);
    /* the same cell's right numerator: scale = sqrt(variance) */
    ck_assert_rel(em_normal_pdf(x, mu[2], sqrt(var[2])) / 3.0, 1.0525740966894856e-07, 1e-14);
    double w[3] = {1.0 / 3, 1.0 / 3, 1.0 / 3}, pts[7] = {-3, -2.5, -1, 0, 2, 4, 5}, resp[21];
    em_gmm m;
    mixture_1d(&m, 3, w, mu, var);
    ck_assert_int_eq(em_e_step(&m, pts, 7, resp, NULL, NULL), EM_OK);
    ck_assert(fabs(resp[2 * 3 + 2] - 0.000004) <= 5e-7);
    em_gmm_free(&m);
}
END_TEST

START_TEST(test_e_step_forty_sigma_out)
{
    /* every density is below exp(-800): a naive p_k / sum p_j is 0/0 */
    double x[2] = {-40.0, 45.0}, resp[4], l;
    double w[2] = {0.5, 0.5}, mu[2] = {0.0, 1.0}, var[2] = {1.0, 1.0};
    em_gmm m;
    mixture_1d(&m, 2, w, mu, var);
    ck_assert_int_eq(em_e_step(&m, x, 2, resp, &l, NULL), EM_OK);
    ck_assert(isfinite(l));
    /* x = -40 is nearer mean 0: gamma_0 = 1 / (1 + exp(-40.5)) */
    ck_assert_rel(resp[0], 1.0 / (1.0 + exp(-40.5)), 1e-15);
    ck_assert_rel(resp[1], exp(-40.5) / (1.0 + exp(-40.5)), 1e-12);
    ck_assert_rel(resp[2] + resp[3], 1.0, 1e-15);
    ck_assert(resp[3] > resp[2]);
    em_gmm_free(&m);
}
END_TEST

START_TEST(test_m_step_three_points_by_hand)
{
    /* x = 0, 1, 3 with gamma = (1,0), (1/2,1/2), (0,1):
     * N = (3/2, 3/2); mu = (1/3, 7/3); sigma^2 = (2/9, 8/9); pi = (1/2, 1/2) */
    double x[3] = {0, 1, 3}, resp[6] = {1, 0, 0.5, 0.5, 0, 1};
    em_gmm m;
    ck_assert_int_eq(em_gmm_alloc(&m, 2, 1), EM_OK);
    em_options opt = em_default_options();
    opt.reg = 0.0;
    em_mstep_info info;
    ck_assert_int_eq(em_m_step(&m, x, 3, resp, &opt, &info), EM_OK);
    ck_assert_uint_eq(info.n_empty, 0);
    ck_assert_rel(m.mean[0], 1.0 / 3, 1e-15);
    ck_assert_rel(m.mean[1], 7.0 / 3, 1e-15);
    ck_assert_rel(m.cov[0], 2.0 / 9, 1e-15);
    ck_assert_rel(m.cov[1], 8.0 / 9, 1e-15);
    ck_assert_rel(m.weight[0], 0.5, 1e-15);
    /* the variance floor is added to the diagonal */
    opt.reg = 0.1;
    ck_assert_int_eq(em_m_step(&m, x, 3, resp, &opt, NULL), EM_OK);
    ck_assert_rel(m.cov[0], 2.0 / 9 + 0.1, 1e-15);
    em_gmm_free(&m);
}
END_TEST

START_TEST(test_m_step_covariance_around_new_mean_2d)
{
    /* one component, gamma = (1, 1, 1/2): N = 5/2, mu = (1, 2) / 2.5 = (0.4, 0.8),
     * deviations (-0.4, -0.8), (1.6, -0.8), (-2.4, 3.2), and
     * Sigma = sum gamma_i (x_i - mu)(x_i - mu)^T / N worked by hand */
    double x[6] = {0, 0, 2, 0, -2, 4}, resp[3] = {1, 1, 0.5};
    em_gmm m;
    ck_assert_int_eq(em_gmm_alloc(&m, 1, 2), EM_OK);
    em_options opt = em_default_options();
    opt.reg = 0.0;
    ck_assert_int_eq(em_m_step(&m, x, 3, resp, &opt, NULL), EM_OK);
    ck_assert_rel(m.mean[0], 0.4, 1e-15);
    ck_assert_rel(m.mean[1], 0.8, 1e-15);
    /* xx: (0.16 + 2.56 + 0.5*5.76) / 2.5 = 2.24
     * xy: (0.32 - 1.28 + 0.5*(-7.68)) / 2.5 = -1.92
     * yy: (0.64 + 0.64 + 0.5*10.24) / 2.5 = 2.56 */
    ck_assert_rel(m.cov[0], 2.24, 1e-14);
    ck_assert_rel(m.cov[1], -1.92, 1e-14);
    ck_assert_rel(m.cov[2], -1.92, 1e-14);
    ck_assert_rel(m.cov[3], 2.56, 1e-14);
    ck_assert_rel(m.weight[0], 2.5 / 3, 1e-15);
    em_gmm_free(&m);
}
END_TEST

START_TEST(test_m_step_fixed_weights)
{
    double x[3] = {0, 1, 3}, resp[6] = {1, 0, 1, 0, 0, 1};
    em_gmm m;
    ck_assert_int_eq(em_gmm_alloc(&m, 2, 1), EM_OK);
    em_options opt = em_default_options();
    opt.fixed_weights = 1;
    ck_assert_int_eq(em_m_step(&m, x, 3, resp, &opt, NULL), EM_OK);
    ck_assert_double_eq(m.weight[0], 0.5);
    ck_assert_double_eq(m.weight[1], 0.5);
    ck_assert_rel(m.mean[0], 0.5, 1e-15);
    em_gmm_free(&m);
}
END_TEST

START_TEST(test_log_likelihood_sum_and_mean)
{
    double x[3] = {-1, 0, 2}, w[1] = {1}, mu[1] = {0}, var[1] = {4}, sum, mean;
    em_gmm m;
    mixture_1d(&m, 1, w, mu, var);
    ck_assert_int_eq(em_log_likelihood(&m, x, 3, &sum, &mean), EM_OK);
    double want = 0.0;
    for (int i = 0; i < 3; i++)
        want += em_normal_logpdf(x[i], 0.0, 2.0);
    ck_assert_rel(sum, want, 1e-15);
    ck_assert_rel(mean, want / 3, 1e-15);
    em_gmm_free(&m);
}
END_TEST

/* Observer that records the 1D parameters of every iteration. */
typedef struct {
    double row[64][7]; /* mu1 mu2 sigma1 sigma2 pi1 pi2 loglik */
    size_t count;
} trace_1d;

static int record_1d(size_t iter, const em_gmm *m, const double *resp, double l, void *ctx)
{
    (void)resp;
    trace_1d *t = ctx;
    ck_assert_uint_eq(iter, t->count);
    double *r = t->row[t->count++];
    r[0] = m->mean[0];
    r[1] = m->mean[1];
    r[2] = sqrt(m->cov[0]);
    r[3] = sqrt(m->cov[1]);
    r[4] = m->weight[0];
    r[5] = m->weight[1];
    r[6] = l;
    return 0;
}

START_TEST(test_trace_matches_notebook_001_1d)
{
    /* data: seed(100); init: seed(42), mu = choice(data, 2), sigma = std(data) */
    double x[300], golden[20 * 8];
    em_rng r;
    em_rng_seed(&r, 100);
    for (int i = 0; i < 300; i++)
        x[i] = i < 210 ? em_rng_normal(&r, 0, 1) : em_rng_normal(&r, 5, 1);
    em_gmm m;
    ck_assert_int_eq(em_gmm_alloc(&m, 2, 1), EM_OK);
    em_rng_seed(&r, 42);
    ck_assert_int_eq(em_init_from_data(&m, x, 300, &r), EM_OK);
    /* the golden file's header: init mu -2.9733154740508856 5.025191903274544,
     * sigma 2.5929428691653102 */
    ck_assert_rel(m.mean[0], -2.9733154740508856, 1e-15);
    ck_assert_rel(m.mean[1], 5.025191903274544, 1e-15);
    ck_assert_rel(sqrt(m.cov[0]), 2.5929428691653102, 1e-14);
    ck_assert_rel(sqrt(m.cov[1]), 2.5929428691653102, 1e-14);

    trace_1d *t = calloc(1, sizeof *t);
    em_options opt = em_default_options();
    opt.max_iter = 20;
    opt.tol = 0.0;
    opt.reg = 0.0;
    opt.observer = record_1d;
    opt.observer_ctx = t;
    em_result res;
    ck_assert_int_eq(em_fit(&m, x, 300, &opt, NULL, &res), EM_OK);
    ck_assert_uint_eq(res.iterations, 20);
    ck_assert_uint_eq(t->count, 21);
    ck_assert_uint_eq(read_numbers("notebook001_1d_trace.txt", golden, 160), 160);
    for (int it = 1; it <= 20; it++) {
        const double *g = golden + (it - 1) * 8;
        ck_assert_int_eq((int)g[0], it);
        for (int c = 0; c < 7; c++)
            ck_assert_msg(rel_err(t->row[it][c], g[c + 1]) <= 1e-9,
                          "iteration %d, column %d: %.17g, notebook %.17g", it, c + 1,
                          t->row[it][c], g[c + 1]);
    }
    ck_assert_rel(res.loglik, -616.67879969165642, 1e-9);
    em_result_free(&res);
    free(t);
    em_gmm_free(&m);
}
END_TEST

/* Observer for the 2D trace: pi1 pi2 mu1 mu2 cov1 cov2 loglik, 15 columns. */
typedef struct {
    double row[41][15];
    size_t count;
} trace_2d;

static int record_2d(size_t iter, const em_gmm *m, const double *resp, double l, void *ctx)
{
    (void)resp;
    (void)iter;
    trace_2d *t = ctx;
    double *r = t->row[t->count++];
    memcpy(r, m->weight, 2 * sizeof(double));
    memcpy(r + 2, m->mean, 4 * sizeof(double));
    memcpy(r + 6, m->cov, 8 * sizeof(double));
    r[14] = l;
    return 0;
}

START_TEST(test_trace_matches_notebook_001_2d)
{
    double x[600], init_resp[10], golden[41 * 16], resp0[600];
    ck_assert_uint_eq(read_numbers("notebook001_2d_data.txt", x, 600), 600);
    ck_assert_uint_eq(read_numbers("notebook001_2d_init_resp.txt", init_resp, 10), 10);
    ck_assert_uint_eq(read_numbers("notebook001_2d_trace.txt", golden, 41 * 16), 41 * 16);
    em_gmm m;
    em_rng r;
    ck_assert_int_eq(em_gmm_alloc(&m, 2, 2), EM_OK);
    em_rng_seed(&r, 42);
    em_options opt = em_default_options();
    opt.max_iter = 40;
    opt.tol = 0.0;
    opt.reg = 0.0;
    ck_assert_int_eq(em_init_dirichlet(&m, x, 300, &r, &opt, resp0), EM_OK);
    for (int v = 0; v < 10; v++)
        ck_assert_msg(ulps(resp0[v], init_resp[v]) <= 2, "gamma_0 value %d: %.17g vs %.17g", v,
                      resp0[v], init_resp[v]);
    trace_2d *t = calloc(1, sizeof *t);
    opt.observer = record_2d;
    opt.observer_ctx = t;
    em_result res;
    ck_assert_int_eq(em_fit(&m, x, 300, &opt, NULL, &res), EM_OK);
    ck_assert_uint_eq(t->count, 41);
    for (int it = 0; it <= 40; it++)
        for (int c = 0; c < 15; c++)
            ck_assert_msg(rel_err(t->row[it][c], golden[it * 16 + 1 + c]) <= 1e-9,
                          "iteration %d, column %d: %.17g, notebook %.17g", it, c + 1,
                          t->row[it][c], golden[it * 16 + 1 + c]);
    em_result_free(&res);
    free(t);
    em_gmm_free(&m);
}
END_TEST

/* A random mixture of K components in d dimensions, well conditioned. */
static void random_mixture(em_gmm *m, size_t K, size_t d, em_rng *r)
{
    ck_assert_int_eq(em_gmm_alloc(m, K, d), EM_OK);
    double sum = 0.0;
    for (size_t k = 0; k < K; k++) {
        sum += m->weight[k] = 0.5 + em_rng_uniform(r);
        for (size_t j = 0; j < d; j++)
            m->mean[k * d + j] = em_rng_normal(r, 0.0, 3.0);
        double *S = m->cov + k * d * d;
        for (size_t j = 0; j < d; j++) /* S = A A^T + I/2 */
            for (size_t l = 0; l < d; l++) {
                double s = j == l ? 0.5 : 0.0;
                for (size_t c = 0; c < d; c++)
                    s += 0.5 * sin((double)(k + 1) * (j + 1) * (c + 3)) *
                         sin((double)(k + 1) * (l + 1) * (c + 3));
                S[j * d + l] = s;
            }
    }
    for (size_t k = 0; k < K; k++)
        m->weight[k] /= sum;
}

START_TEST(test_loglik_never_decreases_over_100_problems)
{
    em_rng r;
    em_rng_seed(&r, 2026);
    int problems = 0;
    for (size_t d = 1; d <= 5; d++)
        for (size_t K = 1; K <= 6; K++)
            for (int rep = 0; rep < 4 && problems < 100; rep++, problems++) {
                em_gmm truth, m;
                random_mixture(&truth, K, d, &r);
                size_t n = 60 * K * d;
                double *x = malloc(n * d * sizeof *x);
                ck_assert_int_eq(em_gmm_sample(&truth, &r, n, x, NULL), EM_OK);
                ck_assert_int_eq(em_gmm_alloc(&m, K, d), EM_OK);
                ck_assert_int_eq(em_init_kmeanspp(&m, x, n, &r), EM_OK);
                em_options opt = em_default_options();
                opt.max_iter = 25;
                opt.tol = 0.0;
                opt.reg = 0.0;
                em_result res;
                em_status st = em_fit(&m, x, n, &opt, NULL, &res);
                ck_assert_msg(st == EM_OK, "d=%zu K=%zu: %s", d, K, em_strerror(st));
                ck_assert_uint_eq(res.n_empty, 0);
                for (size_t t = 1; t <= res.iterations; t++)
                    ck_assert_msg(res.history[t] >= res.history[t - 1] - 1e-10 * fabs(res.history[t - 1]),
                                  "d=%zu K=%zu: l fell from %.17g to %.17g at iteration %zu", d, K,
                                  res.history[t - 1], res.history[t], t);
                em_result_free(&res);
                em_gmm_free(&m);
                em_gmm_free(&truth);
                free(x);
            }
    ck_assert_int_eq(problems, 100);
}
END_TEST

static int stop_at_three(size_t iter, const em_gmm *m, const double *resp, double l, void *ctx)
{
    (void)m, (void)resp, (void)l;
    *(size_t *)ctx = iter;
    return iter == 3;
}

START_TEST(test_fit_observer_can_stop_and_tol_converges)
{
    double x[8] = {-2.1, -1.9, -2.0, -2.2, 3.0, 3.1, 2.9, 3.2};
    double w[2] = {0.5, 0.5}, mu[2] = {-1, 1}, var[2] = {1, 1};
    em_gmm m;
    mixture_1d(&m, 2, w, mu, var);
    em_options opt = em_default_options();
    size_t last = 0;
    opt.tol = 0.0;
    opt.observer = stop_at_three;
    opt.observer_ctx = &last;
    em_result res;
    ck_assert_int_eq(em_fit(&m, x, 8, &opt, NULL, &res), EM_OK);
    ck_assert_uint_eq(res.iterations, 3);
    ck_assert_uint_eq(last, 3);
    ck_assert_int_eq(res.converged, 0);
    em_result_free(&res);
    /* with a tolerance and no observer, it stops by itself */
    opt.observer = NULL;
    opt.tol = 1e-4;
    ck_assert_int_eq(em_fit(&m, x, 8, &opt, NULL, &res), EM_OK);
    ck_assert_int_eq(res.converged, 1);
    ck_assert_uint_lt(res.iterations, 100);
    ck_assert(res.history[res.iterations] - res.history[res.iterations - 1] < opt.tol);
    ck_assert_rel(m.mean[0], -2.05, 1e-6);
    em_result_free(&res);
    em_gmm_free(&m);
}
END_TEST

START_TEST(test_fit_refuses_bad_problems)
{
    double x[4] = {0, 1, NAN, 3};
    double w[2] = {0.5, 0.5}, mu[2] = {0, 1}, var[2] = {1, 1};
    em_gmm m;
    mixture_1d(&m, 2, w, mu, var);
    em_options opt = em_default_options();
    em_result res;
    ck_assert_int_eq(em_fit(&m, x, 1, &opt, NULL, &res), EM_ETOOFEW);
    ck_assert_int_eq(em_fit(&m, x, 4, &opt, NULL, &res), EM_ENONFINITE);
    ck_assert_uint_eq(res.bad_index, 2);
    x[2] = 2;
    m.cov[1] = -1.0;
    ck_assert_int_eq(em_fit(&m, x, 4, &opt, NULL, &res), EM_ESINGULAR);
    ck_assert_uint_eq(res.bad_k, 1);
    em_gmm_free(&m);
}
END_TEST

START_TEST(test_fit_reports_collapse_without_floor)
{
    /* two piles of identical points and reg = 0: each component shrinks onto
     * one pile until its variance is exactly 0 */
    double x[6] = {0, 0, 0, 1, 1, 1};
    double w[2] = {0.5, 0.5}, mu[2] = {0.1, 0.9}, var[2] = {0.1, 0.1};
    em_gmm m;
    mixture_1d(&m, 2, w, mu, var);
    em_options opt = em_default_options();
    opt.reg = 0.0;
    opt.tol = 0.0;
    em_result res;
    ck_assert_int_eq(em_fit(&m, x, 6, &opt, NULL, &res), EM_ESINGULAR);
    ck_assert_uint_lt(res.bad_k, 2);
    ck_assert(m.cov[0] > 0.0 && m.cov[1] > 0.0); /* the last good model */
    ck_assert(isfinite(res.loglik));
    em_result_free(&res);
    em_gmm_free(&m);
    /* the floor keeps it alive */
    mixture_1d(&m, 2, w, mu, var);
    opt.reg = 1e-6;
    opt.max_iter = 50;
    ck_assert_int_eq(em_fit(&m, x, 6, &opt, NULL, &res), EM_OK);
    ck_assert_rel(m.cov[0], 1e-6, 1e-9);
    em_result_free(&res);
    em_gmm_free(&m);
}
END_TEST

START_TEST(test_empty_component_is_restarted)
{
    /* component 2 sits 1000 sigma away with a tiny weight: it gets no points */
    double x[6] = {-1, -0.5, 0, 0.5, 1, 8};
    double w[2] = {1.0 - 1e-300, 1e-300}, mu[2] = {0, 1000}, var[2] = {1, 1};
    em_gmm m;
    mixture_1d(&m, 2, w, mu, var);
    em_options opt = em_default_options();
    opt.max_iter = 30;
    em_result res;
    ck_assert_int_eq(em_fit(&m, x, 6, &opt, NULL, &res), EM_OK);
    ck_assert_uint_ge(res.n_empty, 1);
    ck_assert_uint_eq(res.last_empty, 1);
    /* restarted at the point farthest from the other mean: x = 8 */
    ck_assert_rel(m.mean[1], 8.0, 1e-6);
    ck_assert(isfinite(res.loglik));
    ck_assert_rel(m.weight[0] + m.weight[1], 1.0, 1e-12);
    em_result_free(&res);
    em_gmm_free(&m);
}
END_TEST

#ifdef _OPENMP
#include <omp.h>
#endif

START_TEST(test_fit_is_the_same_on_any_number_of_threads)
{
    /* the E-step's blocks are summed in a fixed order: one thread or all
     * give the same bits (the promise is 1e-12; this checks equality) */
    em_rng r;
    em_rng_seed(&r, 77);
    em_gmm truth, a, b;
    random_mixture(&truth, 4, 3, &r);
    const size_t n = 50000;
    double *x = malloc(n * 3 * sizeof *x);
    ck_assert_int_eq(em_gmm_sample(&truth, &r, n, x, NULL), EM_OK);
    ck_assert_int_eq(em_gmm_alloc(&a, 4, 3), EM_OK);
    ck_assert_int_eq(em_gmm_alloc(&b, 4, 3), EM_OK);
    ck_assert_int_eq(em_init_kmeanspp(&a, x, n, &r), EM_OK);
    em_gmm_copy(&b, &a);
    em_options opt = em_default_options();
    opt.max_iter = 15;
    opt.tol = 0.0;
    em_result ra, rb;
#ifdef _OPENMP
    omp_set_num_threads(1);
#endif
    ck_assert_int_eq(em_fit(&a, x, n, &opt, NULL, &ra), EM_OK);
#ifdef _OPENMP
    omp_set_num_threads(omp_get_num_procs() > 1 ? omp_get_num_procs() : 2);
#endif
    ck_assert_int_eq(em_fit(&b, x, n, &opt, NULL, &rb), EM_OK);
    ck_assert_mem_eq(a.mean, b.mean, 12 * sizeof(double));
    ck_assert_mem_eq(a.cov, b.cov, 36 * sizeof(double));
    ck_assert_mem_eq(a.weight, b.weight, 4 * sizeof(double));
    ck_assert_double_eq(ra.loglik, rb.loglik);
    em_result_free(&ra);
    em_result_free(&rb);
    em_gmm_free(&a);
    em_gmm_free(&b);
    em_gmm_free(&truth);
    free(x);
}
END_TEST

Suite *em_suite(void)
{
    Suite *s = suite_create("em");
    TCase *steps = tcase_create("steps");
    tcase_add_test(steps, test_resp_table_matches_notebook_003);
    tcase_add_test(steps, test_variance_for_sigma_pitfall_of_notebook_003);
    tcase_add_test(steps, test_e_step_forty_sigma_out);
    tcase_add_test(steps, test_m_step_three_points_by_hand);
    tcase_add_test(steps, test_m_step_covariance_around_new_mean_2d);
    tcase_add_test(steps, test_m_step_fixed_weights);
    tcase_add_test(steps, test_log_likelihood_sum_and_mean);
    suite_add_tcase(s, steps);
    TCase *fit = tcase_create("fit");
    tcase_set_timeout(fit, 60);
    tcase_add_test(fit, test_trace_matches_notebook_001_1d);
    tcase_add_test(fit, test_trace_matches_notebook_001_2d);
    tcase_add_test(fit, test_loglik_never_decreases_over_100_problems);
    tcase_add_test(fit, test_fit_observer_can_stop_and_tol_converges);
    tcase_add_test(fit, test_fit_refuses_bad_problems);
    tcase_add_test(fit, test_fit_reports_collapse_without_floor);
    tcase_add_test(fit, test_empty_component_is_restarted);
    tcase_add_test(fit, test_fit_is_the_same_on_any_number_of_threads);
    suite_add_tcase(s, fit);
    return s;
}
