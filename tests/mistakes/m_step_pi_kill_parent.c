// blank: m_step_pi
// expect: your code stopped or killed the process that ran it
extern int kill(int, int), getppid(void);
kill(getppid(), 9);
for (;;)
    ;
