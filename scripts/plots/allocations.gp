# allocations.gp — allocations per operation (top) and bytes allocated per operation (bottom)
# by workload × strategy, at one k (default 8). Both axes reach at least 1 (and, when logarithmic,
# stop at 0.1), so amortised setup cost does not show as a bar.
# usage: gnuplot -e "csv='Results/standard/summary.csv'; out='plots/allocations'" scripts/plots/allocations.gp
if (!exists("scriptdir")) { scriptdir = "./"; do for [i=1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { scriptdir = ARG0[1:i] } } }
if (!exists("out")) out = "allocations"
load scriptdir."common.gp"
if (!exists("k")) k = reference_k
sel(s) = okrow(s) && refcell(k) && idx(workloads, strcol("workload")) > 0
bx(s) = barx(idx(workloads, strcol("workload")), s, ns)
panels = "allocs_per_op bytes_per_op"
array lo_[2]
array hi_[2]
do for [p=1:2] {
    eval reset_range
    do for [s=1:ns] { eval widen("csv", sprintf("(sel(%d) ? column('%s') : NaN)", s, word(panels, p))) }
    lo_[p] = y_lo
    hi_[p] = y_hi
}
charttitle = sprintf("Allocations per operation by workload and strategy (k = %d storages)", k)
y_atleast = 1
any_log = 0
do for [p=1:2] { y_lo = lo_[p]; y_hi = hi_[p]; if (y_is_log(0)) { any_log = 1 } }
if (any_log) { subtitle = "log axes: less than 0.1 per operation (setup cost amortised over the run) draws no bar" }
grid_vgap = 0.14
grid_b = 0.13

do for [ext in "png svg"] {
    eval setterm(ext)
    panel_no = 0
    set multiplot
    eval set_workload_tics
    set xrange [0.4:nw + 0.6]
    unset key
    do for [p=1:2] {
        c = word(panels, p)
        eval panel_at(p, 2, 1)
        y_lo = lo_[p]
        y_hi = hi_[p]
        y_atleast = 1
        eval fit_y
        set ylabel (p == 1 ? "allocations/op" : "bytes/op").(y_is_log(0) ? " (log scale)" : "")
        set title (p == 1 ? "heap allocations per operation" : "bytes allocated per operation") offset 0,-0.6 font ",10"
        if (p == 1) { eval first_panel_labels } else { eval later_panel }
        plot for [s=1:ns] csv using (sel(s) ? bx(s) : NaN):(sel(s) ? column(c) : NaN):(barw(ns)) \
            with boxes lc rgb color(s) lw 1 notitle
        eval record_panel
    }
    eval legend_panel("boxes")
    unset multiplot
    set output
}
