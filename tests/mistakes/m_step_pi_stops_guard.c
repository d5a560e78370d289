// blank: m_step_pi
// expect: your code stopped or killed the process that ran it
// SIGSTOP to its parent, then sleeps on: the runner still ends, in time
extern int kill(int, int), getppid(void);
extern unsigned sleep(unsigned);
kill(getppid(), 19);
for (;;)
    sleep(1);
