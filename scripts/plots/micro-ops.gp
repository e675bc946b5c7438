# micro-ops.gp — the micro-operation workloads (getStore, run-and-exit: one operation whose
# no-propagation baseline is about a nanosecond) as the time each strategy ADDS per operation
# (its fastest ns/op minus its baseline's: none in the same cell; for an engine, itself at k = 0), against k, one panel per workload on
# one shared y range. A ratio to a sub-nanosecond floor would say nothing. note: the baseline, as
# a subtitle (the renderer passes it).
# csv: the chart's data, written by `bench plot` next to the chart (plots/<suite>/micro-ops.csv,
#      columns strategy, workload, storages, added_ns_per_op).
# usage: gnuplot -e "csv='plots/standard/micro-ops.csv'; out='plots/micro-ops'" scripts/plots/micro-ops.gp
if (!exists("scriptdir")) { scriptdir = "./"; do for [i=1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { scriptdir = ARG0[1:i] } } }
if (!exists("out")) out = "micro-ops"
load scriptdir."generated.gp"
if (!exists("strategies")) strategies = faithful_strategies
workloads_given = exists("workloads")
load scriptdir."common.gp"
if (!workloads_given) { workloads = micro_workloads; nw = words(workloads) }
sel(s, w) = strcol("strategy") eq word(strategies, s) && strcol("workload") eq word(workloads, w)
do for [w=1:nw] { do for [s=1:ns] {
    eval collect(sprintf("A_%d_%d", w, s), "column('storages')", "column('added_ns_per_op')", sprintf("sel(%d, %d)", s, w))
} }
eval datablocks_mode
eval reset_range
do for [w=1:nw] { do for [s=1:ns] { eval widen(sprintf("$A_%d_%d", w, s), "2") } }
charttitle = "Micro-operations: ns each strategy adds per operation (its ".time_statistic." minus its baseline's)"
if (exists("note")) subtitle = note
grid_t = 0.85
grid_b = 0.13

do for [ext in "png svg"] {
    eval setterm(ext)
    panel_no = 0
    set multiplot
    set logscale x 2
    set autoscale xfix
    set xlabel "k (storages, log2 scale)"
    set grid xtics ytics lc rgb "#dddddd"
    set offsets graph 0.04, graph 0.04, 0, 0
    eval fit_y
    set ylabel "added ns/op".(y_is_log(0) ? " (log scale)" : "")
    unset key
    do for [w=1:nw] {
        eval panel_at(w, 1, nw)
        set title word(workloads, w) font ",11"
        if (w == 1) { eval first_panel_labels } else { eval later_panel }
        plot for [s=1:ns] sprintf("$A_%d_%d", w, s) using ($1 * dodge(s)):2 smooth unique with linespoints ls s notitle
        eval record_panel
    }
    eval legend_panel("linespoints")
    unset multiplot
    set output
}
