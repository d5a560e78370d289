// blank: choose_component
// expect: chapter 01 does not compile
index = 0
