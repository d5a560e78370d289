# style.gp: the one look of every emlab figure. Edit it to restyle them all
# (then redraw: `make figures`, or `gnuplot NAME.gp` in an output folder).
reset
set encoding utf8

# Colours: one palette for the components of every figure (the library's
# em_palette holds the same, for points it colours itself). Okabe and Ito's
# blue and vermillion, then colours chosen so that any two of the first
# five stay apart (CIE L*a*b* distance 20 or more) for readers with
# protanopia, deuteranopia or tritanopia as well as for everyone else
# (tests/test_figure.c simulates each and measures).
blue       = '#0072b2'
vermillion = '#d55e00'
grey       = '#7f7f7f'
set style line 1 lc rgb blue       lw 2.5 pt 7 ps (1.2*ps_scale)
set style line 2 lc rgb vermillion lw 2.5 pt 7 ps (1.2*ps_scale)
set style line 3 lc rgb '#882255'  lw 2.5 pt 7 ps (1.2*ps_scale)
set style line 4 lc rgb '#332288'  lw 2.5 pt 7 ps (1.2*ps_scale)
set style line 5 lc rgb '#cc79a7'  lw 2.5 pt 7 ps (1.2*ps_scale)
set style line 6 lc rgb '#009e73'  lw 2.5 pt 7 ps (1.2*ps_scale)
set style line 7 lc rgb '#117733'  lw 2.5 pt 7 ps (1.2*ps_scale)
set style line 8 lc rgb '#999933'  lw 2.5 pt 7 ps (1.2*ps_scale)
# the truth, for comparison: dashed grey. Dashed lines are thinner in GIFs,
# where libgd draws dashes only on lines one pixel wide.
dash_lw = (exists("gd") && gd) ? 1 : 2.5
set style line 10 lc rgb grey lw dash_lw dt 2
# the whole mixture: black
set style line 11 lc rgb '#000000' lw 3
# two methods compared (not components): black, and a mid grey
set style line 13 lc rgb '#a0a0a0' lw 2.5 pt 7 ps (1.2*ps_scale)
# histograms: light grey boxes with a darker edge
set style line 12 lc rgb '#bdbdbd' lw 1
set style fill solid 1.0 border rgb '#737373'

# A responsibility gamma_i1 between the two components' colours: 0 ->
# vermillion (component 2's), 1/2 -> grey, 1 -> blue (component 1's),
# as a palette (for colour boxes) and as a function giving the colour of a
# value directly, share(v), for points drawn with `lc rgb variable`. A GIF
# has 256 colours in all (and libgd cannot redefine a palette between the
# frames of a panel), so there the scale has 17 steps.
set palette defined (0 vermillion, 0.5 '#c0c0c0', 1 blue)
rgb(r, g, b) = int(r + 0.5) * 65536 + int(g + 0.5) * 256 + int(b + 0.5)
lerp(a, b, t) = a + (b - a) * t
steps(v) = (exists("gd") && gd) ? floor(v * 16 + 0.5) / 16.0 : v
share_(v) = v < 0.5 ? rgb(lerp(213, 192, 2 * v), lerp(94, 192, 2 * v), lerp(0, 192, 2 * v)) \
                    : rgb(lerp(192, 0, 2 * v - 1), lerp(192, 114, 2 * v - 1), lerp(192, 178, 2 * v - 1))
share(v) = share_(steps(v))

# Labels the templates write themselves, as text or (format tex) as LaTeX.
label(plain, latex) = (exists("tex") && tex) ? latex : plain
x1_label = label('x_1', '$x_1$')
x2_label = label('x_2', '$x_2$')

# Quiet axes: ticks out, no mirror, a light grid behind the data.
set border 3 lw 1.2
set tics nomirror out
set grid back lc rgb '#dcdcdc' lw 1 dt 1
set key top right noautotitle opaque box lc rgb '#cccccc'
set title font ',18'
