/*
 * # Chapter 11: Why EM works
 *
 * *Beyond the notebooks: Bishop's PRML section 9.4, Figures 9.11 to
 * 9.14.* Every chapter has watched the log-likelihood climb. Here is
 * why it must. For any distribution $q(Z)$ over the hidden labels (one
 * $q_{ik} \ge 0$ per point and component, $\sum_k q_{ik} = 1$), the
 * log-likelihood splits in two (PRML eq. 9.70):
 *
 * $$\ln p(X \mid \theta) = \mathcal{L}(q, \theta) + \text{KL}\big(q \,\|\, p(Z \mid X, \theta)\big),$$
 *
 * $$\mathcal{L}(q, \theta) = \sum_{i=1}^{n} \sum_{k=1}^{K} q_{ik}
 *   \ln \frac{\pi_k\, \mathcal{N}(x_i \mid \mu_k, \sigma_k^2)}{q_{ik}}, \qquad
 * \text{KL}(q \,\|\, p) = -\sum_{i=1}^{n} \sum_{k=1}^{K} q_{ik}
 *   \ln \frac{\gamma_{ik}(\theta)}{q_{ik}},$$
 *
 * with $\gamma_{ik}(\theta)$ the responsibilities under $\theta$. The
 * Kullback-Leibler divergence is never negative, so $\mathcal{L}(q,
 * \theta)$ is a **lower bound** on $\ln p(X \mid \theta)$, whatever $q$.
 * EM climbs it in two moves:
 *
 * - **E-step**: $q = \gamma(\theta^{\text{old}})$. Then KL $= 0$: the bound
 *   touches $\ln p$ at $\theta^{\text{old}}$;
 * - **M-step**: $\theta^{\text{new}} = \arg\max_\theta \mathcal{L}(q, \theta)$.
 *   The bound rises, and $\ln p$ rises at least as much, because the KL
 *   term, 0 before, can only grow.
 *
 * So $\ln p(X \mid \theta^{\text{new}}) \ge \mathcal{L}(q, \theta^{\text{new}})
 * \ge \mathcal{L}(q, \theta^{\text{old}}) = \ln p(X \mid \theta^{\text{old}})$.
 *
 * To draw it, we let one parameter move: the mean $\mu_1$ of a 1-D
 * mixture, with the weights, $\mu_2$ and both standard deviations held.
 * Then $\ln p$ and $\mathcal{L}$ are curves over $\mu_1$, and we can watch
 * the bound touch and lift.
 *
 * Run it: `build/11_why_em_works` (figures in `out/11_why_em_works/`).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emlab.h"

enum { N_EACH = 40, N = 2 * N_EACH, K = 2, ITER = 10, DRAWN = 3, GRID = 400 };

/* The model, all but mu_1 held: pi = (1/2, 1/2), mu_2 = 2, sigma = (1.2, 1.2):
 * PI[k] is pi_k, SIGMA[k] the standard deviation sigma_k. */
static const double PI[K] = {0.5, 0.5}, SIGMA[K] = {1.2, 1.2}, MU_2 = 2.0;
static const double MU_1_START = 3.5; /* a poor start: beyond mu_2 */

/*
 * ## The bound
 *
 * $\mathcal{L}(q, \theta)$ for the labels' distribution `q` ($n \times K$,
 * `q[i * K + k]` is $q_{ik}$) and the model `mu` (both means; $\pi$ and
 * $\sigma$ held: `PI[k]` is $\pi_k$, `SIGMA[k]` is $\sigma_k$). A term with $q_{ik} = 0$ adds nothing: $0 \ln 0$ is
 * taken as 0, its limit. `em_normal_logpdf(x, mu, sigma)` is
 * $\ln \mathcal{N}(x \mid \mu, \sigma^2)$.
 */
static double lower_bound(const double *x, const double *q, const double *mu)
{
    double L = 0.0;
    /* BEGIN SOLUTION bound */
    for (size_t i = 0; i < N; i++)
        for (size_t k = 0; k < K; k++) {
            double q_ik = q[i * K + k];
            if (q_ik > 0.0)
                L += q_ik * (log(PI[k]) + em_normal_logpdf(x[i], mu[k], SIGMA[k]) - log(q_ik));
        }
    /* END SOLUTION */
    return L;
}

/*
 * ## The other two terms
 *
 * $\ln p(X \mid \theta) = \sum_i \ln \sum_k \pi_k \mathcal{N}(x_i \mid
 * \mu_k, \sigma_k^2)$ with the library's log-sum-exp, and the
 * responsibilities $\gamma_{ik}(\theta)$ with it; then the KL divergence
 * of $q$ from them.
 */
static double log_likelihood(const double *x, const double *mu, double *gamma)
{
    double ll = 0.0, a[K];
    for (size_t i = 0; i < N; i++) {
        for (size_t k = 0; k < K; k++)
            a[k] = log(PI[k]) + em_normal_logpdf(x[i], mu[k], SIGMA[k]);
        double lse = em_logsumexp(a, K);
        ll += lse;
        for (size_t k = 0; gamma && k < K; k++)
            gamma[i * K + k] = exp(a[k] - lse);
    }
    return ll;
}

static double kl_divergence(const double *q, const double *gamma)
{
    double kl = 0.0;
    for (size_t v = 0; v < N * K; v++)
        if (q[v] > 0.0)
            kl -= q[v] * log(gamma[v] / q[v]);
    return kl;
}

/*
 * ## One iteration, watched
 *
 * The E-step sets $q = \gamma(\theta^{\text{old}})$. The M-step for
 * $\mu_1$ alone maximises $\mathcal{L}(q, \theta)$ over $\mu_1$: the
 * bound depends on $\mu_1$ only through
 * $\sum_i q_{i1} \ln \mathcal{N}(x_i \mid \mu_1, \sigma_1^2)$, a downward
 * parabola in $\mu_1$ whose top is the weighted mean
 *
 * $$\mu_1^{\text{new}} = \frac{\sum_i q_{i1}\, x_i}{\sum_i q_{i1}},$$
 *
 * the M-step of every chapter. We also find the top numerically, by
 * golden-section search on $\mathcal{L}$ itself, as a check that the
 * formula is the bound's maximum. (A search by values can place a
 * maximum only to about $10^{-7}$ here: within that of the top, a
 * parabola changes by less than the rounding of a sum near $-300$.)
 */
static double m_step_mu_1(const double *x, const double *q)
{
    double num = 0.0, den = 0.0;
    for (size_t i = 0; i < N; i++) {
        num += q[i * K] * x[i];
        den += q[i * K];
    }
    return num / den;
}

/* The bound as a function of mu_1 alone. */
static double bound_at(const double *x, const double *q, double mu_1)
{
    const double mu[K] = {mu_1, MU_2};
    return lower_bound(x, q, mu);
}

/* The mu_1 in [lo, hi] that maximises the bound, by golden-section search
 * (the bound is concave in mu_1: one maximum), to 1e-10. */
static double bound_argmax(const double *x, const double *q, double lo, double hi)
{
    const double r = (sqrt(5.0) - 1.0) / 2.0;
    double a = hi - r * (hi - lo), b = lo + r * (hi - lo);
    double fa = bound_at(x, q, a), fb = bound_at(x, q, b);
    while (hi - lo > 1e-10) {
        if (fa < fb) {
            lo = a, a = b, fa = fb;
            b = lo + r * (hi - lo);
            fb = bound_at(x, q, b);
        } else {
            hi = b, b = a, fb = fa;
            a = hi - r * (hi - lo);
            fa = bound_at(x, q, a);
        }
    }
    return (lo + hi) / 2.0;
}

typedef struct {
    double mu_old, mu_new, mu_search;   /* theta_old; the M-step; the search's  */
    double ll_old, ll_new;              /* ln p at theta_old and theta_new      */
    double bound_old, bound_new;        /* L(q, theta_old), L(q, theta_new)    */
    double kl_old, kl_new;              /* KL(q || gamma(theta_old / new))     */
    double q[N * K];                    /* q = gamma(theta_old)                */
} step;

static void iterate(const double *x, double mu_old, double lo, double hi, step *s)
{
    double gamma[N * K];
    const double old[K] = {mu_old, MU_2};
    s->mu_old = mu_old;
    s->ll_old = log_likelihood(x, old, s->q);              /* E-step: q = gamma_old */
    s->bound_old = lower_bound(x, s->q, old);
    s->kl_old = kl_divergence(s->q, s->q);
    s->mu_new = m_step_mu_1(x, s->q);                      /* M-step */
    s->mu_search = bound_argmax(x, s->q, lo, hi);
    const double new_mu[K] = {s->mu_new, MU_2};
    s->ll_new = log_likelihood(x, new_mu, gamma);
    s->bound_new = lower_bound(x, s->q, new_mu);
    s->kl_new = kl_divergence(s->q, gamma);
}

static void print_steps(const step *s)
{
    printf("EM on mu_1 alone (pi = (1/2, 1/2), mu_2 = %g, sigma = (%g, %g) held), %d points, "
           "from mu_1 = %g.\nEach iteration: q = gamma(theta_old), then mu_1 = argmax L(q, "
           "theta).\n\n", MU_2, SIGMA[0], SIGMA[1], N, MU_1_START);
    printf("  t    mu_1 old    mu_1 new   ln p(old)    L(q,new)   ln p(new)   KL(q||new)  "
           "ln p - L - KL\n");
    for (size_t t = 0; t < ITER; t++) {
        double gap = s[t].ll_new - s[t].bound_new - s[t].kl_new; /* 0 by the identity */
        printf("%3zu  %10.6f  %10.6f  %10.6f  %10.6f  %10.6f  %11.4e  %s\n", t + 1, s[t].mu_old,
               s[t].mu_new, s[t].ll_old, s[t].bound_new, s[t].ll_new, s[t].kl_new,
               fabs(gap) <= 1e-12 * fabs(s[t].ll_new) ? "0 (to 1e-12)" : "NOT 0");
    }
    double touch = 0.0, search = 0.0;
    for (size_t t = 0; t < ITER; t++) {
        touch = fmax(touch, fabs(s[t].ll_old - s[t].bound_old) / fabs(s[t].ll_old));
        search = fmax(search, fabs(s[t].mu_search - s[t].mu_new));
    }
    printf("\nAt theta_old the bound touches ln p (KL = 0): %s.\n",
           touch <= 1e-12 ? "L(q, old) = ln p(old) to 1e-12 at every iteration"
                          : "NOT to 1e-12: the bound is wrong");
    printf("The bound's maximum by golden-section search is the M-step's weighted mean: %s.\n",
           search <= 1e-6 ? "they agree to 1e-6 at every iteration" : "they DIFFER");
}

/*
 * What it prints: every iteration's $\mu_1$ before and after, the
 * log-likelihood before, the bound and the log-likelihood after, and the
 * KL divergence that makes up the difference,
 *
 * @output 2
 *
 * Read a row from left to right: $\ln p(\text{old}) = \mathcal{L}(q,
 * \text{old}) \le \mathcal{L}(q, \text{new}) \le \ln p(\text{new})$. The
 * bound gains from the M-step, and $\ln p$ gains that plus the KL
 * divergence that opens up when $\theta$ moves away from the
 * $\theta^{\text{old}}$ that $q$ was made for. The last column is the
 * identity $\ln p = \mathcal{L} + \text{KL}$, checked at every
 * iteration. The gains grow while $\mu_1$ crosses the hump between the
 * two groups (the steps are largest at iterations 2 and 3), then shrink
 * as it nears the maximum at about $-0.94$, and so does the KL term: near a
 * maximum, $\theta$ hardly moves and $q$ stays nearly right.
 *
 * @output
 *
 * @figure bounds.png: Three iterations as PRML's Figure 9.14 draws them:
 * the log-likelihood $\ln p(X \mid \mu_1)$ in black, and the bound
 * $\mathcal{L}(q, \mu_1)$ for $q$ made at $\mu_1^{\text{old}}$ in colour.
 * The bound lies below everywhere and touches at $\mu_1^{\text{old}}$
 * ("old"); the
 * M-step jumps to the bound's top ("new"), where $\ln p$ is higher
 * still (the ring above it); the next E-step makes a new bound that
 * touches there.
 *
 * @figure climb.png: The log-likelihood after each iteration and the
 * bound the M-step reached: the bound is always below, and the gap
 * between them is the KL term.
 *
 * ## How the figures are drawn
 *
 * `bound_1`, `bound_2`, `bound_3` are the first three iterations on a
 * grid of 400 values of $\mu_1$, and make `bounds`; `climb` is the table's
 * $\ln p$ and $\mathcal{L}$ columns. `results.txt` holds every row to the
 * last digit.
 */
static em_status bound_figure(em_figdir *fd, const char *name, const double *x, const step *s,
                              size_t t, const double *grid, const double *ll, char *err,
                              size_t len)
{
    /* the bound where it is within the log-likelihood's range (far off it
     * falls steeply, and would squash the picture) */
    double L[GRID], Lx[GRID], lo = ll[0], hi = ll[0];
    for (size_t g = 1; g < GRID; g++)
        lo = fmin(lo, ll[g]), hi = fmax(hi, ll[g]);
    size_t n = 0;
    for (size_t g = 0; g < GRID; g++) {
        double b = bound_at(x, s->q, grid[g]);
        if (b >= lo - 0.15 * (hi - lo)) {
            Lx[n] = grid[g];
            L[n++] = b;
        }
    }
    char title[64], key[64];
    snprintf(title, sizeof title, "Iteration %zu", t + 1);
    snprintf(key, sizeof key, "bound L, q from %.2f", s->mu_old);
    /* dashed grey lines down from the old and the new mu_1, labelled at
     * the bottom; rings where the bound touches, at its top, and on ln p
     * above the top */
    double bottom = lo - 0.15 * (hi - lo), vx[2][2] = {{s->mu_old, s->mu_old},
                                                         {s->mu_new, s->mu_new}};
    double vy[2][2] = {{bottom, s->ll_old}, {bottom, s->ll_new}};
    const em_fig_curve c[4] = {
        {.x = grid, .y = ll, .n = GRID, .key = "ln p(X | μ₁)", .style = 11},
        {.x = Lx, .y = L, .n = n, .key = key, .style = 1},
        {.x = vx[0], .y = vy[0], .n = 2, .key = "", .style = 13},
        {.x = vx[1], .y = vy[1], .n = 2, .key = "", .style = 13}};
    double dy = 0.05 * (hi - lo);
    const em_fig_mark m[5] = {{s->mu_old, s->ll_old, 0, ""},
                              {s->mu_new, s->bound_new, 0, ""},
                              {s->mu_new, s->ll_new, 0, ""},
                              {s->mu_old, bottom, dy, "old"},
                              {s->mu_new, bottom, dy, "new"}};
    const em_fig_axes axes = {.title = title, .xlabel = "μ₁", .ylabel = "log-likelihood",
                              .key_pos = "top right", .smooth = 1,
                              .headroom = 0.25};
    return em_fig_curves(fd, name, c, 4, m, 5, &axes, err, len);
}

static em_status draw(em_figdir *fd, const double *x, const step *s, char *err, size_t len)
{
    static double grid[GRID], ll[GRID];
    for (size_t g = 0; g < GRID; g++) {
        grid[g] = -3.0 + 8.0 * (double)g / (GRID - 1);
        const double mu[K] = {grid[g], MU_2};
        ll[g] = log_likelihood(x, mu, NULL);
    }
    static const char *const names[DRAWN] = {"bound_1", "bound_2", "bound_3"};
    em_status st = EM_OK;
    for (size_t t = 0; t < DRAWN && st == EM_OK; t++)
        st = bound_figure(fd, names[t], x, &s[t], t, grid, ll, err, len);
    if (st == EM_OK)
        st = em_fig_panel(fd, "bounds", "The lower bound: touch, lift, touch again", 1, DRAWN,
                          names, DRAWN, 1800, 600, err, len);
    double lp[ITER + 1], Lb[ITER];
    lp[0] = s[0].ll_old;
    for (size_t t = 0; t < ITER; t++) {
        lp[t + 1] = s[t].ll_new;
        Lb[t] = s[t].bound_new;
    }
    const em_fig_curve c[2] = {{.y = lp, .n = ITER + 1, .key = "ln p(X | θ_t)", .style = 11},
                               {.y = Lb, .n = ITER, .x0 = 1, .key = "L(q_{t-1}, θ_t)",
                                .style = 1}};
    const em_fig_axes axes = {.title = "The bound climbs, and ln p climbs more",
                              .xlabel = "iteration t", .ylabel = "log-likelihood",
                              .key_pos = "bottom right", .xtics_step = 1};
    if (st == EM_OK)
        st = em_fig_curves(fd, "climb", c, 2, NULL, 0, &axes, err, len);
    double rows[ITER * 9];
    for (size_t t = 0; t < ITER; t++) {
        double *r = rows + t * 9;
        r[0] = (double)(t + 1);
        r[1] = s[t].mu_old;
        r[2] = s[t].mu_new;
        r[3] = s[t].mu_search;
        r[4] = s[t].ll_old;
        r[5] = s[t].bound_old;
        r[6] = s[t].bound_new;
        r[7] = s[t].ll_new;
        r[8] = s[t].kl_new;
    }
    static char *const cols[9] = {"t", "mu_old", "mu_new", "mu_search", "ll_old", "bound_old",
                                  "bound_new", "ll_new", "kl_new"};
    if (st == EM_OK)
        st = em_fig_table(fd, "results.txt", rows, ITER, 9, cols, err, len);
    double w[K] = {PI[0], PI[1]}, mu[K] = {MU_1_START, MU_2},
           var[K] = {SIGMA[0] * SIGMA[0], SIGMA[1] * SIGMA[1]};
    em_gmm start = {.K = K, .d = 1, .weight = w, .mean = mu, .cov = var};
    if (st == EM_OK) /* for the lab and emlab fit: the data and the start (all free there) */
        st = em_fig_handoff(fd, x, N, 1, &start, "mu_1 = 3.5, the rest as held here", "--reg 0",
                            err, len);
    return st;
}

/*
 * ## Running it
 *
 * 40 points from $\mathcal{N}(-1, 1.2^2)$ and 40 from $\mathcal{N}(2, 1.2^2)$,
 * drawn after `np.random.seed(--seed)`; then ten iterations from
 * $\mu_1 = 3.5$.
 */
int main(int argc, char **argv)
{
    em_cli cli = {.seed = 11};
    int rc = em_cli_parse(&cli, argc, argv,
                          "Chapter 11: why EM works (PRML 9.4): ln p = L(q, theta) + KL(q || p) "
                          "at every iteration of EM on one mean of a 1-D mixture, the bound "
                          "touching at theta_old and the M-step jumping to its maximum. Data "
                          "drawn after np.random.seed(--seed).");
    if (rc >= 0)
        return rc;
    static double x[N];
    static step s[ITER];
    em_rng r;
    em_rng_seed(&r, cli.seed);
    for (size_t i = 0; i < N; i++)
        x[i] = em_rng_normal(&r, i < N_EACH ? -1.0 : MU_2, SIGMA[i >= N_EACH]);
    double mu_1 = MU_1_START;
    for (size_t t = 0; t < ITER; t++) {
        iterate(x, mu_1, -10.0, 10.0, &s[t]);
        mu_1 = s[t].mu_new;
    }
    print_steps(s);
    char err[1024] = "";
    em_figdir fd;
    if ((rc = em_cli_open(&cli, &fd)) == 0)
        rc = em_cli_finish(&cli, &fd, draw(&fd, x, s, err, sizeof err), err);
    return rc;
}

/*
 * ## Where next
 *
 * That is the lecture. [The mathematics](math.html) has the proofs in
 * full; [the workbook](workbook.html) has this chapter's bound as a
 * blank; [the lab](lab.html) lets you step EM yourself.
 */
