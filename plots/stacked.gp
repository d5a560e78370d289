# stacked.gp: one bar per point, stacked by the responsibilities of the
# components (each bar sums to 1).
# Data block 'bars': columns label gamma_1 .. gamma_K.
# Variables: n_comp (K), title_text, xlabel_text, key_I (legend of component I).
title_text = exists("title_text") ? title_text : ''
xlabel_text = exists("xlabel_text") ? xlabel_text : 'point'
set title title_text
set xlabel xlabel_text
set ylabel label('responsibility γ_{ik}', 'responsibility $\gamma_{ik}$')
set yrange [0:1.0]
set ytics 0.25
set grid noxtics
set style data histograms
set style histogram rowstacked gap 1
set style fill solid 0.85 border rgb '#333333'
set boxwidth 0.75
set key outside bottom center horizontal
plot for [k=1:n_comp] data index 'bars' using (column(k + 1)):xtic(1) ls k \
     title value(sprintf("key_%d", k))
