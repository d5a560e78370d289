/* check_01.c — chapter 1's blank: choosing a component by cumulative
 * weights. */
#define main chapter_01_main
#include "01_sampling.c"
#undef main
#include "exercise.h"

START_TEST(check_choose_component)
{
    /* pi = (0.1, 0.25, 0, 0.45, 0.2): component 3 can never be chosen */
    const double cum[5] = {0.1, 0.35, 0.35, 0.8, 1.0};
    const double z[9] = {0.0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.8, 0.95, 0.999999};
    const size_t want[9] = {0, 0, 1, 1, 3, 3, 4, 4, 4};
    for (int c = 0; c < 9; c++) {
        size_t got = choose_component(cum, 5, z[c]);
        if (got == want[c])
            continue;
        const char *why =
            got == want[c] + 1 ? "indices start at 0: the first component is index 0"
            : got + 1 == want[c] && (z[c] == cum[got])
                ? "z equal to cum_k belongs to the next component: test z < cum_k, not <="
            : got >= 5 ? "that is not a component: indices run from 0 to K - 1"
            : "";
        ck_abort_msg("z = %g with cumulative weights (0.1, 0.35, 0.35, 0.8, 1): index %zu, "
                     "expected %zu. %s", z[c], got, want[c], why);
    }
    /* rounding can leave the last cumulative weight below z */
    const double short_cum[2] = {0.5, 0.9999999};
    size_t got = choose_component(short_cum, 2, 0.99999995);
    ck_assert_msg(got == 1, "z = 0.99999995 with cumulative weights (0.5, 0.9999999): index %zu, "
                  "expected 1, the last component (rounding may leave cum_K a hair below 1)",
                  got);
}
END_TEST

void checks_01(Suite *s)
{
    add_blank_check(s, "choose_component", check_choose_component);
}
