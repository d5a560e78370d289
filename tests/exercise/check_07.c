/* check_07.c — chapter 7's blanks: k-means' assignment step and its centre
 * update. */
#define main chapter_07_main
#include "07_kmeans_and_em.c"
#undef main
#include "exercise.h"

/* The chapter's points (seed 7) and centres that are not the answer. */
static const double MU[K * D] = {0.5, 0.8, 3.0, 0.2};

static void the_points(double *x)
{
    em_rng r;
    em_rng_seed(&r, 7);
    make_data(&r, x);
}

/* Each point's cluster by the formula; with `how` a classic mistake:
 * 1 the farthest centre, 2 the distance along x_1 only, 3 |dx| + |dy|. */
static void nearest_ref(const double *x, const double *mu, size_t *c, int how)
{
    for (size_t i = 0; i < N; i++) {
        double best = how == 1 ? -1.0 : INFINITY;
        for (size_t k = 0; k < K; k++) {
            double dist = 0.0;
            for (size_t j = 0; j < (how == 2 ? 1 : D); j++) {
                double t = x[i * D + j] - mu[k * D + j];
                dist += how == 3 ? fabs(t) : t * t;
            }
            if (how == 1 ? dist > best : dist < best) {
                best = dist;
                c[i] = k;
            }
        }
    }
}

static int same_labels(const size_t *a, const size_t *b)
{
    for (size_t i = 0; i < N; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

START_TEST(check_assignment)
{
    static double x[N * D];
    static size_t got[N], want[N], wrong[N];
    the_points(x);
    for (size_t i = 0; i < N; i++)
        got[i] = K; /* no cluster yet */
    size_t changed = assign(x, MU, got);
    nearest_ref(x, MU, want, 0);
    for (size_t i = 0; i < N; i++) {
        if (got[i] == want[i])
            continue;
        const char *why = "";
        if (got[i] >= K)
            why = "that is no cluster: c[i] is a k from 0 to K - 1 (counting from 0)";
        for (int how = 1; how <= 3 && !*why; how++) {
            static const char *const mistake[4] = {
                "", "every point went to its FARTHEST centre: keep the smallest distance",
                "you measured the distance along x_1 only: add (x_ij - mu_kj)^2 over both "
                "coordinates j",
                "you added |x_ij - mu_kj|, the city-block distance; k-means uses the squared "
                "Euclidean distance, the sum of (x_ij - mu_kj)^2"};
            nearest_ref(x, MU, wrong, how);
            if (same_labels(got, wrong))
                why = mistake[how];
        }
        if (!*why && got[i] == 0 && same_labels(got, (size_t[N]){0}))
            why = "every point is in cluster 0: does the best distance start at INFINITY, "
                  "and does nearest change when a centre is nearer?";
        if (!*why)
            why = "compute the squared distance to each centre k as the sum over j of "
                  "(x[i * D + j] - mu[k * D + j])^2 (centre k's coordinate j is mu[k * D + j]), "
                  "and keep the k with the smallest";
        ck_abort_msg("point i = %zu (%.4g, %.4g) went to cluster k = %zu; its nearest centre is "
                     "k = %zu (k counts from 0: cluster 1 of the figures is k = 0). %s", i,
                     x[i * D], x[i * D + 1], got[i], want[i], why);
    }
    ck_assert_msg(changed == N, "every point changed cluster (from none), but assign says %zu",
                  changed);
    /* a point exactly halfway: the lower k wins the tie */
    double tie[N * D] = {0}, mu[K * D] = {-1.0, 0.0, 1.0, 0.0};
    size_t c[N];
    for (size_t i = 0; i < N; i++)
        c[i] = K;
    assign(tie, mu, c);
    ck_assert_msg(c[0] == 0, "the point (0, 0) is as near to mu_0 = (-1, 0) as to mu_1 = (1, 0); "
                  "on a tie the lower k wins, but it went to cluster %zu: change nearest only "
                  "when a centre is strictly nearer (<, not <=)", c[0]);
}
END_TEST

/* Each centre the mean of its points (a cluster with none keeps its
 * centre); with `how` a classic mistake: 1 divided by N, 2 sums never
 * reset between clusters. */
static void centres_ref(const double *x, const size_t *c, double *mu, int how)
{
    double sum[D] = {0.0, 0.0}, n_k = 0.0;
    for (size_t k = 0; k < K; k++) {
        if (how != 2)
            sum[0] = sum[1] = n_k = 0.0;
        for (size_t i = 0; i < N; i++)
            if (c[i] == k) {
                n_k += 1.0;
                for (size_t j = 0; j < D; j++)
                    sum[j] += x[i * D + j];
            }
        if (n_k > 0.0)
            for (size_t j = 0; j < D; j++)
                mu[k * D + j] = sum[j] / (how == 1 ? (double)N : n_k);
    }
}

START_TEST(check_centre_update)
{
    static double x[N * D];
    static size_t c[N];
    double got[K * D], want[K * D], wrong[K * D];
    the_points(x);
    nearest_ref(x, MU, c, 0);
    memcpy(got, MU, sizeof got);
    memcpy(want, MU, sizeof want);
    update_centres(x, c, got);
    centres_ref(x, c, want, 0);
    size_t v = first_difference(got, want, K * D, 1e-12);
    if (v < K * D) {
        const char *why = isnan(got[v]) ? "it is not a number: did you divide by zero?" : "";
        for (int how = 1; how <= 2 && !*why; how++) {
            memcpy(wrong, MU, sizeof wrong);
            centres_ref(x, c, wrong, how);
            if (looks_like(got, wrong, K * D))
                why = how == 1 ? "you divided by N, the number of all points; divide by n_k, "
                                 "the number of points in cluster k"
                               : "the sums carried over from cluster 0 into cluster 1: start "
                                 "sum and n_k at 0 for every k";
        }
        if (!*why)
            why = "add up the points with c[i] == k, coordinate by coordinate, count them, and "
                  "divide the sums by the count";
        ck_abort_msg("mu[%zu * D + %zu] (cluster k = %zu, counting from 0) = %.9g, expected %.9g, "
                     "the mean of its points. %s", v / D, v % D, v / D, got[v], want[v], why);
    }
    /* every point in cluster 0: cluster 1 has none and keeps its centre */
    memset(c, 0, sizeof c);
    memcpy(got, MU, sizeof got);
    update_centres(x, c, got);
    ck_assert_msg(got[2] == MU[2] && got[3] == MU[3],
                  "cluster 1 has no points, so its centre must stay at (%g, %g), but it became "
                  "(%.6g, %.6g)%s", MU[2], MU[3], got[2], got[3],
                  isnan(got[2]) ? ": 0 / 0 is not a number; divide only when n_k > 0" : "");
}
END_TEST

void checks_07(Suite *s)
{
    add_blank_check(s, "assignment", check_assignment);
    add_blank_check(s, "centre_update", check_centre_update);
}
