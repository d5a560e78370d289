// blank: m_step_mu
// status: done
// a child that leaves the process group and never ends: the check passes,
// and the child is killed all the same
extern int fork(void), setsid(void);
if (fork() == 0) {
    setsid();
    for (;;)
        ;
}
for (size_t i = 0; i < N; i++)
    mu_k += gamma[i * K + k] * x[i];
mu_k /= N_k;
