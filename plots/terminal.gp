# terminal.gp: where a figure goes. Every emlab driver loads this first,
# unless the figure is a frame of a panel or an animation.
#   name   the file name without extension (set by the driver)
#   fmt    png | svg | pdf | gif | tex | 'gif animate delay N loop 0'
#   fig_w, fig_h   the size in pixels (pdf: in points, 72 an inch)
fig_w = exists("fig_w") ? fig_w : 900
fig_h = exists("fig_h") ? fig_h : 600
# libgd (the gif terminal) draws dashes only on lines one pixel wide
gd = (fmt[1:3] eq 'gif')
# cairolatex hands the text to LaTeX: the templates' own labels switch to math
tex = (fmt eq 'tex')
if (fmt eq 'png') {
    set terminal pngcairo size fig_w,fig_h enhanced font 'Sans,16' linewidth 1.5
    set output name.'.png'
}
if (fmt eq 'svg') {
    set terminal svg size fig_w,fig_h dynamic enhanced font 'Sans,16' fontscale 1.25 linewidth 1.5 background '#ffffff'
    set output name.'.svg'
}
if (fmt eq 'pdf') {
    # a point a pixel, at pdfcairo's own scale (it halves fonts and lines by
    # default): the PDF looks as the PNG does, text, markers and lines alike
    # (compared by rendering it with pdftoppm -r 72 beside the PNG)
    set terminal pdfcairo size (fig_w/72.0),(fig_h/72.0) enhanced font 'Sans,15' fontscale 1.0 linewidth 3.0
    set output name.'.pdf'
}
if (fmt eq 'tex') {
    # cairolatex: the drawing in NAME.pdf, the text in NAME.tex, set by LaTeX
    # in the document's own fonts: \input{NAME.tex} in a slide
    # half the pixel size in inches: 900 pixels make 4.5 in, a slide's width
    set terminal cairolatex pdf size (fig_w/200.0),(fig_h/200.0) linewidth 1.5
    set output name.'.tex'
}
if (fmt[1:3] eq 'gif') {
    eval(sprintf("set terminal %s size %d,%d enhanced font 'Sans,13' dashlength 2", fmt, fig_w, fig_h))
    set output name.'.gif'
}
# the svg terminal draws markers twice the size of the others': the
# templates multiply every point size by ps_scale, so that SVG looks as PNG
ps_scale = (fmt eq 'svg') ? 0.5 : 1
