# curves.gp: y = f(x) curves, with optional points marked on the x axis.
# Data blocks 'curve1' .. 'curveN': columns x y. Optional block 'points':
# column x. Optional block 'bars' (a histogram, drawn first): columns
# centre height width.
# Variables:
#   n_curves            how many curve blocks
#   key_I, style_I      key text and line style (plots/style.gp) of curve I
#   dash_I              1 solid (default), 2 dashed
#   width_I             line width of curve I (default 2.5, dashed thinner)
#   has_points          1 to mark the 'points' block on the axis
#   points_palette      1: colour each point by column 2 (0..1) on the
#                       scale share() of style.gp, and show three of its
#                       colours in the key, labelled share_1, share_half and
#                       share_0 (a key, not a colour box: it works in GIFs
#                       and is drawn once in a panel's every frame alike)
#   has_bars, bars_key  1 to draw the 'bars' block as a histogram; its key
#   points_key          key text of the points
#   log_y, y_min       1 for a logarithmic y axis from y_min up (tails show)
#   y_top               the top of a linear y axis (frames of a series share it)
#   key_pos             where the key goes (gnuplot words), default 'top right'
#   key_rows            the rows of a key placed below the plot (room is made)
#   mark_x, mark_text   a dotted vertical line at x = mark_x, labelled
#   title_text, xlabel_text, ylabel_text
title_text = exists("title_text") ? title_text : ''
xlabel_text = exists("xlabel_text") ? xlabel_text : 'x'
ylabel_text = exists("ylabel_text") ? ylabel_text : 'density'
has_points = exists("has_points") ? has_points : 0
has_bars = exists("has_bars") ? has_bars : 0
bars_key = exists("bars_key") ? bars_key : ''
n_curves = exists("n_curves") ? n_curves : 0
points_palette = exists("points_palette") ? points_palette : 0
unset colorbox
share_1 = exists("share_1") ? share_1 : '1'
share_half = exists("share_half") ? share_half : '1/2'
share_0 = exists("share_0") ? share_0 : '0'
gd = exists("gd") ? gd : 0
share_keys = !points_palette ? '' : \
    "NaN with points pt 7 ps (2.4*ps_scale) lc rgb share(1) title share_1, NaN with points pt 7 ps (2.4*ps_scale) lc rgb share(0.5) title share_half, NaN with points pt 7 ps (2.4*ps_scale) lc rgb share(0) title share_0,"
points_key = exists("points_key") ? points_key : 'data'
dash(i) = exists(sprintf("dash_%d", i)) ? value(sprintf("dash_%d", i)) : 1
# libgd (GIF) draws no dashes: there a dashed curve is dotted, a small
# point on every 6th of its points
gd_dots(i) = gd && dash(i) > 1
# a curve drawn under another that may cover it shows as a broad band
width(i) = exists(sprintf("width_%d", i)) ? value(sprintf("width_%d", i)) : (dash(i) > 1 ? dash_lw : 2.5)
set title title_text
set xlabel xlabel_text
set ylabel ylabel_text
set autoscale xfix
log_y = exists("log_y") ? log_y : 0
y_min = exists("y_min") ? y_min : 1e-8
if (log_y) { set logscale y; set yrange [y_min:*]; set format y label('10^{%T}', '$10^{%T}$') } else { set yrange [0:*] }
# y_top: one scale for a series of frames, so that they line up on slides
if (!log_y && exists("y_top")) { set yrange [0:y_top] }
axis_y = log_y ? y_min : 0
set offsets 0, 0, graph 0.08, 0
key_pos = exists("key_pos") ? key_pos : 'top right'
eval('set key '.key_pos)
# in a panel, only the first frame has the key: the frames share it
if (exists("emlab_panel") && emlab_panel && exists("emlab_frame") && emlab_frame > 0) { unset key }
# a key below the plot: room for its rows under the axis label
if (exists("key_rows")) { set bmargin 3.5 + 1.5 * key_rows }
if (n_curves == 0 && has_points == 0 && bars_key eq '') { unset key }
if (exists("mark_x")) {
    set arrow 1 from mark_x, graph 0 to mark_x, graph 1 nohead dt 3 lw 1.5 lc rgb '#555555'
    set label 1 mark_text at mark_x, graph 0.97 offset 0.5, 0 left
}
# Optional elements are spliced in as macros (@name): an empty `for` loop
# would still leave an empty row in the key.
bars_elem = has_bars ? "data index 'bars' using 1:2:3 with boxes ls 12 fs solid 0.55 border rgb '#737373' title bars_key," : ''
points_elem = !has_points ? '' : points_palette \
    ? "data index 'points' using 1:(axis_y):(share($2)) with points pt 7 ps (2.4*ps_scale) lc rgb variable title points_key, data index 'points' using 1:(axis_y) with points pt 6 ps (2.4*ps_scale) lc rgb '#000000' notitle," \
    : "data index 'points' using 1:(axis_y) with points pt 7 ps (1.8*ps_scale) lc rgb '#222222' title points_key,"
dotted_elem = !gd ? '' : "for [i=1:n_curves] data index sprintf('curve%d', i) every 6 using 1:(gd_dots(i) ? $2 : NaN) with points ls value(sprintf('style_%d', i)) pt 7 ps 0.6 title (gd_dots(i) ? value(sprintf('key_%d', i)) : ''),"
plot @bars_elem \
     for [i=1:n_curves] data index sprintf('curve%d', i) using 1:(gd_dots(i) ? NaN : $2) \
         with lines ls value(sprintf("style_%d", i)) dt dash(i) lw width(i) \
         title (gd_dots(i) ? '' : value(sprintf("key_%d", i))), \
     @dotted_elem @points_elem @share_keys NaN notitle
