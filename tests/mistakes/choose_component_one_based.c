// blank: choose_component
// expect: indices start at 0
for (size_t k = 0; k < n_comp; k++)
    if (z < cum[k]) {
        index = k + 1;
        break;
    }
