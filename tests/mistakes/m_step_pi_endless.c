// blank: m_step_pi
// expect: timed out (5 s): is there a loop that never ends?
for (volatile size_t n = 0; n < N || 1; n++)
    pi_k = N_k / N;
