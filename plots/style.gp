# style.gp: the one look of every emlab figure. Edit it to restyle them all
# (then redraw: `make figures`, or `gnuplot NAME.gp` in an output folder).
reset
set encoding utf8

# Colours. Component 1 blue, component 2 red (notebook 000's c='b', c='r'),
# then a qualitative palette for K > 2 (ColorBrewer Dark2).
blue   = '#2166ac'
red    = '#b2182b'
grey   = '#7f7f7f'
set style line 1 lc rgb blue      lw 2.5 pt 7 ps (1.2*ps_scale)
set style line 2 lc rgb red       lw 2.5 pt 7 ps (1.2*ps_scale)
set style line 3 lc rgb '#1b9e77' lw 2.5 pt 7 ps (1.2*ps_scale)
set style line 4 lc rgb '#d95f02' lw 2.5 pt 7 ps (1.2*ps_scale)
set style line 5 lc rgb '#7570b3' lw 2.5 pt 7 ps (1.2*ps_scale)
set style line 6 lc rgb '#e7298a' lw 2.5 pt 7 ps (1.2*ps_scale)
set style line 7 lc rgb '#66a61e' lw 2.5 pt 7 ps (1.2*ps_scale)
set style line 8 lc rgb '#e6ab02' lw 2.5 pt 7 ps (1.2*ps_scale)
# the truth, for comparison: dashed grey. Dashed lines are thinner in GIFs,
# where libgd draws dashes only on lines one pixel wide.
dash_lw = (exists("gd") && gd) ? 1 : 2.5
set style line 10 lc rgb grey lw dash_lw dt 2
# the whole mixture: black
set style line 11 lc rgb '#000000' lw 3
# histograms: light grey boxes with a darker edge
set style line 12 lc rgb '#bdbdbd' lw 1
set style fill solid 1.0 border rgb '#737373'

# Responsibilities: 0 -> red, 1/2 -> white, 1 -> blue (matplotlib's RdBu),
# as a palette (for colour boxes) and as a function giving the colour of a
# value directly, rdbu(v), for points drawn with `lc rgb variable`. A GIF
# has 256 colours in all (and libgd cannot redefine a palette between the
# frames of a panel), so there the scale has 17 steps.
set palette defined (0 red, 0.5 '#f7f7f7', 1 blue)
rgb(r, g, b) = int(r + 0.5) * 65536 + int(g + 0.5) * 256 + int(b + 0.5)
lerp(a, b, t) = a + (b - a) * t
steps(v) = (exists("gd") && gd) ? floor(v * 16 + 0.5) / 16.0 : v
rdbu_(v) = v < 0.5 ? rgb(lerp(178, 247, 2 * v), lerp(24, 247, 2 * v), lerp(43, 247, 2 * v)) \
                   : rgb(lerp(247, 33, 2 * v - 1), lerp(247, 102, 2 * v - 1), lerp(247, 172, 2 * v - 1))
rdbu(v) = rdbu_(steps(v))

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
