/*
 * # Chapter 4: EM, written out by hand
 *
 * *From notebook 001, its 1D example.* This is the chapter where you write
 * EM yourself: the E-step, the M-step and the log-likelihood are the small
 * functions below, and the workbook turns each into a blank for you to fill
 * in. Everything around them is given.
 *
 * The data: $n = 300$ points (`N` in the code, as in the notebook), 210
 * from $\mathcal{N}(0, 1)$ and 90 from $\mathcal{N}(5, 1)$, drawn after
 * `np.random.seed(100)` exactly as numpy draws them. The model: $K = 2$
 * components with means $\mu_k$, standard deviations $\sigma_k$ and
 * weights $\pi_k$. EM runs 20 iterations and prints each one in the
 * notebook's own format.
 *
 * Run it: `build/04_em_fill_in` (figures in `out/04_em_fill_in/`).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emlab.h"

enum { N = 300, N1 = 210, K = 2, ITERATIONS = 20 };

/*
 * ## The E-step (Bishop eq. 9.23)
 *
 * For every point $i$ and component $k$, the responsibility
 * ([derived here](math.html#the-e-step))
 *
 * $$\gamma_{ik} = \frac{\pi_k\, \mathcal{N}(x_i \mid \mu_k, \sigma_k^2)}
 *                     {\sum_j \pi_j\, \mathcal{N}(x_i \mid \mu_j, \sigma_j^2)}.$$
 *
 * First the numerator for each $k$, then divide each row by its sum, so
 * that every point's responsibilities add up to 1. `gamma[i * K + k]` is
 * $\gamma_{ik}$, and `em_normal_pdf(x, mu, sigma)` is
 * $\mathcal{N}(x \mid \mu, \sigma^2)$. (The library's E-step does the
 * same in the log domain, which never underflows; with these data the
 * direct form is exact enough and reads like the formula.)
 */
static void e_step(const double *x, const double *mu, const double *sigma, const double *pi,
                   double *gamma)
{
    /* BEGIN SOLUTION e_step */
    for (size_t i = 0; i < N; i++) {
        double total = 0.0;
        for (size_t k = 0; k < K; k++)
            total += gamma[i * K + k] = pi[k] * em_normal_pdf(x[i], mu[k], sigma[k]);
        for (size_t k = 0; k < K; k++)
            gamma[i * K + k] /= total;
    }
    /* END SOLUTION */
}

/*
 * ## The M-step (Bishop eqs. 9.24-9.27, in one dimension)
 *
 * With $N_k = \sum_i \gamma_{ik}$, the effective number of points of
 * component $k$ ([derived here](math.html#the-m-step)):
 *
 * $$\mu_k = \frac{1}{N_k} \sum_{i=1}^{n} \gamma_{ik}\, x_i,$$
 *
 * $$\sigma_k = \sqrt{\frac{1}{N_k} \sum_{i=1}^{n} \gamma_{ik}\, (x_i - \mu_k)^2},$$
 *
 * $$\pi_k = \frac{N_k}{n}$$
 *
 * (with the *new* $\mu_k$ in $\sigma_k$). Three blanks, one per update:
 * `m_step_mu`, `m_step_sigma` (it returns $\sigma_k$, not the variance)
 * and `m_step_pi`.
 *
 * Each update is the weighted version of an everyday estimate: a weighted
 * mean, a weighted (population) standard deviation, a share of the points.
 */
static double effective_count(const double *gamma, size_t k)
{
    double N_k = 0.0;
    for (size_t i = 0; i < N; i++)
        N_k += gamma[i * K + k];
    return N_k;
}

static double m_step_mu(const double *x, const double *gamma, size_t k, double N_k)
{
    double mu_k = 0.0;
    /* BEGIN SOLUTION m_step_mu */
    for (size_t i = 0; i < N; i++)
        mu_k += gamma[i * K + k] * x[i];
    mu_k /= N_k;
    /* END SOLUTION */
    return mu_k;
}

static double m_step_sigma(const double *x, const double *gamma, size_t k, double N_k,
                           double mu_k)
{
    double sigma_k = 0.0;
    /* BEGIN SOLUTION m_step_sigma */
    double s = 0.0;
    for (size_t i = 0; i < N; i++)
        s += gamma[i * K + k] * (x[i] - mu_k) * (x[i] - mu_k);
    sigma_k = sqrt(s / N_k);
    /* END SOLUTION */
    return sigma_k;
}

static double m_step_pi(double N_k)
{
    double pi_k = 0.0;
    /* BEGIN SOLUTION m_step_pi */
    pi_k = N_k / N;
    /* END SOLUTION */
    return pi_k;
}

/*
 * ## The log-likelihood (Bishop eq. 9.28)
 *
 * $$\log L = \sum_{i=1}^{n} \log \Big( \sum_{k=1}^{K} \pi_k\, \mathcal{N}(x_i \mid \mu_k, \sigma_k^2) \Big)$$
 *
 * The log of the sum, not the sum of logs: the components compete for each
 * point inside the logarithm. EM never lets this number fall
 * ([why](math.html#why-the-log-likelihood-never-falls)).
 */
static double log_likelihood(const double *x, const double *mu, const double *sigma,
                             const double *pi)
{
    double ll = 0.0;
    /* BEGIN SOLUTION log_likelihood */
    for (size_t i = 0; i < N; i++) {
        double p = 0.0;
        for (size_t k = 0; k < K; k++)
            p += pi[k] * em_normal_pdf(x[i], mu[k], sigma[k]);
        ll += log(p);
    }
    /* END SOLUTION */
    return ll;
}

/*
 * ## The data and the start
 *
 * `np.random.seed(100)`, then 210 normals $\mathcal{N}(0, 1)$ and 90
 * normals $\mathcal{N}(5, 1)$.
 * The start, after `np.random.seed(42)`: the means are two points of the data
 * chosen at random (`np.random.choice`), both standard deviations the
 * standard deviation of all the data, and equal weights.
 */
static void make_data(double *x)
{
    em_rng r;
    em_rng_seed(&r, 100);
    for (size_t i = 0; i < N; i++)
        x[i] = i < N1 ? em_rng_normal(&r, 0.0, 1.0) : em_rng_normal(&r, 5.0, 1.0);
}

static void initialise(const double *x, uint32_t seed, double *mu, double *sigma, double *pi)
{
    em_rng r;
    em_rng_seed(&r, seed);
    for (size_t k = 0; k < K; k++)
        mu[k] = x[em_rng_choice(&r, N)];
    double count, mean, var; /* np.std: the population form, dividing by N */
    em_weighted_moments(x, N, 1, NULL, 1, 0, &count, &mean, &var);
    for (size_t k = 0; k < K; k++) {
        sigma[k] = sqrt(var);
        pi[k] = 1.0 / K;
    }
}

/*
 * @figure data_histogram.png: The data as the notebook first drew them: a
 * histogram of the 300 points in 10 bins. Two groups, a big one near 0 and
 * a smaller one near 5: EM's job is to find them.
 */

/* The notebook's report of one iteration; and the same numbers to the
 * last digit in trace[] (a row per iteration: mu, sigma, pi, log L). */
static void print_iteration(size_t it, const double *mu, const double *sigma, const double *pi,
                            double ll)
{
    const em_printopts numpy = {.precision = 8}; /* numpy's defaults */
    printf("Iteration %zu\n", it);
    em_print_array(stdout, "  Means: ", mu, K, numpy);
    em_print_array(stdout, "  Stddevs: ", sigma, K, numpy);
    em_print_array(stdout, "  Mixing coefficients: ", pi, K, numpy);
    printf("  Log-likelihood: %.2f\n", ll);
    printf("----------------------------------------\n");
}

/*
 * ## The loop
 *
 * E-step, M-step, log-likelihood, report: twenty times.
 */
enum { TRACE_COLS = 8 };

static void run_em(const double *x, double *mu, double *sigma, double *pi, double *gamma,
                   double *trace)
{
    for (size_t it = 0; it < ITERATIONS; it++) {
        e_step(x, mu, sigma, pi, gamma);
        for (size_t k = 0; k < K; k++) {
            double N_k = effective_count(gamma, k);
            mu[k] = m_step_mu(x, gamma, k, N_k);
            sigma[k] = m_step_sigma(x, gamma, k, N_k, mu[k]);
            pi[k] = m_step_pi(N_k);
        }
        double ll = log_likelihood(x, mu, sigma, pi);
        print_iteration(it + 1, mu, sigma, pi, ll);
        double row[TRACE_COLS] = {(double)(it + 1), mu[0], mu[1], sigma[0], sigma[1], pi[0],
                                  pi[1], ll};
        memcpy(trace + it * TRACE_COLS, row, sizeof row);
    }
}

/*
 * What it prints, iteration by iteration, as the notebook printed it:
 *
 * @output
 *
 * Component 1 settles early on the big group near 0; component 2 starts
 * broad and narrows onto the group near 5, while its weight falls from
 * 1/2 towards the truth's $90/300 = 0.3$. By iteration 20 the
 * log-likelihood no longer changes in its second decimal:
 * $\mu \approx (-0.07, 5.11)$, $\sigma \approx (1.03, 1.08)$,
 * $\pi \approx (0.70, 0.30)$, against the truth's $(0, 5)$, $(1, 1)$ and
 * $(0.7, 0.3)$. When to stop in general is chapter 6's question.
 *
 * @figure fit.png: The fit after 20 iterations, the notebook's last figure:
 * the data as a density histogram, the fitted mixture $p(x)$ and each
 * weighted component $\pi_k\, \mathcal{N}(x \mid \mu_k, \sigma_k^2)$,
 * dashed. The mixture is the sum of the dashed curves.
 *
 * @figure loglik.png: The log-likelihood after each iteration. It rises
 * every time; where it flattens, EM is close to a maximum.
 */

/*
 * ## How the figures are drawn
 *
 * `data_histogram`: the data as the notebook first saw it (10 bins).
 * `fit`: the notebook's final figure, the data as a density histogram (30
 * bins), the fitted mixture, and each weighted component dashed.
 * `loglik`: the log-likelihood against the iteration. `trace.txt` keeps
 * every printed number to the last digit.
 */
static em_status histogram_figure(em_figdir *fd, const double *x, char *err, size_t len)
{
    em_fig f;
    double lo, hi;
    em_status st = em_fig_begin(&f, fd, "data_histogram", "curves.gp", err, len);
    if (st)
        return st;
    em_min_max(x, N, 1, &lo, &hi);
    st = em_fig_histogram(&f, "bars", x, N, 1, 10, lo, hi, 0);
    em_fig_set_num(&f, "has_bars", 1);
    em_fig_set_str(&f, "title_text", "The data: 300 points");
    em_fig_set_str(&f, "ylabel_text", "count");
    if (st) {
        em_fig_abort(&f);
        return st;
    }
    return em_fig_end(&f, err, len);
}

static em_status fit_figure(em_figdir *fd, const double *x, const double *mu,
                            const double *sigma, const double *pi, char *err, size_t len)
{
    const em_fig_1d notebook = {.title = "1D GMM Fit Using EM", .data_key = "Data histogram",
                                .mixture_key = "Fitted GMM", .bins = 30};
    em_gmm m;
    em_status st = em_gmm_alloc(&m, K, 1);
    if (st)
        return st;
    for (size_t k = 0; k < K; k++) {
        m.weight[k] = pi[k];
        m.mean[k] = mu[k];
        m.cov[k] = sigma[k] * sigma[k]; /* the library keeps variances */
    }
    st = em_fig_mixture_1d(fd, "fit", &m, x, N, &notebook, err, len);
    em_gmm_free(&m);
    return st;
}

/* trace.txt: every number of the printed trace, to the last digit, to
 * compare your own run with (the course's reference run gave the same). */
static em_status save_trace(em_figdir *fd, const double *trace, char *err, size_t len)
{
    static char *names[TRACE_COLS] = {"iteration", "mu1", "mu2", "sigma1", "sigma2",
                                      "pi1", "pi2", "loglik"};
    return em_fig_table(fd, "trace.txt", trace, ITERATIONS, TRACE_COLS, names, err, len);
}

static em_status draw(em_figdir *fd, const double *x, const double *mu, const double *sigma,
                      const double *pi, const double *trace, const em_gmm *start, char *err,
                      size_t len)
{
    em_status st = histogram_figure(fd, x, err, len);
    if (st == EM_OK)
        st = fit_figure(fd, x, mu, sigma, pi, err, len);
    if (st == EM_OK)
        st = em_fig_line(fd, "loglik", "The log-likelihood never falls", "iteration",
                         "log-likelihood", trace + 7, ITERATIONS, TRACE_COLS, 1.0, err, len);
    if (st == EM_OK)
        st = save_trace(fd, trace, err, len);
    if (st == EM_OK) /* for the lab and emlab fit */
        st = em_fig_handoff(fd, x, N, 1, start, "the start: two data points, the data's spread",
                            "--reg 0", err, len);
    return st;
}

/*
 * ## The program
 *
 * The data, the start, twenty iterations, the figures (into `--out`, by
 * default `out/04_em_fill_in/`).
 */
int main(int argc, char **argv)
{
    em_cli cli = {.seed = 42};
    int rc = em_cli_parse(&cli, argc, argv,
                          "Chapter 4: EM in 1D written out by hand (notebook 001): 300 points, "
                          "K = 2, 20 iterations printed in the notebook's format. --seed seeds "
                          "the start (np.random.seed(42) in the notebook); the data always come "
                          "from seed 100.");
    if (rc >= 0)
        return rc;
    double x[N], gamma[N * K], mu[K], sigma[K], pi[K], trace[ITERATIONS * TRACE_COLS];
    char err[1024] = "";
    em_figdir fd;
    make_data(x);
    initialise(x, cli.seed, mu, sigma, pi);
    double var0[K], pi0[K], mu0[K]; /* the start, kept for the lab (em_fig_handoff) */
    for (size_t k = 0; k < K; k++) {
        mu0[k] = mu[k];
        var0[k] = sigma[k] * sigma[k];
        pi0[k] = pi[k];
    }
    const em_gmm start = {.K = K, .d = 1, .weight = pi0, .mean = mu0, .cov = var0};
    run_em(x, mu, sigma, pi, gamma, trace);
    if ((rc = em_cli_open(&cli, &fd)) != 0)
        return rc;
    return em_cli_finish(&cli, &fd,
                         draw(&fd, x, mu, sigma, pi, trace, &start, err, sizeof err), err);
}
