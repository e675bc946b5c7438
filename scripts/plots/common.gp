# common.gp — shared set-up, loaded by every chart script in this directory.
#
# Every script takes, with `gnuplot -e "name='value'; ..." scripts/plots/<chart>.gp`:
#   csv        the CSV to plot (required; summary.csv unless the script says otherwise)
#   out        output path without extension (default: the chart's name); writes out.png and out.svg
# and optionally (the Swift renderer passes all of them; the defaults suit a standard run):
#   strategies space-separated strategy ids, in legend order
#   colors     one #rrggbb per strategy (default: the fixed palette below)
#   workloads  space-separated workload ids for the x axis
#   footnote   first line of the bottom-left footnote (run id and machine)
#   footnote2  its second line (toolchain and data file), optional
#   k / ks     storages value(s) to show;  conc  request-server concurrency;  rate  context-churn run_rate

set datafile separator comma
set datafile columnheaders
if (!exists("csv")) {
    print "usage: gnuplot -e \"csv='Results/standard/summary.csv'; out='plots/chart'\" ".ARG0
    exit status 2
}
if (!exists("footnote")) footnote = "data: ".csv
if (!exists("footnote2")) footnote2 = ""
if (!exists("strategies")) strategies = "none hook-map-copy promise-hooks frame-ref continuation-slot"
if (!exists("workloads")) workloads = "promise-chain await-loop await-depth promise-fanout thenable-adopt timer-burst timer-spread timer-cancel interval request-server get-store run-enter context-churn"
if (!exists("conc")) conc = 100
if (!exists("rate")) rate = 0.1

# Fixed colour per strategy id (same table as StrategyPalette in Sources/Reporting).
palette_ids = "none hook-map-copy promise-hooks frame-ref continuation-slot node24-frame node24-hooks node20 deno bun"
palette_rgb = "#7f7f7f #d55e00 #e69f00 #0072b2 #009e73 #56b4e9 #cc79a7 #8c564b #000000 #9467bd"
palette_extra = "#17becf #bcbd22 #e377c2 #1f77b4 #d62728 #2ca02c #ff7f0e #393b79"

# Position of word w in a space-separated list (0 when absent).
idx(list, w) = sum [i=1:words(list)] (word(list, i) eq w ? i : 0)

if (!exists("colors")) {
    colors = ""
    nextra = 0
    do for [i=1:words(strategies)] {
        p = idx(palette_ids, word(strategies, i))
        if (p > 0) { colors = colors.word(palette_rgb, p)." " } else {
            colors = colors.word(palette_extra, nextra % words(palette_extra) + 1)." "
            nextra = nextra + 1
        }
    }
}
ns = words(strategies)
nw = words(workloads)
color(s) = word(colors, s)

# Terminal for one output format; `eval setterm("png")` then plot, then `eval setterm("svg")` …
setterm(ext) = (ext eq "png" ? \
    "set terminal pngcairo size 1200,700 noenhanced font 'DejaVu Sans,10' background '#ffffff'" : \
    "set terminal svg size 1200,700 noenhanced font 'DejaVu Sans,10' background '#ffffff'") . \
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

set style fill solid 0.85 border lc rgb "#333333"
set grid ytics lc rgb "#dddddd" lw 1
set border 3
set tics nomirror

# Lines need each series' points contiguous, so line charts first copy every series into its own
# datablock: `eval collect("S_1_2", "column('storages')", "column('ns_per_op_median')", "sel(2, 1)")`
# puts the (x, y) pairs of the matching rows of csv into $S_1_2. Call `eval datablocks_mode` after
# the last collect and before plotting from the datablocks.
collect(name, x, y, cond) = sprintf("set table $%s; plot csv using (%s):(%s) with table if (%s); unset table", name, x, y, cond)
datablocks_mode = "set datafile separator whitespace; set datafile nocolumnheaders"
