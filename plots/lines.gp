# lines.gp: y against x, one curve: the log-likelihood against the iteration,
# say. Data block 'curve': columns x y. Variables, all optional:
#   title_text, xlabel_text, ylabel_text, key_text (no key when empty),
#   xtics_step (e.g. 1 for iterations).
title_text = exists("title_text") ? title_text : ''
xlabel_text = exists("xlabel_text") ? xlabel_text : 'x'
ylabel_text = exists("ylabel_text") ? ylabel_text : 'y'
key_text = exists("key_text") ? key_text : ''
set title title_text noenhanced
set xlabel xlabel_text noenhanced
set ylabel ylabel_text noenhanced
if (exists("xtics_step")) { set xtics xtics_step }
if (key_text eq '') { unset key }
set autoscale xfix
set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05
plot data index 'curve' using 1:2 with linespoints ls 1 pt 7 ps 0.8 title key_text
