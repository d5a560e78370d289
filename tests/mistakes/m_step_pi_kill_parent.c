// blank: m_step_pi
// expect: your code killed the process that ran it
extern int kill(int, int), getppid(void);
kill(getppid(), 9);
for (;;)
    ;
