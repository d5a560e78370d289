// blank: m_step_pi
// expect: m_step_pi
// status: any
// kills its parent, then answers right. In a PID namespace of its own (as
// root, or with user namespaces) the parent is the namespace's first
// process and the kill is ignored: a pass; elsewhere the guard dies and the
// runner says "your code stopped or killed the process that ran it". The
// checker survives either way.
extern int kill(int, int), getppid(void);
kill(getppid(), 9);
pi_k = N_k / N;
