# lines.gp: y against x, one curve: the log-likelihood against the iteration,
# say. Variables: data (the .dat file), title_text, xlabel_text, ylabel_text,
# key_text. Data block 'curve': columns x y.
title_text = exists("title_text") ? title_text : ''
xlabel_text = exists("xlabel_text") ? xlabel_text : 'x'
ylabel_text = exists("ylabel_text") ? ylabel_text : 'y'
key_text = exists("key_text") ? key_text : ''
set title title_text noenhanced
set xlabel xlabel_text noenhanced
set ylabel ylabel_text noenhanced
set offsets graph 0.02, graph 0.02, graph 0.05, graph 0.05
plot data index 'curve' using 1:2 with linespoints ls 1 pt 7 ps 0.8 title key_text
