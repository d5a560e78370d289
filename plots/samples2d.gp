# samples2d.gp: samples from a 2D mixture, coloured by the component that
# made each one, over contour lines of the mixture density.
# Data blocks: 'grid' (x y p, rows separated by blank lines, as for
# heatmap.gp), 'comp1' .. 'compK' (x y: the samples of component k).
# Variables: n_comp, key_K, title_text, levels (the contour levels, a
# comma-separated list; default: 8 chosen by gnuplot), lim (the window is
# [-lim, lim]^2; default: the data's extent).
title_text = exists("title_text") ? title_text : ''
key(k) = exists(sprintf("key_%d", k)) ? value(sprintf("key_%d", k)) : sprintf('component %d', k)
# the contour lines, computed by gnuplot from the grid into a table
set contour base
if (exists("levels")) { eval('set cntrparam levels discrete '.levels) } else { set cntrparam levels 8 }
unset surface
set view map
set table $contours
splot data index 'grid' using 1:2:3 with lines
unset table
unset contour
set title title_text
set xlabel x1_label
set ylabel x2_label
set size ratio -1
if (exists("lim")) { set xrange [-lim:lim]; set yrange [-lim:lim] } else { set autoscale xfix; set autoscale yfix }
set border 15
set xtics nomirror out
set ytics nomirror out
unset grid
# the key below the plot: beside it, it took a third of the width
set key below horizontal center samplen 2.5 width 1 nobox
plot for [k=1:n_comp] data index sprintf('comp%d', k) using 1:2 with dots ls k notitle, \
     for [k=1:n_comp] NaN with points ls k pt 7 ps (1.5*ps_scale) title key(k), \
     $contours using 1:2 with lines lc rgb '#6e6e6e' lw 0.8 title 'contours of p(x)'
