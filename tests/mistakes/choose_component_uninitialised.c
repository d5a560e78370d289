// blank: choose_component
// expect: is used uninitialized
// status: any
// whatever the check says, the compiler's warning is shown at every check
size_t j;
index = j;
