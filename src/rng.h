/* rng.h — random numbers, draw for draw the same as numpy's legacy generator.
 *
 * `np.random.seed(s)` in the course notebooks seeds a Mersenne Twister
 * (MT19937) and every `np.random.*` call turns its 32-bit outputs into numbers
 * by a fixed recipe ("legacy" since numpy 1.17, frozen forever). We implement
 * the same twister and the same recipes, so a C chapter run with the seed of
 * its notebook draws the same data, to the last bit.
 *
 * An em_rng is a plain value: no hidden global state, one per stream.
 */
#ifndef EMLAB_RNG_H
#define EMLAB_RNG_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

#define EM_RNG_N 624 /* words of MT19937 state */

typedef struct em_rng {
    uint32_t key[EM_RNG_N]; /* the twister's state                      */
    int pos;                /* next word of key[] to temper and return   */
    int has_gauss;          /* polar method: is a second normal cached?  */
    double gauss;           /* ... and its value                         */
} em_rng;

/* np.random.seed(seed): Matsumoto & Nishimura's init_genrand, and forget any
 * cached normal. This function can't fail. */
void em_rng_seed(em_rng *r, uint32_t seed);

/* Refill the state with the next 624 words (the twist); internal to the
 * inline functions below. */
void em_rng_twist(em_rng *r);

/* The next raw 32-bit output of MT19937: a word of the state, tempered
 * (the tempering improves the equidistribution of the top bits). Inline:
 * sampling 10^7 points draws ~10^8 of these. */
static inline uint32_t em_rng_u32(em_rng *r)
{
    if (r->pos >= EM_RNG_N)
        em_rng_twist(r);
    uint32_t y = r->key[r->pos++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= y >> 18;
    return y;
}

/* np.random.random_sample() = rand(): uniform on [0, 1) with 53 random bits,
 * (a * 2^26 + b) / 2^53 from a = u32 >> 5 and b = u32 >> 6. */
static inline double em_rng_uniform(em_rng *r)
{
    uint32_t a = em_rng_u32(r) >> 5; /* 27 bits */
    uint32_t b = em_rng_u32(r) >> 6; /* 26 bits */
    return (a * 67108864.0 + b) / 9007199254740992.0;
}

/* np.random.standard_normal() = randn(): the legacy polar (Marsaglia)
 * method, which makes normals in pairs and caches the second. */
double em_rng_gauss(em_rng *r);

/* np.random.normal(loc, scale) = loc + scale * gauss. */
double em_rng_normal(em_rng *r, double loc, double scale);

/* np.random.randint(low, high) into *out: an integer in [low, high), by
 * masked rejection: draw w & mask (mask = all ones up to the top bit of
 * high-1-low) until it is <= high-1-low, w one 32-bit word when the range
 * fits in 32 bits, else two (the first the high half), as numpy does.
 * Returns EM_EINVAL when high <= low (numpy raises), else EM_OK. */
em_status em_rng_randint(em_rng *r, int64_t low, int64_t high, int64_t *out);

/* np.random.choice(n_items) with replacement and equal probabilities: an
 * index in [0, n) drawn exactly as randint(0, n). */
size_t em_rng_choice(em_rng *r, size_t n);

/* np.random.standard_exponential(): -log(1 - U). */
double em_rng_exponential(em_rng *r);

/* np.random.standard_gamma(shape) into *out: Marsaglia & Tsang (2000) for
 * shape > 1, Johnk-like rejection for shape < 1, exponential for shape 1,
 * 0 for shape 0. Returns EM_EINVAL for a shape below 0, infinite or NaN
 * (numpy raises), else EM_OK. */
em_status em_rng_gamma(em_rng *r, double shape, double *out);

/* np.random.dirichlet(alpha) for one row: g_k ~ Gamma(alpha_k), then
 * theta_k = g_k / sum g. Writes K values into theta.
 * Returns EM_EINVAL if K < 1 or an alpha_k <= 0 (theta is left untouched). */
em_status em_rng_dirichlet(em_rng *r, const double *alpha, size_t K, double *theta);

/* Categorical draw by cumulative weights, the notebooks' way (inverse CDF):
 * with cum[k] = pi_0 + ... + pi_k and U uniform, return the first k with
 * U < cum[k]; the last index if rounding left cum[K-1] below U.
 * Uses one uniform. cum must be non-decreasing; K >= 1. */
size_t em_rng_categorical(em_rng *r, const double *cum, size_t K);

#endif
