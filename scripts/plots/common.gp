# common.gp — shared set-up, loaded by every chart script in this directory.
#
# Every script takes, with `gnuplot -e "name='value'; ..." scripts/plots/<chart>.gp`:
#   csv        the CSV to plot (required; summary.csv unless the script says otherwise)
#   out        output path without extension (default: the chart's name); writes out.png and out.svg
# and optionally (the Swift renderer passes all of them; the defaults suit a standard run):
#   strategies space-separated strategy ids, in legend order
#   styles     three words per strategy, "#rrggbb pointtype dashtype" (default: looked up in
#              generated.gp, which is generated from StrategyPalette in Sources/Reporting)
#   workloads  space-separated workload ids for the x axis
#   footnote   first line of the bottom-left footnote (run id and machine)
#   footnote2  its second line (toolchain and data file), optional
#   k / ks     storages value(s) to show;  conc  request-server concurrency;  rate  context-churn run_rate
#   statedir   when set, every panel's gnuplot state (`save set`, plus its plot area and data range
#              as comments) is written to statedir/<chart>-<panel>.gp — what the tests check

set datafile separator comma
set datafile columnheaders
if (!exists("csv")) {
    print "usage: gnuplot -e \"csv='Results/standard/summary.csv'; out='plots/chart'\" ".ARG0
    exit status 2
}
if (!exists("footnote")) footnote = "data: ".csv
if (!exists("footnote2")) footnote2 = ""
# Strategy styles and id lists, generated from Sources/Reporting (see the file's header).
load scriptdir."generated.gp"
if (!exists("strategies")) strategies = default_strategies
if (!exists("workloads")) workloads = default_workloads
if (!exists("conc")) conc = reference_concurrency
if (!exists("rate")) rate = reference_run_rate
if (!exists("chart")) chart = out

# Position of word w in a space-separated list (0 when absent).
idx(list, w) = sum [i=1:words(list)] (word(list, i) eq w ? i : 0)

# One (colour, marker, dash) triple per strategy, from the generated table.
if (!exists("styles")) {
    styles = ""
    nfallback = 0
    do for [i=1:words(strategies)] {
        p = 0
        do for [j=1:words(style_known) / 4] { if (word(style_known, 4 * j - 3) eq word(strategies, i)) { p = j } }
        if (p > 0) {
            styles = styles.sprintf("%s %s %s ", word(style_known, 4 * p - 2), word(style_known, 4 * p - 1), word(style_known, 4 * p))
        } else {
            f = nfallback % (words(style_fallback) / 3)
            styles = styles.sprintf("%s %s %s ", word(style_fallback, 3 * f + 1), word(style_fallback, 3 * f + 2), word(style_fallback, 3 * f + 3))
            nfallback = nfallback + 1
        }
    }
}
ns = words(strategies)
nw = words(workloads)
color(s) = word(styles, 3 * s - 2)
point(s) = word(styles, 3 * s - 1) + 0
dash(s) = word(styles, 3 * s) + 0
# Line style s is strategy number s: plot lines and points with `ls s`.
do for [s=1:ns] { set style line s lc rgb color(s) lw 2 pt point(s) ps 1.1 dt dash(s) }

# Canvas. Titles must fit it: a character of DejaVu Sans at n pt is about 0.7·n px wide here.
canvas_w = 1200
canvas_h = 700
setterm(ext) = (ext eq "png" ? \
    sprintf("set terminal pngcairo size %d,%d noenhanced font 'DejaVu Sans,10' background '#ffffff'", canvas_w, canvas_h) : \
    sprintf("set terminal svg size %d,%d noenhanced font 'DejaVu Sans,10' background '#ffffff'", canvas_w, canvas_h)) . \
    "; set output '".out.".".ext."'"
set encoding utf8

# Row filters (use inside `using`). status is "ok" and the row belongs to strategy number s:
okrow(s) = strcol("status") eq "ok" && strcol("strategy") eq word(strategies, s)
# Value of a numeric column, or d when the field is empty.
val(c, d) = (v_ = column(c), v_ == v_ ? v_ : d)
# The reference cell of a workload (only the swept parameter of request-server / context-churn is fixed).
refcell(kk) = column("storages") == kk && \
    (strcol("workload") ne "request-server" || column("concurrency") == conc) && \
    (strcol("workload") ne "context-churn" || abs(column("run_rate") - rate) < 1e-9)
# x position of the bar for workload number w and strategy number s in a cluster of n bars.
barw(n) = 0.8 / n
barx(w, s, n) = w + (s - (n + 1) / 2.0) * barw(n)

# Workload ids as x tic labels at 1..nw.
set_workload_tics = "set xtics () scale 0 rotate by 25 right font ',9' offset 0,0.2; do for [i_=1:nw] { set xtics add (word(workloads, i_) i_) }"
footnote_label = "set label 1000 footnote at screen 0.006, screen (strlen(footnote2) > 0 ? 0.03 : 0.012) left font ',8' textcolor rgb '#555555' noenhanced; set label 1001 footnote2 at screen 0.006, screen 0.012 left font ',8' textcolor rgb '#555555' noenhanced"
# The chart's title (variable charttitle) and optional second line (subtitle), centred on the canvas.
title_label = "set label 1002 charttitle at screen 0.5, screen 0.972 center font ',13' noenhanced; if (exists('subtitle')) { set label 1003 subtitle at screen 0.5, screen 0.938 center font ',10' textcolor rgb '#333333' noenhanced }"
# Labels drawn once per chart: the first panel sets them, later panels drop them.
first_panel_labels = "eval footnote_label; eval title_label"
later_panel = "unset label 1000; unset label 1001; unset label 1002; unset label 1003; unset key"

# Legends never cover data: single-panel charts put theirs in the right margin (key_right);
# multi-panel charts draw one shared legend in a panel of its own right of every data panel
# (`eval legend_panel("boxes")` or ("linespoints") after the last data panel; panels_right is the
# data panels' right edge in screen units). A legend panel plots no data.
panels_right = 0.80
key_right = "set key outside right top vertical Left reverse samplen 3 spacing 1.15 width 1 nobox title 'strategy'"
legend_title = "strategy"
legend_panel(kind) = "eval later_panel; unset title; unset xlabel; unset ylabel; unset arrow; unset logscale; unset grid; unset border; unset tics; " . \
    "set lmargin at screen panels_right + 0.01; set rmargin at screen 0.995; set tmargin at screen 0.9; set bmargin at screen 0.08; " . \
    "set xrange [0:1]; set yrange [0:1]; set key inside left top vertical Left reverse samplen 3 spacing 1.2 width 1 maxrows 60 nobox title legend_title; " . \
    (kind eq "boxes" ? \
        "plot for [s_=1:ns] NaN with boxes lc rgb color(s_) title (shown(s_) ? word(strategies, s_) : '')" : \
        "plot for [s_=1:ns] NaN with linespoints ls s_ title word(strategies, s_)") . \
    "; legend_no = panel_no + 1; eval record_panel"
# Margins of panel p (1-based, row-major) of a rows × cols grid filling the screen box
# [grid_l, panels_right] × [grid_b, grid_t], with gaps grid_hgap / grid_vgap (screen units).
grid_l = 0.07
grid_b = 0.1
grid_t = 0.87
grid_hgap = 0.07
grid_vgap = 0.13
panel_w(cols) = (panels_right - grid_l - (cols - 1) * grid_hgap) / cols
panel_h(rows) = (grid_t - grid_b - (rows - 1) * grid_vgap) / rows
panel_at(p, rows, cols) = sprintf("set lmargin at screen %g; set rmargin at screen %g; set tmargin at screen %g; set bmargin at screen %g", \
    grid_l + ((p - 1) % cols) * (panel_w(cols) + grid_hgap), grid_l + ((p - 1) % cols) * (panel_w(cols) + grid_hgap) + panel_w(cols), \
    grid_t - int((p - 1) / cols) * (panel_h(rows) + grid_vgap), grid_t - int((p - 1) / cols) * (panel_h(rows) + grid_vgap) - panel_h(rows))

# On a log2 k axis, strategy s is drawn this factor right of its k, so identical lines stay
# side by side instead of hiding one another (a fraction of an octave; the tics stay at k).
dodge(s) = 2 ** ((s - (ns + 1) / 2.0) * 0.08)

# Whether strategy s is a series of the chart (scripts that leave some out redefine it).
shown(s) = 1

set style fill solid 0.85 border lc rgb "#333333"
set grid ytics lc rgb "#dddddd" lw 1
set border 3
set tics nomirror scale 1, 0.6
set format y "%g"

# Axis fitting. Collect the data range first (before the output loop, while no range is set):
#   eval reset_range; eval widen("csv", "(sel(1) ? column('x') : NaN)"); ...
# then, per panel, `eval fit_y`: a log axis with minor tics when the data spans more than
# log_threshold× (and is all positive); otherwise linear, from 0 when y_zero (bars, counts) and at
# least up to y_atleast (1 on allocation axes, so amortised setup cost does not look like growth),
# else fitted to the data.
log_threshold = 30
y_zero = 1
y_atleast = 0
reset_range = "y_lo = NaN; y_hi = NaN"
widen(src, spec) = sprintf("undefine STATS_min STATS_max; stats %s using %s nooutput; if (exists('STATS_min')) { y_lo = (y_lo == y_lo && y_lo < STATS_min) ? y_lo : STATS_min; y_hi = (y_hi == y_hi && y_hi > STATS_max) ? y_hi : STATS_max }", src, spec)
# On an axis with a floor (y_atleast), values below it count as the floor when judging the span.
y_eff_lo(d_) = (y_atleast > 0 && y_lo < y_atleast) ? y_atleast : y_lo
y_eff_hi(d_) = (y_hi < y_atleast) ? y_atleast : y_hi
y_is_log(d_) = (y_lo == y_lo && y_lo > 0 && y_eff_hi(0) / y_eff_lo(0) > log_threshold)
fit_y = "if (y_is_log(0)) { eval log_y } else { eval linear_y }"
# On a floored log axis, values below a tenth of the floor are drawn as nothing, not as bars.
y_log_bottom(d_) = (y_atleast > 0 && y_lo < y_atleast / 10.0) ? y_atleast / 10.0 : y_lo / 1.5
log_y = "set logscale y 10; set mytics 10; set yrange [y_log_bottom(0) : y_hi * 1.5]; set ytics autofreq; " . \
    "if (log10(y_hi / y_log_bottom(0)) < 2) { do for [e_=floor(log10(y_log_bottom(0))):ceil(log10(y_hi * 1.5))] { set ytics add (sprintf('%g', 2 * 10.0**e_) 2 * 10.0**e_, sprintf('%g', 5 * 10.0**e_) 5 * 10.0**e_) } }"
linear_y = "unset logscale y; set mytics 2; set ytics autofreq; if (y_lo != y_lo) { set yrange [*:*] } else { " . \
    "if (y_zero) { set yrange [(y_lo < 0 ? y_lo * 1.1 : 0) : (y_hi * 1.08 > y_atleast ? y_hi * 1.08 : y_atleast)] } " . \
    "else { pad_ = (y_hi > y_lo ? (y_hi - y_lo) * 0.1 : abs(y_hi) * 0.05 + 1e-9); set yrange [y_lo - pad_ : y_hi + pad_] } }"

# Per panel, after its plot: write its state for the tests (see statedir above).
panel_no = 0
record_panel = "if (exists('statedir') && ext eq 'png') { panel_no = panel_no + 1; state_ = sprintf('%s/%s-%d.gp', statedir, chart, panel_no); save set state_; " . \
    "set print state_ append; print sprintf('# area %g %g %g %g', GPVAL_TERM_XMIN, GPVAL_TERM_XMAX, GPVAL_TERM_YMIN, GPVAL_TERM_YMAX); " . \
    "print sprintf('# data y %.6g %.6g', GPVAL_DATA_Y_MIN, GPVAL_DATA_Y_MAX); " . \
    "print sprintf('# canvas %d %d font 10 threshold %g floor %g', canvas_w, canvas_h, log_threshold, y_atleast); " . \
    "if (panel_no == legend_no) { print '# legend panel' }; set print }"
legend_no = -1

# Lines need each series' points contiguous, so line charts first copy every series into its own
# datablock: `eval collect("S_1_2", "column('storages')", "column(time_column)", "sel(2, 1)")`
# puts the (x, y) pairs of the matching rows of csv into $S_1_2. Call `eval datablocks_mode` after
# the last collect and before plotting from the datablocks.
# (A series with no matching row gets one blank line: gnuplot treats an empty datablock as missing.)
collect(name, x, y, cond) = sprintf("set table $%s; plot csv using (%s):(%s) with table if (%s); unset table; if (|$%s| == 0) { set print $%s; print ''; set print }", name, x, y, cond, name, name)
datablocks_mode = "set datafile separator whitespace; set datafile nocolumnheaders"
