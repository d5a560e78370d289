// blank: m_step_mu
// expect: you divided by N, the number of all points; divide by N_k
for (size_t i = 0; i < N; i++)
    mu_k += gamma[i * K + k] * x[i];
mu_k /= N;
