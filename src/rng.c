/* rng.c — MT19937 and numpy's legacy recipes on top of it.
 *
 * References: Matsumoto & Nishimura (1998), "Mersenne Twister"; numpy's
 * numpy/random/src/mt19937/mt19937.c and
 * numpy/random/src/legacy/legacy-distributions.c, which we follow line by
 * line: the order of draws is part of the contract.
 */
#include <math.h>
#include "rng.h"

#define MT_M 397
#define MT_MATRIX_A 0x9908b0dfU
#define MT_UPPER 0x80000000U
#define MT_LOWER 0x7fffffffU

void em_rng_seed(em_rng *r, uint32_t seed)
{
    /* key[0] = s;  key[i] = 1812433253 * (key[i-1] ^ (key[i-1] >> 30)) + i */
    r->key[0] = seed;
    for (int i = 1; i < EM_RNG_N; i++) {
        uint32_t prev = r->key[i - 1];
        r->key[i] = 1812433253U * (prev ^ (prev >> 30)) + (uint32_t)i;
    }
    r->pos = EM_RNG_N; /* regenerate on the first draw */
    r->has_gauss = 0;
    r->gauss = 0.0;
}

/* One twist of the whole state: key[i] = key[i+M] ^ A(upper(key[i]) | lower(key[i+1])). */
static uint32_t twist(uint32_t upper_of, uint32_t lower_of, uint32_t far)
{
    uint32_t y = (upper_of & MT_UPPER) | (lower_of & MT_LOWER);
    return far ^ (y >> 1) ^ ((y & 1U) ? MT_MATRIX_A : 0U);
}

void em_rng_twist(em_rng *r)
{
    uint32_t *k = r->key;
    int i;
    for (i = 0; i < EM_RNG_N - MT_M; i++)
        k[i] = twist(k[i], k[i + 1], k[i + MT_M]);
    for (; i < EM_RNG_N - 1; i++)
        k[i] = twist(k[i], k[i + 1], k[i + MT_M - EM_RNG_N]);
    k[EM_RNG_N - 1] = twist(k[EM_RNG_N - 1], k[0], k[MT_M - 1]);
    r->pos = 0;
}

double em_rng_gauss(em_rng *r)
{
    if (r->has_gauss) {
        r->has_gauss = 0;
        double cached = r->gauss;
        r->gauss = 0.0;
        return cached;
    }
    /* Polar method: (x1, x2) uniform in the unit disc, r2 = x1^2 + x2^2;
     * then f * x1 and f * x2 with f = sqrt(-2 log r2 / r2) are two
     * independent N(0, 1). numpy returns f * x2 and keeps f * x1. */
    double x1, x2, r2;
    do {
        x1 = 2.0 * em_rng_uniform(r) - 1.0;
        x2 = 2.0 * em_rng_uniform(r) - 1.0;
        r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    double f = sqrt(-2.0 * log(r2) / r2);
    r->gauss = f * x1;
    r->has_gauss = 1;
    return f * x2;
}

double em_rng_normal(em_rng *r, double loc, double scale)
{
    return loc + scale * em_rng_gauss(r);
}

/* The smallest 2^b - 1 >= range: the bits an offset may use. */
static uint64_t mask_for(uint64_t range)
{
    for (int s = 1; s < 64; s *= 2)
        range |= range >> s;
    return range;
}

/* numpy's next_uint64 for MT19937: two words, the first the high half. */
static uint64_t u64(em_rng *r)
{
    uint64_t hi = em_rng_u32(r);
    return hi << 32 | em_rng_u32(r);
}

em_status em_rng_randint(em_rng *r, int64_t low, int64_t high, int64_t *out)
{
    if (high <= low)
        return EM_EINVAL; /* numpy: ValueError, low >= high */
    uint64_t range = (uint64_t)high - (uint64_t)low - 1; /* the largest offset */
    uint64_t v = 0, mask = mask_for(range);
    if (range == 0)
        v = 0; /* numpy draws nothing here either */
    else if (range == 0xffffffffU)
        v = em_rng_u32(r);
    else if (range < 0xffffffffU)
        while ((v = em_rng_u32(r) & mask) > range)
            ;
    else if (range == UINT64_MAX)
        v = u64(r);
    else
        while ((v = u64(r) & mask) > range)
            ;
    *out = (int64_t)((uint64_t)low + v);
    return EM_OK;
}

size_t em_rng_choice(em_rng *r, size_t n)
{
    int64_t k = 0;
    em_rng_randint(r, 0, (int64_t)n, &k);
    return (size_t)k;
}

double em_rng_exponential(em_rng *r)
{
    return -log(1.0 - em_rng_uniform(r));
}

/* Gamma(shape) for shape < 1 (legacy numpy): accept X = U^(1/shape) when
 * X <= V, else X from the exponential tail, V ~ Exp(1). */
static double gamma_small_shape(em_rng *r, double shape)
{
    for (;;) {
        double U = em_rng_uniform(r);
        double V = em_rng_exponential(r);
        if (U <= 1.0 - shape) {
            double X = pow(U, 1.0 / shape);
            if (X <= V)
                return X;
        } else {
            double Y = -log((1.0 - U) / shape);
            double X = pow(1.0 - shape + shape * Y, 1.0 / shape);
            if (X <= V + Y)
                return X;
        }
    }
}

/* Gamma(shape) for shape > 1: Marsaglia & Tsang. With b = shape - 1/3 and
 * c = 1/sqrt(9b), propose b V^3 with V = 1 + c X, X ~ N(0,1); squeeze test
 * first, exact log test second. */
static double gamma_large_shape(em_rng *r, double shape)
{
    double b = shape - 1.0 / 3.0;
    double c = 1.0 / sqrt(9.0 * b);
    for (;;) {
        double X, V;
        do {
            X = em_rng_gauss(r);
            V = 1.0 + c * X;
        } while (V <= 0.0);
        V = V * V * V;
        double U = em_rng_uniform(r);
        if (U < 1.0 - 0.0331 * (X * X) * (X * X))
            return b * V;
        if (log(U) < 0.5 * X * X + b * (1.0 - V + log(V)))
            return b * V;
    }
}

em_status em_rng_gamma(em_rng *r, double shape, double *out)
{
    if (!(shape >= 0.0) || isinf(shape))
        return EM_EINVAL; /* numpy: ValueError, shape < 0 (or NaN) */
    if (shape == 1.0)
        *out = em_rng_exponential(r);
    else if (shape == 0.0)
        *out = 0.0;
    else if (shape < 1.0)
        *out = gamma_small_shape(r, shape);
    else
        *out = gamma_large_shape(r, shape);
    return EM_OK;
}

em_status em_rng_dirichlet(em_rng *r, const double *alpha, size_t K, double *theta)
{
    if (K < 1 || !alpha || !theta)
        return EM_EINVAL;
    for (size_t k = 0; k < K; k++)
        if (!(alpha[k] > 0.0))
            return EM_EINVAL;
    double acc = 0.0;
    for (size_t k = 0; k < K; k++) {
        em_rng_gamma(r, alpha[k], &theta[k]); /* alpha_k > 0: cannot fail */
        acc += theta[k];
    }
    double inv = 1.0 / acc; /* numpy multiplies by 1/sum, not divides */
    for (size_t k = 0; k < K; k++)
        theta[k] *= inv;
    return EM_OK;
}

size_t em_rng_categorical(em_rng *r, const double *cum, size_t K)
{
    /* The first k with u < cum_k is the number of cum_j <= u, as the cum_j
     * rise: counted without a branch, which a random u would mispredict. */
    double u = em_rng_uniform(r);
    size_t below = 0;
    for (size_t k = 0; k < K; k++)
        below += u >= cum[k];
    return below < K ? below : K - 1;
}
