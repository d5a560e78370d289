// blank: e_step
// expect: your code called exit() (status 0)
exit(0);
