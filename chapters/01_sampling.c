/*
 * # Chapter 1: Sampling from a mixture
 *
 * *From notebook 002, which stops at an unfinished line: `index = `. Here it
 * is finished.* Before fitting a mixture we make one, and draw from it.
 *
 * A Gaussian mixture is a recipe for making points in two steps:
 *
 * 1. choose a component $k$ with probability $\pi_k$ (the hidden label
 *    $z = k$);
 * 2. draw the point from that component, $x \sim \mathcal{N}(\mu_k, \Sigma_k)$.
 *
 * Its density is the weighted sum of the components' densities (Bishop,
 * PRML eq. 9.7; see [the model](math.html#the-model)):
 *
 * $$p(x) = \sum_{k=1}^{K} \pi_k\, \mathcal{N}(x \mid \mu_k, \Sigma_k).$$
 *
 * The notebook's mixture: $K = 5$ components in $d = 2$ dimensions, means
 * uniform in $[-10, 10]^2$, covariances $\Sigma_k = A^{\mathsf T} A$ with $A$
 * a $d \times d$ matrix of standard normals ($A^{\mathsf T} A$ is symmetric
 * and, almost surely, positive definite), and random weights normalised to
 * sum to 1. We draw $n = 100\,000$ points (`N` in the code, as in the
 * notebook).
 *
 * Run it: `build/01_sampling` (figures in `out/01_sampling/`).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emlab.h"

enum { K = 5, N = 100000, HANDOFF = 2000 };
static const double XMAX = 10.0;

/*
 * ## Making the mixture
 *
 * In the notebook's order, so `np.random.seed(S)` there gives the same
 * mixture here: all the means first (`np.random.rand(K*d)`), then one random
 * matrix per covariance (`np.random.randn(d, d)`), then the weights
 * (`np.random.rand(K)`, divided by their sum).
 */
static void make_mixture(em_rng *r, em_gmm *m)
{
    size_t d = m->d;
    for (size_t v = 0; v < K * d; v++)
        m->mean[v] = XMAX * 2 * (em_rng_uniform(r) - 0.5); /* uniform in [-10, 10) */
    for (size_t k = 0; k < K; k++) {
        double A[4]; /* d x d, d <= 2 */
        for (size_t v = 0; v < d * d; v++)
            A[v] = em_rng_gauss(r);
        double *Sigma = m->cov + k * d * d; /* Sigma = A^T A */
        for (size_t j = 0; j < d; j++)
            for (size_t l = 0; l < d; l++) {
                double s = 0.0;
                for (size_t i = 0; i < d; i++)
                    s += A[i * d + j] * A[i * d + l];
                Sigma[j * d + l] = s;
            }
    }
    double total = 0.0;
    for (size_t k = 0; k < K; k++)
        total += m->weight[k] = em_rng_uniform(r);
    for (size_t k = 0; k < K; k++)
        m->weight[k] /= total;
}

/*
 * ## Choosing a component: the unfinished line
 *
 * Line the weights up end to end on $[0, 1]$: component $k$ owns the
 * interval $[\text{cum}_{k-1}, \text{cum}_k)$, where
 * $\text{cum}_k = \pi_0 + \dots + \pi_k$. A uniform number $z$ lands in
 * component $k$'s interval with probability exactly $\pi_k$. So
 *
 * $$\text{index} = \min\{\, k : z < \text{cum}_k \,\}$$
 *
 * (in numpy: `np.searchsorted(np.cumsum(pi), z, side='right')`). This is
 * the inverse-CDF method: the cumulative weights are the CDF of the label,
 * and we invert it at $z$. Indices start at 0; if rounding left the last
 * $\text{cum}_k$ a hair below $z$, the answer is the last component,
 * $K - 1$.
 */
static size_t choose_component(const double *cum, size_t n_comp, double z)
{
    size_t index = n_comp - 1;
    /* BEGIN SOLUTION choose_component */
    for (size_t k = 0; k < n_comp; k++)
        if (z < cum[k]) {
            index = k;
            break;
        }
    /* END SOLUTION */
    return index;
}

/*
 * ## Drawing the samples
 *
 * First every hidden label $z_i$ ($n$ uniforms, the notebook's
 * `z = np.random.rand(N)`), then each point from its component's Gaussian,
 *
 * $$x_i = \mu_{z_i} + L_{z_i}\, e,$$
 *
 * with $e \sim \mathcal{N}(0, I)$ standard normal and $L_k$ the Cholesky
 * factor of $\Sigma_k = L_k L_k^{\mathsf T}$: then $x_i$ has mean
 * $\mu_k$ and covariance $L_k\, I\, L_k^{\mathsf T} = \Sigma_k$.
 */
static em_status sample(const em_gmm *m, em_rng *r, double *x, size_t *z)
{
    double cum[K], acc = 0.0;
    for (size_t k = 0; k < K; k++)
        cum[k] = acc += m->weight[k];
    for (size_t i = 0; i < N; i++)
        z[i] = choose_component(cum, K, em_rng_uniform(r));
    em_gmm_eval ev; /* each component's Cholesky factor, once */
    em_status st = em_gmm_eval_init(&ev, m, NULL);
    if (st)
        return st;
    for (size_t i = 0; i < N; i++)
        em_mvn_sample(&ev.comp[z[i]], r, x + i * m->d);
    em_gmm_eval_free(&ev);
    return EM_OK;
}

static void print_mixture(const em_gmm *m)
{
    const em_printopts six = {.precision = 6}, eight = {.precision = 8};
    size_t d = m->d;
    double cum[K], acc = 0.0;
    printf("d = %zu: K = %d components\n", d, K);
    for (size_t k = 0; k < K; k++) {
        char *mu = em_numpy_format(m->mean + k * d, 1, d, 0, six, 0);
        char *Sigma = em_numpy_format(m->cov + k * d * d, 1, d * d, 0, six, 0);
        if (mu && Sigma)
            printf("  component %zu: pi = %.6f  mu = %s  Sigma = %s\n", k + 1, m->weight[k], mu,
                   Sigma);
        free(mu);
        free(Sigma);
        cum[k] = acc += m->weight[k];
    }
    em_print_array(stdout, "  cum_sum_pi_k = ", cum, K, eight);
    for (int q = 1; q <= 3; q++) {
        double z = 0.31 * q;
        size_t k = choose_component(cum, K, z);
        printf("  z = %.2f: the first cum_k above z is cum_%zu, so index = %zu\n", z, k, k);
    }
}

/* Each component's share of the samples beside its weight pi_k. */
static void print_shares(const em_gmm *m, const size_t *z)
{
    size_t count[K] = {0};
    for (size_t i = 0; i < N; i++)
        count[z[i]]++;
    printf("  %-9s %10s %10s\n", "component", "pi_k", "share");
    for (size_t k = 0; k < K; k++)
        printf("  %-9zu %10.6f %10.6f\n", k + 1, m->weight[k], (double)count[k] / N);
}

/*
 * ## Running it
 *
 * Make the mixture, print it, draw the samples and count them: the 2D
 * mixture first, then, from the same seed, a 1D one.
 */
static em_status run(em_gmm *m, uint32_t seed, double *x, size_t *z)
{
    em_rng r;
    em_rng_seed(&r, seed);
    make_mixture(&r, m);
    print_mixture(m);
    em_status st = sample(m, &r, x, z);
    if (st == EM_OK)
        print_shares(m, z);
    return st;
}

/*
 * The 2D mixture, its cumulative weights, three values of $z$ with the
 * component each one picks, and each component's share of the samples:
 *
 * @output
 *
 * The samples follow the weights: each component's share is within two
 * standard deviations of its $\pi_k$, where the standard deviation of a
 * binomial share is $\sqrt{\pi_k (1 - \pi_k) / n}$, a few thousandths.
 *
 * @figure density.png: The mixture density $p(x)$ as an image, dark where
 * points are likely (the notebook's window $[-15, 15]^2$, widened to hold
 * every sample). Five hills, one per component; a hill's height is its
 * weight $\pi_k$ over the spread of its covariance, so a broad component
 * with a large weight can still be faint.
 *
 * @figure samples.png: The 100 000 samples coloured by the component that
 * made them (the hidden label $z_i$), over grey contour lines of $p(x)$. Where
 * two components overlap, the colours mix: from the point alone you could
 * not tell which made it. That uncertainty is what chapter 2 measures.
 *
 * The same recipe in one dimension:
 *
 * @output
 *
 * @figure density_1d.png: A histogram of the 100 000 one-dimensional samples
 * (scaled to a density) under $p(x)$, the thick line, and its five weighted
 * components $\pi_k\, \mathcal{N}(x \mid \mu_k, \sigma_k^2)$, dashed: the
 * mixture is their sum, and the histogram follows it.
 */
/*
 * ## How the figures are drawn
 *
 * With the library's figures of a mixture: `density`, $p(x)$ over the
 * notebook's window $[-15, 15]^2$, widened to hold every sample, as an
 * image (the notebook's `imshow`; the
 * notebook summed the components *without* their weights, because $\pi$
 * was drawn in a later cell; we draw the true density); `samples`, every
 * sample coloured by its component over contours of $p$; `density_1d`, a
 * histogram of the 1D samples under $p(x)$ and its weighted components.
 */
static em_status draw(em_figdir *fd, const em_gmm *m2, const double *x2, const size_t *z2,
                      const em_gmm *m1, const double *x1, char *err, size_t len)
{
    double half = 1.5 * XMAX; /* the notebook's window, wider if a sample is outside */
    for (size_t v = 0; v < 2 * N; v++)
        half = fmax(half, 1.02 * fabs(x2[v]));
    const em_fig_1d one_d = {.title = "The same recipe in one dimension",
                             .data_key = "100 000 samples", .weighted_keys = 1, .bins = 120};
    em_status st = em_fig_density_2d(fd, "density", "The mixture density p(x), K = 5", m2, half,
                                     err, len);
    if (st == EM_OK)
        st = em_fig_samples_2d(fd, "samples", "100 000 samples, coloured by component", m2, x2,
                               z2, N, half, err, len);
    if (st == EM_OK)
        st = em_fig_mixture_1d(fd, "density_1d", m1, x1, N, &one_d, err, len);
    if (st == EM_OK) /* for the lab and emlab fit: 2 000 of the points, and their mixture */
        st = em_fig_handoff(fd, x2, HANDOFF, 2, m2, "the mixture the points were drawn from",
                            "", err, len);
    return st;
}

/*
 * ## The program
 *
 * Both mixtures, their samples, then the figures into `--out` (by default
 * `out/01_sampling/`).
 */
int main(int argc, char **argv)
{
    em_cli cli = {.seed = 1195};
    int rc = em_cli_parse(&cli, argc, argv,
                          "Chapter 1: sampling from a Gaussian mixture (notebook 002, finished): "
                          "K = 5 components with random means, covariances and weights, in 2D "
                          "and in 1D, 100 000 samples each, component chosen by cumulative "
                          "weights.");
    if (rc >= 0)
        return rc;
    em_gmm m2 = {0}, m1 = {0};
    double *x2 = malloc(2 * N * sizeof *x2), *x1 = malloc(N * sizeof *x1);
    size_t *z2 = malloc(N * sizeof *z2), *z1 = malloc(N * sizeof *z1);
    em_status st = x2 && x1 && z2 && z1 ? em_gmm_alloc(&m2, K, 2) : EM_ENOMEM;
    if (st == EM_OK)
        st = em_gmm_alloc(&m1, K, 1);
    if (st == EM_OK)
        st = run(&m2, cli.seed, x2, z2);
    if (st == EM_OK) {
        printf("\n");
        st = run(&m1, cli.seed, x1, z1);
    }
    char err[1024] = "";
    em_figdir fd;
    if (st)
        rc = em_cli_fail(&cli, em_strerror(st));
    else if ((rc = em_cli_open(&cli, &fd)) == 0)
        rc = em_cli_finish(&cli, &fd, draw(&fd, &m2, x2, z2, &m1, x1, err, sizeof err), err);
    em_gmm_free(&m2);
    em_gmm_free(&m1);
    free(x2);
    free(x1);
    free(z2);
    free(z1);
    return rc;
}
