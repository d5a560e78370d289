# heatmap.gp: a density on a grid as a grey image with a colour box, as
# matplotlib's imshow(cmap="Greys") draws it.
# Data block 'grid': columns x y p, one grid row after another, each
# followed by a blank line. Variables: title_text, cb_text.
title_text = exists("title_text") ? title_text : ''
cb_text = exists("cb_text") ? cb_text : 'p(x)'
set title title_text
set xlabel x1_label
set ylabel x2_label
set size ratio -1
set autoscale xfix
set autoscale yfix
set border 15
set xtics nomirror out
set ytics nomirror out
unset grid
unset key
set palette defined (0 '#ffffff', 1 '#000000')
set cblabel cb_text
set cbrange [0:*]
set colorbox
plot data index 'grid' using 1:2:3 with image
