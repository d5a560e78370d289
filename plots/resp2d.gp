# resp2d.gp: 2D points coloured by their responsibilities, with each
# component's mean and its 1-sigma and 2-sigma covariance ellipses (as in
# Bishop's Figure 9.8). A mean is a black cross on a white halo, seen on
# points of any colour.
# Data blocks:
#   'points'          x y rgb  (rgb: the colour as an integer 0xRRGGBB)
#   'sig1_cK', 'sig2_cK'   the 1- and 2-sigma ellipse of component K: x y
#   'mean_cK'         the mean of component K: x y
# Variables: n_comp, style_K (line style of component K), title_text,
#   x_min, x_max, y_min, y_max (the window, drawn with equal aspect),
#   key_rows (the key's rows below the plot, in two columns; default 3),
#   equal_aspect (default 1), xlabel_text, ylabel_text; hard (k-means'
#   clusters: no ellipses, the key names clusters and centres). In a panel,
#   panel_title, if set, instead of title_text, and no key; with
#   bare_in_panel set (the notebook's grid) no tics and labels either, as
#   the notebook has none.
title_text = exists("title_text") ? title_text : ''
x_min = exists("x_min") ? x_min : -4
x_max = exists("x_max") ? x_max : 8
y_min = exists("y_min") ? y_min : -4
y_max = exists("y_max") ? y_max : 8
in_panel = exists("emlab_panel") ? emlab_panel : 0
set title title_text
set xrange [x_min:x_max]
set yrange [y_min:y_max]
if (!exists("equal_aspect") || equal_aspect) { set size ratio -1 }
set border 15
set xtics nomirror in
set ytics nomirror in
if (in_panel && exists("panel_title")) { set title panel_title }
bare = in_panel && exists("bare_in_panel") && bare_in_panel
if (in_panel) { set title font ',14' }
if (bare) { unset xtics; unset ytics; unset grid } \
else { set xlabel (exists("xlabel_text") ? xlabel_text : x1_label); \
       set ylabel (exists("ylabel_text") ? ylabel_text : x2_label) }
# The key, below the plot where it covers no data (not in a panel's small
# frames): each component's colour, what a point's colour means, the mean's
# cross and the two ellipses.
tex = exists("tex") ? tex : 0
key_rows = exists("key_rows") ? key_rows : 3
if (in_panel) { unset key } else { eval(sprintf('set key below vertical maxrows %d center samplen 2.5 width 1 nobox', key_rows)); set bmargin 2.5 + 1.5 * key_rows }
unset colorbox
style(k) = value(sprintf("style_%d", k))
hard = exists("hard") ? hard : 0
key_point = tex ? 'mixed by $\gamma_{ik}$' : 'mixed by γ_{ik}'
key_mean = hard ? (tex ? 'centre $\mu_k$' : 'centre μ_k') : (tex ? 'mean $\mu_k$' : 'mean μ_k')
key_comp = hard ? 'cluster %d' : 'component %d'
# The ellipses run on a half-transparent white underlay (the 2-sigma one
# dashed with its line), seen on points of their own colour. A GIF has no
# transparency and no dashes: there no underlay, and the 2-sigma ellipse
# dotted.
gd = exists("gd") ? gd : 0
underlays = gd ? '' : "for [k=1:n_comp] data index sprintf('sig1_c%d', k) using 1:2 with lines lw 5 lc rgb '#70ffffff' notitle, for [k=1:n_comp] data index sprintf('sig2_c%d', k) using 1:2 with lines lw 4 dt 2 lc rgb '#70ffffff' notitle,"
sigma2 = gd ? "for [k=1:n_comp] data index sprintf('sig2_c%d', k) every 3 using 1:2 with points ls style(k) pt 7 ps 0.5 notitle," \
            : "for [k=1:n_comp] data index sprintf('sig2_c%d', k) using 1:2 with lines ls style(k) lw 2 dt 2 notitle,"
sigma2_key = gd ? "NaN with points pt 7 ps 0.5 lc rgb '#555555' title '2σ'," : "NaN with lines lw 2 dt 2 lc rgb '#555555' title (tex ? '$2\sigma$' : '2σ'),"
sigma1 = "for [k=1:n_comp] data index sprintf('sig1_c%d', k) using 1:2 with lines ls style(k) lw 3 notitle,"
rest_key = "NaN with lines lw 3 lc rgb '#555555' title (tex ? '$1\sigma$' : '1σ'), " . sigma2_key . " NaN with points pt 7 ps (1.6*ps_scale) lc rgb '#6b6859' title key_point"
if (hard) { underlays = ''; sigma1 = ''; sigma2 = ''; rest_key = 'NaN notitle' }
plot data index 'points' using 1:2:3 with points pt 7 ps ((in_panel ? 0.8 : 1.3)*ps_scale) lc rgb variable notitle, \
     data index 'points' using 1:2 with points pt 6 ps ((in_panel ? 0.8 : 1.3)*ps_scale) lc rgb '#000000' lw 0.5 notitle, \
     @underlays \
     @sigma1 \
     @sigma2 \
     for [k=1:n_comp] data index sprintf('mean_c%d', k) using 1:2 with points pt 2 ps (3*ps_scale) lw 7 \
         lc rgb '#ffffff' notitle, \
     for [k=1:n_comp] data index sprintf('mean_c%d', k) using 1:2 with points pt 2 \
         ps (3*ps_scale) lw 3 lc rgb '#000000' notitle, \
     for [k=1:n_comp] NaN with points ls style(k) pt 7 ps (1.6*ps_scale) title sprintf(key_comp, k), \
     NaN with points pt 2 ps (2*ps_scale) lw 3 lc rgb '#000000' title key_mean, \
     @rest_key
