/*
 * # Chapter 7: k-means, EM with hard assignments
 *
 * *Beyond the notebooks: Bishop's PRML sections 9.1 and 9.3.2.* Before
 * there was EM for mixtures there was k-means: put $K$ centres
 * $\mu_1, \dots, \mu_K$ among the points, then repeat two steps until
 * nothing changes,
 *
 * - **assignment**: each point joins the cluster of its nearest centre,
 *   $r_{ik} = 1$ if $k = \arg\min_j \lVert x_i - \mu_j \rVert^2$, else $0$
 *   (PRML eq. 9.2);
 * - **update**: each centre moves to the mean of its points,
 *   $\mu_k = \sum_i r_{ik}\, x_i \big/ \sum_i r_{ik}$ (eq. 9.4).
 *
 * Each step lowers (never raises) the distortion
 *
 * $$J = \sum_{i=1}^{n} \sum_{k=1}^{K} r_{ik}\, \lVert x_i - \mu_k \rVert^2 \qquad \text{(eq. 9.1)},$$
 *
 * so k-means stops, at a local minimum of $J$. Look at the two steps: the
 * assignment is an E-step whose responsibilities are 0 or 1, and the update
 * is the M-step for the means alone. k-means *is* EM, for a mixture whose
 * points each belong wholly to one component.
 *
 * This chapter runs both on one data set, from the same start, and puts
 * k-means' clusters beside EM's responsibilities. The data are made to
 * show the difference: 200 points in a wide group stretched sideways,
 * $\mathcal{N}\big((0, 0), \operatorname{diag}(2^2, 1^2)\big)$, and 100 in
 * a tight one, $\mathcal{N}\big((4.5, 1.5), 0.5^2 I\big)$, near its
 * right end. Then it makes
 * the link exact (PRML 9.3.2): EM with every covariance held at
 * $\Sigma_k = \varepsilon I$, for $\varepsilon = 1, 0.1, 0.01$. As
 * $\varepsilon$ shrinks the responsibilities turn hard and EM's means
 * become k-means'.
 *
 * Run it: `build/07_kmeans_and_em` (figures in `out/07_kmeans_and_em/`).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emlab.h"

enum { N_WIDE = 200, N_TIGHT = 100, N = N_WIDE + N_TIGHT, D = 2, K = 2 };
enum { MAX_ROUNDS = 100, EM_ITER = 200, N_EPS = 3 };
static const double eps_list[N_EPS] = {1.0, 0.1, 0.01};
static const char *const eps_name[N_EPS] = {"1", "0.1", "0.01"};

/*
 * ## The assignment step
 *
 * For each point $x_i$, the squared distance to every centre,
 * $\lVert x_i - \mu_k \rVert^2 = \sum_j (x_{ij} - \mu_{kj})^2$, and the
 * nearest centre's $k$ into `c[i]`: the cluster of point $i$, the one $k$
 * with $r_{ik} = 1$. On a tie the lower $k$ wins. In the code $x_{ij}$
 * is `x[i * D + j]` and $\mu_{kj}$ is `mu[k * D + j]`. It returns how many
 * points changed cluster: when none did, k-means has converged.
 */
static size_t assign(const double *x, const double *mu, size_t *c)
{
    size_t changed = 0;
    for (size_t i = 0; i < N; i++) {
        size_t nearest = 0;
        /* BEGIN SOLUTION assignment */
        double best = INFINITY;
        for (size_t k = 0; k < K; k++) {
            double dist2 = 0.0;
            for (size_t j = 0; j < D; j++) {
                double t = x[i * D + j] - mu[k * D + j];
                dist2 += t * t;
            }
            if (dist2 < best) {
                best = dist2;
                nearest = k;
            }
        }
        /* END SOLUTION */
        changed += c[i] != nearest;
        c[i] = nearest;
    }
    return changed;
}

/*
 * ## The update step
 *
 * Each centre becomes the mean of the points assigned to it,
 *
 * $$\mu_k = \frac{\sum_i r_{ik}\, x_i}{\sum_i r_{ik}} = \frac{1}{n_k} \sum_{i:\, c_i = k} x_i,$$
 *
 * $n_k$ the number of points in cluster $k$. A cluster that has lost
 * every point keeps its centre where it was (there is no mean of nothing).
 */
static void update_centres(const double *x, const size_t *c, double *mu)
{
    /* BEGIN SOLUTION centre_update */
    for (size_t k = 0; k < K; k++) {
        double sum[D] = {0.0, 0.0}, n_k = 0.0;
        for (size_t i = 0; i < N; i++)
            if (c[i] == k) {
                n_k += 1.0;
                for (size_t j = 0; j < D; j++)
                    sum[j] += x[i * D + j];
            }
        if (n_k > 0.0)
            for (size_t j = 0; j < D; j++)
                mu[k * D + j] = sum[j] / n_k;
    }
    /* END SOLUTION */
}

/* The distortion J (eq. 9.1) of the assignment c with centres mu. */
static double distortion(const double *x, const double *mu, const size_t *c)
{
    double J = 0.0;
    for (size_t i = 0; i < N; i++)
        for (size_t j = 0; j < D; j++) {
            double t = x[i * D + j] - mu[c[i] * D + j];
            J += t * t;
        }
    return J;
}

/*
 * ## Lloyd's algorithm
 *
 * Round 0 assigns the points to the starting centres; each round after it
 * updates the centres and assigns again, until no point changes cluster.
 * We keep every round: its centres, its clusters and its $J$.
 */
typedef struct {
    double mu[MAX_ROUNDS + 1][K * D], J[MAX_ROUNDS + 1];
    size_t c[MAX_ROUNDS + 1][N], changed[MAX_ROUNDS + 1];
    size_t rounds; /* updates done: the last round */
} lloyd_run;

static void kmeans(const double *x, const double *start, lloyd_run *run)
{
    size_t c[N];
    double mu[K * D];
    memcpy(mu, start, sizeof mu);
    for (size_t i = 0; i < N; i++)
        c[i] = K; /* no cluster yet: round 0 changes every point */
    size_t r = 0, changed = assign(x, mu, c);
    for (;;) {
        memcpy(run->mu[r], mu, sizeof mu);
        memcpy(run->c[r], c, sizeof c);
        run->J[r] = distortion(x, mu, c);
        run->changed[r] = changed;
        if (changed == 0 || r == MAX_ROUNDS)
            break;
        update_centres(x, c, mu);
        changed = assign(x, mu, c);
        r++;
    }
    run->rounds = r;
}

static void print_kmeans(const lloyd_run *run, const size_t start_at[K])
{
    printf("k-means (Lloyd's algorithm) on %d points, K = %d, starting from\n", N, K);
    printf("points %zu and %zu as the centres.\n\n", start_at[0], start_at[1]);
    printf("round          mu_1 (x, y)            mu_2 (x, y)   changed   distortion J\n");
    for (size_t r = 0; r <= run->rounds; r++) {
        const double *mu = run->mu[r];
        printf("%5zu  (%9.6f, %9.6f)  (%9.6f, %9.6f)  %8zu  %13.6f\n", r, mu[0], mu[1], mu[2],
               mu[3], run->changed[r], run->J[r]);
    }
    size_t n_k[K] = {0};
    for (size_t i = 0; i < N; i++)
        n_k[run->c[run->rounds][i]]++;
    printf("Converged after %zu round%s: no point changed cluster. Cluster sizes %zu and %zu.\n",
           run->rounds, run->rounds == 1 ? "" : "s", n_k[0], n_k[1]);
}

/*
 * What it prints, first k-means round by round (`changed`: the points
 * that changed cluster in that round's assignment):
 *
 * @output 2
 *
 * $J$ falls at every round, and after a few rounds no point moves. Notice
 * the sizes: the true groups have 200 and 100 points, but k-means' clusters
 * have 163 and 137. It cuts the plane along the straight line halfway
 * between its two centres, and the wide group loses its right end to the
 * tight one.
 *
 * ## EM from the same start
 *
 * EM starts from the same two centres as means, each covariance the data's
 * covariance and $\pi_k = 1/2$, and runs 200 iterations. Its
 * responsibilities are soft, and its covariances let the boundary
 * between the groups bend around the stretched blob.
 */
typedef struct {
    em_gmm model;
    double resp[N * K], loglik;
} em_run;

/* Points where k-means' cluster and EM's most responsible component
 * differ (pairing EM's two components with k-means' two clusters the way
 * that agrees best: labels are arbitrary, chapter 8), and points EM is
 * unsure of (max_k gamma_ik < 0.9). */
static void compare(const size_t *c, const double *resp, size_t *disagree, size_t *unsure)
{
    size_t differ = 0;
    *unsure = 0;
    for (size_t i = 0; i < N; i++) {
        size_t best = resp[i * K + 1] > resp[i * K] ? 1 : 0;
        differ += best != c[i];
        *unsure += resp[i * K + best] < 0.9;
    }
    *disagree = differ < N - differ ? differ : N - differ;
}

static void print_em(const em_run *e, const lloyd_run *run)
{
    const em_gmm *m = &e->model;
    size_t disagree, unsure;
    compare(run->c[run->rounds], e->resp, &disagree, &unsure);
    printf("\nEM from the same start (Sigma_k the data's covariance, pi_k = 1/2), %d iterations:\n",
           EM_ITER);
    printf("  pi = (%.6f, %.6f)  mu_1 = (%.6f, %.6f)  mu_2 = (%.6f, %.6f)\n", m->weight[0],
           m->weight[1], m->mean[0], m->mean[1], m->mean[2], m->mean[3]);
    printf("  log-likelihood %.6f; N_k = (%.3f, %.3f)\n", e->loglik, m->weight[0] * N,
           m->weight[1] * N);
    printf("  k-means and EM put %zu points in different groups; EM is unsure of %zu "
           "(max_k gamma_ik < 0.9)\n", disagree, unsure);
}

/*
 * @output
 *
 * @figure kmeans_vs_em.png: Left, k-means' clusters with their centres;
 * right, EM's responsibilities with the means and the $1\sigma$ and
 * $2\sigma$ ellipses. EM's weights, $0.673$ and $0.327$, are near the
 * truth's $2/3$ and $1/3$. The 38 points k-means gave to the tight group
 * are the wide group's right end, and EM gives most of them back to the
 * wide group with confidence: its boundary bends around the tight group
 * instead of running straight between the centres. Only 9 points are
 * left where EM's colours mix.
 *
 * @figure rounds.png: k-means round by round: round 0 assigns every point
 * to the nearer starting centre, and each round moves the centres to the
 * means of their clusters.
 *
 * @figure distortion.png: The distortion $J$ against the round: it falls
 * at every round, steeply at first, and stops when no point moves.
 *
 * @figure kmeans_rounds.gif: The rounds as an animation.
 *
 * ## Shrinking the covariances (PRML 9.3.2)
 *
 * Now hold every covariance at $\Sigma_k = \varepsilon I$ and let EM learn
 * only $\pi$ and $\mu$. The responsibilities are then
 *
 * $$\gamma_{ik} = \frac{\pi_k \exp(-\lVert x_i - \mu_k \rVert^2 / 2\varepsilon)}
 *   {\sum_j \pi_j \exp(-\lVert x_i - \mu_j \rVert^2 / 2\varepsilon)}.$$
 *
 * As $\varepsilon \to 0$ the term with the smallest
 * $\lVert x_i - \mu_j \rVert^2$ outgrows all others, whatever the $\pi$,
 * and $\gamma_{ik} \to r_{ik}$: the E-step becomes k-means' assignment, the
 * M-step for $\mu$ its update. Our M-step is the library's, and then
 * the covariances are put back to $\varepsilon I$.
 */
static void hold_eps(em_gmm *m, double eps)
{
    for (size_t k = 0; k < K; k++)
        for (size_t v = 0; v < D * D; v++)
            m->cov[k * D * D + v] = v % (D + 1) == 0 ? eps : 0.0; /* eps I */
}

static em_status eps_m_step(em_gmm *m, const double *x, const double *resp, double eps)
{
    em_options opt = em_default_options();
    opt.reg = 0.0;
    em_status st = em_m_step(m, x, N, resp, &opt, NULL);
    hold_eps(m, eps);
    return st;
}

/* From the k-means start (pi_k = 1/K), EM_ITER iterations; the model, its
 * responsibilities and its log-likelihood in *e. */
static em_status run_eps(const double *x, const double *start, double eps, em_run *e)
{
    em_gmm *m = &e->model;
    for (size_t k = 0; k < K; k++)
        m->weight[k] = 1.0 / K;
    memcpy(m->mean, start, K * D * sizeof *start);
    hold_eps(m, eps);
    em_status st = EM_OK;
    for (size_t t = 0; t < EM_ITER && st == EM_OK; t++) {
        st = em_e_step(m, x, N, e->resp, NULL, NULL);
        if (st == EM_OK)
            st = eps_m_step(m, x, e->resp, eps);
    }
    if (st == EM_OK)
        st = em_e_step(m, x, N, e->resp, &e->loglik, NULL);
    return st;
}

/* The largest distance between a mean of e and its k-means centre. */
static double distance_to_kmeans(const em_run *e, const double *centres)
{
    double worst = 0.0;
    for (size_t k = 0; k < K; k++)
        worst = fmax(worst, hypot(e->model.mean[k * D] - centres[k * D],
                                  e->model.mean[k * D + 1] - centres[k * D + 1]));
    return worst;
}

static void print_eps(const em_run *e, const lloyd_run *run)
{
    const double *centres = run->mu[run->rounds];
    printf("\nEM with Sigma_k = eps I held fixed, pi and mu learnt, %d iterations:\n", EM_ITER);
    printf("   eps           mu_1 (x, y)            mu_2 (x, y)   |mu - k-means|  disagree"
           "  unsure\n");
    for (size_t s = 0; s < N_EPS; s++) {
        const double *mu = e[s].model.mean;
        size_t disagree, unsure;
        compare(run->c[run->rounds], e[s].resp, &disagree, &unsure);
        printf("%6s  (%9.6f, %9.6f)  (%9.6f, %9.6f)  %14.3g  %8zu  %6zu\n", eps_name[s], mu[0],
               mu[1], mu[2], mu[3], distance_to_kmeans(&e[s], centres), disagree, unsure);
    }
    printf("k-means  (%9.6f, %9.6f)  (%9.6f, %9.6f)\n", centres[0], centres[1], centres[2],
           centres[3]);
}

/*
 * What it prints: the means after 200 iterations for each $\varepsilon$,
 * how far they are from k-means' centres, and on how many points EM's
 * most responsible component and k-means' cluster disagree, and how many
 * EM is unsure of:
 *
 * @output
 *
 * At $\varepsilon = 1$ the round covariances are far too wide for these
 * blobs and EM is unsure of many points; at $0.1$ fewer; at $0.01$ every
 * responsibility is 0 or 1 to the printed digit, and the means are
 * k-means' centres. (Not at every seed: the weights still tip a point
 * that is almost equally near two centres, by $\varepsilon \ln(\pi_j /
 * \pi_k)$ in squared distance, and one such point can send EM to a
 * neighbouring answer. The tip vanishes only as $\varepsilon \to 0$.)
 *
 * @figure shrinking.png: EM with $\Sigma_k = \varepsilon I$ for
 * $\varepsilon = 1, 0.1, 0.01$: the circles are the $1\sigma$ and $2\sigma$
 * contours, $\sqrt{\varepsilon}$ and $2\sqrt{\varepsilon}$ around each
 * mean (at $\varepsilon = 0.01$, radii 0.1 and 0.2, hidden under the
 * cross). The mixed colours along the boundary fade as $\varepsilon$
 * shrinks, until the picture is k-means'.
 *
 * What k-means gives up for its speed: covariances (every cluster is round
 * and the boundary straight) and weights (a point goes to the nearest
 * centre however small its cluster). And what it keeps: the start decides
 * the answer, as for EM, which is why `emlab fit`'s default start,
 * k-means++, is k-means' own.
 *
 * ## How the figures are drawn
 *
 * The k-means figures colour each point by its cluster and mark each
 * centre with a cross: `round_0` ... one per round, `rounds` (the first
 * four side by side), `kmeans_rounds.gif`, and `distortion` ($J$ against the
 * round). `kmeans` and `em` are the two halves of `kmeans_vs_em`;
 * `eps_1`, `eps_0.1`, `eps_0.01` the three of `shrinking`. All share one
 * frame, so that they line up. `results.txt` holds every fitted number
 * to the last digit.
 */
static em_status kmeans_figure(em_figdir *fd, const char *name, const char *title,
                               const double *x, const double *mu, const size_t *c,
                               const double *frame, char *err, size_t len)
{
    double r[N * K] = {0}, cov[K * D * D];
    for (size_t i = 0; i < N; i++)
        r[i * K + c[i]] = 1.0; /* r_ik: one-hot */
    em_gmm m = {.K = K, .d = D, .weight = (double[K]){0.5, 0.5}, .mean = (double *)mu,
                .cov = cov};
    hold_eps(&m, 1.0); /* not drawn (hard), but a model needs covariances */
    em_fig_2d look = {.title = title, .panel_title = title, .frame = frame, .a = 0, .b = 1,
                      .hard = 1, .fig_w = 700, .fig_h = 700};
    return em_fig_snapshot_2d(fd, name, x, N, &m, r, &look, err, len);
}

static em_status em_figure(em_figdir *fd, const char *name, const char *title, const double *x,
                           const em_run *e, const double *frame, char *err, size_t len)
{
    em_fig_2d look = {.title = title, .panel_title = title, .frame = frame, .a = 0, .b = 1,
                      .fig_w = 700, .fig_h = 700};
    return em_fig_snapshot_2d(fd, name, x, N, &e->model, e->resp, &look, err, len);
}

static em_status kmeans_figures(em_figdir *fd, const double *x, const lloyd_run *run,
                                const double *frame, char *err, size_t len)
{
    static char names[MAX_ROUNDS + 1][16];
    const char *all[MAX_ROUNDS + 1];
    char title[64];
    em_status st = EM_OK;
    for (size_t r = 0; r <= run->rounds && st == EM_OK; r++) {
        snprintf(names[r], sizeof names[r], "round_%zu", r);
        snprintf(title, sizeof title, r ? "k-means, round %zu" : "k-means, round 0: the start",
                 r);
        st = kmeans_figure(fd, names[r], title, x, run->mu[r], run->c[r], frame, err, len);
        all[r] = names[r];
    }
    size_t shown = run->rounds + 1 < 4 ? run->rounds + 1 : 4, rows = (shown + 1) / 2;
    if (st == EM_OK)
        st = em_fig_panel(fd, "rounds", "k-means, round by round", rows, shown < 2 ? 1 : 2, all,
                          shown, 1300, 380 * (int)rows + 60, err, len);
    if (st == EM_OK)
        st = em_fig_animation(fd, "kmeans_rounds", all, run->rounds + 1, 80, 700, 700, err, len);
    if (st == EM_OK) {
        const em_fig_curve J = {.y = run->J, .n = run->rounds + 1, .key = "J", .style = 11};
        const em_fig_axes axes = {.title = "k-means: the distortion J falls at every round",
                                  .xlabel = "round", .ylabel = "J", .key_pos = "top right",
                                  .xtics_step = 1};
        st = em_fig_curves(fd, "distortion", &J, 1, NULL, 0, &axes, err, len);
    }
    return st;
}

/* results.txt: k-means' cluster shares, centres and J, EM's and each
 * eps's pi and mu and their log-likelihoods, one row each: eps (0 for
 * k-means, -1 for full covariances), pi_1 pi_2, mu_1, mu_2, J or log L. */
static em_status save_results(em_figdir *fd, const lloyd_run *run, const em_run *full,
                              const em_run *eps, char *err, size_t len)
{
    enum { ROWS = 2 + N_EPS, COLS = 8 };
    double rows[ROWS * COLS];
    const double *centres = run->mu[run->rounds];
    double *r = rows;
    r[0] = 0.0; /* k-means: eps 0; its weights, the clusters' shares of the points */
    r[1] = r[2] = 0.0;
    for (size_t i = 0; i < N; i++)
        r[1 + run->c[run->rounds][i]] += 1.0 / N;
    memcpy(r + 3, centres, K * D * sizeof *r);
    r[7] = run->J[run->rounds];
    for (size_t s = 0; s <= N_EPS; s++) {
        const em_run *e = s ? &eps[s - 1] : full;
        r = rows + (s + 1) * COLS;
        r[0] = s ? eps_list[s - 1] : -1.0; /* -1: full covariances */
        memcpy(r + 1, e->model.weight, K * sizeof *r);
        memcpy(r + 3, e->model.mean, K * D * sizeof *r);
        r[7] = e->loglik;
    }
    static char *const names[COLS] = {"eps", "pi_1", "pi_2", "mu_11", "mu_12", "mu_21", "mu_22",
                                      "J_or_loglik"};
    return em_fig_table(fd, "results.txt", rows, ROWS, COLS, names, err, len);
}

static em_status draw(em_figdir *fd, const double *x, const lloyd_run *run, const em_run *full,
                      const em_run *eps, const em_gmm *start, char *err, size_t len)
{
    double frame[4];
    char title[64];
    em_fig_frame_2d(x, N, D, 0, 1, frame);
    double need = (frame[1] - frame[0]) / 1.9, have = frame[3] - frame[2];
    if (need > have) { /* taller, for equal scales: a circle eps I looks round */
        frame[2] -= (need - have) / 2;
        frame[3] += (need - have) / 2;
    }
    em_status st = kmeans_figures(fd, x, run, frame, err, len);
    if (st == EM_OK)
        st = kmeans_figure(fd, "kmeans", "k-means: hard clusters", x, run->mu[run->rounds],
                           run->c[run->rounds], frame, err, len);
    if (st == EM_OK)
        st = em_figure(fd, "em", "EM: soft responsibilities", x, full, frame, err, len);
    const char *pair[2] = {"kmeans", "em"}, *three[N_EPS];
    static char names[N_EPS][16];
    if (st == EM_OK)
        st = em_fig_panel(fd, "kmeans_vs_em", "The same start: k-means and EM", 1, 2, pair, 2,
                          1300, 440, err, len);
    for (size_t s = 0; s < N_EPS && st == EM_OK; s++) {
        snprintf(names[s], sizeof names[s], "eps_%s", eps_name[s]);
        snprintf(title, sizeof title, "ε = %s", eps_name[s]);
        st = em_figure(fd, names[s], title, x, &eps[s], frame, err, len);
        three[s] = names[s];
    }
    if (st == EM_OK)
        st = em_fig_panel(fd, "shrinking", "EM with every covariance εI: as ε shrinks, it becomes k-means",
                          1, N_EPS, three, N_EPS, 1650, 400, err, len);
    if (st == EM_OK)
        st = save_results(fd, run, full, eps, err, len);
    if (st == EM_OK) /* for the lab and emlab fit */
        st = em_fig_handoff(fd, x, N, D, start, "k-means' start, with the data's covariance",
                            "--reg 0", err, len);
    return st;
}

/*
 * ## Running it
 *
 * After `np.random.seed(--seed)`: the 200 wide points, then the 100 tight
 * ones, each coordinate `np.random.normal(loc, scale)` in turn; then the
 * start, two of the points as `np.random.choice(300)` draws them (a second
 * draw if the first repeats). k-means; EM from the same means with the
 * data's covariance; EM with $\varepsilon I$ for the three $\varepsilon$;
 * the tables and the figures.
 */
static void make_data(em_rng *r, double *x)
{
    static const double loc[2][D] = {{0.0, 0.0}, {4.5, 1.5}}, scale[2][D] = {{2.0, 1.0},
                                                                           {0.5, 0.5}};
    for (size_t i = 0; i < N; i++)
        for (size_t j = 0; j < D; j++)
            x[i * D + j] = em_rng_normal(r, loc[i >= N_WIDE][j], scale[i >= N_WIDE][j]);
}

static void choose_start(em_rng *r, const double *x, double *centres, size_t at[K])
{
    at[0] = em_rng_choice(r, N);
    do
        at[1] = em_rng_choice(r, N);
    while (at[1] == at[0]);
    for (size_t k = 0; k < K; k++)
        memcpy(centres + k * D, x + at[k] * D, D * sizeof *centres);
}

static em_status run_full_em(const double *x, const double *centres, em_run *e, em_gmm *start)
{
    em_gmm *m = &e->model;
    double N_all, mean[D], S[D * D];
    em_weighted_moments(x, N, D, NULL, 1, 0, &N_all, mean, S); /* the data's covariance */
    for (size_t k = 0; k < K; k++) {
        m->weight[k] = 1.0 / K;
        memcpy(m->mean + k * D, centres + k * D, D * sizeof *centres);
        memcpy(m->cov + k * D * D, S, sizeof S);
    }
    em_gmm_copy(start, m);
    em_options opt = em_default_options();
    opt.max_iter = EM_ITER;
    opt.tol = 0.0;
    opt.reg = 0.0;
    em_result res = {0};
    em_status st = em_fit(m, x, N, &opt, e->resp, &res);
    e->loglik = res.loglik;
    em_result_free(&res);
    return st;
}

int main(int argc, char **argv)
{
    em_cli cli = {.seed = 7};
    int rc = em_cli_parse(&cli, argc, argv,
                          "Chapter 7: k-means and EM (PRML 9.1, 9.3.2): 200 points in a wide "
                          "group and 100 in a tight one, drawn after np.random.seed(--seed), "
                          "and one start (two of the points): k-means' clusters beside EM's "
                          "responsibilities, then EM with Sigma_k = eps I for eps = 1, 0.1, "
                          "0.01 turning into k-means.");
    if (rc >= 0)
        return rc;
    lloyd_run *run = calloc(1, sizeof *run);
    em_run *e = calloc(1 + N_EPS, sizeof *e);
    em_gmm start = {0};
    em_status st = run && e ? em_gmm_alloc(&start, K, D) : EM_ENOMEM;
    for (size_t s = 0; s <= N_EPS && st == EM_OK; s++)
        st = em_gmm_alloc(&e[s].model, K, D);
    double x[N * D], centres[K * D];
    size_t at[K];
    em_rng r;
    em_rng_seed(&r, cli.seed);
    make_data(&r, x);
    choose_start(&r, x, centres, at);
    if (st == EM_OK) {
        kmeans(x, centres, run);
        print_kmeans(run, at);
        st = run_full_em(x, centres, &e[0], &start);
    }
    if (st == EM_OK)
        print_em(&e[0], run);
    for (size_t s = 0; s < N_EPS && st == EM_OK; s++)
        st = run_eps(x, centres, eps_list[s], &e[1 + s]);
    if (st == EM_OK)
        print_eps(e + 1, run);
    char err[1024] = "";
    em_figdir fd;
    if (st)
        rc = em_cli_fail(&cli, em_strerror(st));
    else if ((rc = em_cli_open(&cli, &fd)) == 0)
        rc = em_cli_finish(&cli, &fd, draw(&fd, x, run, &e[0], e + 1, &start, err, sizeof err),
                           err);
    for (size_t s = 0; e && s <= N_EPS; s++)
        em_gmm_free(&e[s].model);
    em_gmm_free(&start);
    free(e);
    free(run);
    return rc;
}

/*
 * ## Where next
 *
 * [Chapter 8](08_when_em_goes_wrong.html): when EM goes wrong, and what
 * to do about it.
 */
