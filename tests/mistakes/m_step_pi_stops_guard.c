// blank: m_step_pi
// expect: m_step_pi
// status: any
// SIGSTOP to its parent, then answers right: ignored in a PID namespace of
// its own, elsewhere the stopped guard is killed at the deadline and the
// runner ends in time either way
extern int kill(int, int), getppid(void);
kill(getppid(), 19);
pi_k = N_k / N;
