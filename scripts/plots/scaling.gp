# scaling.gp — cost against the number of storages k (log2 x axis) for the k-sweep workloads,
# one panel per workload (each on its own y range: the workloads differ in kind), one line per
# strategy (points nudged a fraction of an octave apart so equal lines stay visible), one shared legend. metric: "time" (time_column from generated.gp, default) or "allocs"
# (allocs_per_op, on an axis that reaches at least 1 so amortised setup cost does not look like growth).
# usage: gnuplot -e "csv='Results/standard/summary.csv'; out='plots/scaling-time'" scripts/plots/scaling.gp
if (!exists("scriptdir")) { scriptdir = "./"; do for [i=1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { scriptdir = ARG0[1:i] } } }
if (!exists("workloads")) workloads = "await-loop promise-chain timer-burst get-store run-enter"
if (!exists("metric")) metric = "time"
if (!exists("out")) out = "scaling-".metric
load scriptdir."common.gp"
c = (metric eq "allocs") ? "allocs_per_op" : time_column
unit = (metric eq "allocs") ? "allocations/op" : "ns/op"
sel(s, w) = okrow(s) && strcol("workload") eq word(workloads, w) && column("storages") > 0 && \
    (strcol("workload") ne "request-server" || column("concurrency") == conc)
cols = (nw <= 2) ? nw : (nw <= 4 ? 2 : 3)
rows = int(ceil(nw / real(cols)))
if (metric eq "allocs") { y_atleast = 1 }
charttitle = sprintf("Scaling with the number of storages k: %s", unit)

do for [w=1:nw] { do for [s=1:ns] {
    eval collect(sprintf("S_%d_%d", w, s), "column('storages')", "column(c)", sprintf("sel(%d, %d)", s, w))
} }
eval datablocks_mode
# Each panel's own data range.
array lo_[nw]
array hi_[nw]
do for [w=1:nw] {
    eval reset_range
    do for [s=1:ns] { eval widen(sprintf("$S_%d_%d", w, s), "2") }
    lo_[w] = y_lo
    hi_[w] = y_hi
}

do for [ext in "png svg"] {
    eval setterm(ext)
    panel_no = 0
    set multiplot
    set logscale x 2
    set autoscale xfix
    set xlabel "k (storages, log2 scale)" offset 0,0.4
    set grid xtics ytics lc rgb "#dddddd"
    set offsets graph 0.03, graph 0.03, 0, 0
    unset key
    do for [w=1:nw] {
        eval panel_at(w, rows, cols)
        y_lo = lo_[w]
        y_hi = hi_[w]
        eval fit_y
        set ylabel unit.(y_is_log(0) ? " (log scale)" : "")
        set title word(workloads, w) font ",11"
        if (w == 1) { eval first_panel_labels } else { eval later_panel }
        plot for [s=1:ns] sprintf("$S_%d_%d", w, s) using ($1 * dodge(s)):2 smooth unique with linespoints ls s notitle
        eval record_panel
    }
    eval legend_panel("linespoints")
    unset multiplot
    set output
}
