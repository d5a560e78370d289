# lines.gp: y against x, one or more curves: the log-likelihood against the
# iteration, say.
# Data blocks 'curve1' .. 'curveN': columns x y. Optional block 'marks':
# columns x y "label" lx ly: a ring at (x, y), its label at (lx, ly).
# Variables, all optional:
#   n_curves (default 1), key_I, style_I (line style of curve I, default I)
#   title_text, xlabel_text, ylabel_text, xtics_step (e.g. 1 for iterations)
#   has_marks           1 to draw the 'marks' block
#   log_y               1 for a logarithmic y axis
#   smooth              1: lines without points (curves on a fine grid)
#   headroom            room above the curves (for the key), a fraction of
#                       the plot's height (default 0)
#   key_pos             where the key goes (default 'bottom right')
title_text = exists("title_text") ? title_text : ''
xlabel_text = exists("xlabel_text") ? xlabel_text : 'x'
ylabel_text = exists("ylabel_text") ? ylabel_text : 'y'
n_curves = exists("n_curves") ? n_curves : 1
has_marks = exists("has_marks") ? has_marks : 0
key(i) = exists(sprintf("key_%d", i)) ? value(sprintf("key_%d", i)) : ''
style(i) = exists(sprintf("style_%d", i)) ? value(sprintf("style_%d", i)) : i
set title title_text noenhanced
set xlabel xlabel_text noenhanced
set ylabel ylabel_text noenhanced
if (exists("xtics_step")) { set xtics xtics_step }
if (exists("log_y") && log_y) { set logscale y; set format y label('10^{%T}', '$10^{%T}$') } \
else { unset logscale y; set format y '% h' }
key_pos = exists("key_pos") ? key_pos : 'bottom right'
if (!exists("key_1")) { unset key } else { eval('set key '.key_pos) }
set autoscale xfix
# a mark's label on a white box, readable where a curve runs behind it
set style textbox opaque noborder margins 2, 1
set offsets graph 0.03, graph 0.03, graph (0.05 + (exists("headroom") ? headroom : 0)), graph 0.05
smooth = exists("smooth") ? smooth : 0
curve_kind = smooth ? "lines" : "linespoints"
curve_points = smooth ? "" : "pt 7 ps (0.8*ps_scale)"
# the marks only when there are some (an empty 'for' still reads the data
# file, and gnuplot warns of a block it cannot find)
marks_plot = !has_marks ? "" : ", data index 'marks' using 4:5:3 with labels boxed notitle, data index 'marks' using 1:2 with points pt 6 ps (3*ps_scale) lw 2 lc rgb '#000000' notitle"
plot for [i=1:n_curves] data index sprintf('curve%d', i) using 1:2 with @curve_kind \
         ls style(i) @curve_points title key(i) @marks_plot
