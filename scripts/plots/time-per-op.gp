# time-per-op.gp — time per operation (time_column: time_statistic) by workload × strategy, with 95 % CI error
# bars, one panel per k (storages), all panels on one y range. `metric='ratio'` plots
# ratio_vs_none instead (the ratio-vs-none chart: bars for every strategy but `none`, growing
# from the line at 1); the micro-operation workloads are left out of it by default (a ratio to a
# sub-nanosecond baseline says nothing: micro-ops.gp charts their added ns/op).
# usage: gnuplot -e "csv='Results/standard/summary.csv'; out='plots/time-per-op'" scripts/plots/time-per-op.gp
if (!exists("scriptdir")) { scriptdir = "./"; do for [i=1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { scriptdir = ARG0[1:i] } } }
if (!exists("metric")) metric = "time"
ratio = (metric eq "ratio")
if (!exists("out")) out = ratio ? "ratio-vs-none" : "time-per-op"
workloads_given = exists("workloads")
load scriptdir."common.gp"
if (ratio && !workloads_given) {
    w_ = ""
    do for [i=1:words(default_workloads)] { if (idx(micro_workloads, word(default_workloads, i)) == 0 && idx(workloads, word(default_workloads, i)) > 0) { w_ = w_.word(default_workloads, i)." " } }
    workloads = w_
    nw = words(workloads)
}
if (!exists("ks")) ks = "1 8 64"
nk = words(ks)
grid_vgap = 0.1
grid_b = 0.12
ycol = ratio ? "ratio_vs_none" : time_column
locol = ratio ? "ratio_ci_low" : "ns_per_op_ci_low"
hicol = ratio ? "ratio_ci_high" : "ns_per_op_ci_high"
# In the ratio chart `none` is the baseline line, not a bar.
undefine shown
shown(s) = !ratio || word(strategies, s) ne "none"
nb = 0
do for [s=1:ns] { if (shown(s)) { nb = nb + 1 } }
slot(s) = sum [j=1:s] (shown(j) ? 1 : 0)
inchart(kk) = idx(workloads, strcol("workload")) > 0 && refcell(kk)
sel(s, kk) = shown(s) && okrow(s) && inchart(kk)
bx(s) = barx(idx(workloads, strcol("workload")), slot(s), nb)
lo(d_) = val(locol, column(ycol))
hi(d_) = val(hicol, column(ycol))
charttitle = ratio ? "Overhead vs none: ratio of the fastest ns/op (95 % CI)" : "Time per operation: fastest ns/op of the repetitions (95 % CI)"
if (exists("note")) { subtitle = note.(ratio ? "; get-store and run-enter: see micro-ops" : "") } else { if (ratio) { subtitle = "get-store and run-enter: see micro-ops" } }

# One y range for every panel: the panels are meant to be compared.
eval reset_range
do for [p=1:nk] { do for [s=1:ns] { if (shown(s)) {
    kk = int(word(ks, p))
    eval widen("csv", sprintf("(sel(%d, %d) ? lo(0) : NaN)", s, kk))
    eval widen("csv", sprintf("(sel(%d, %d) ? hi(0) : NaN)", s, kk))
} } }
if (ratio) { y_lo = (y_lo < 1 ? y_lo : 1); y_hi = (y_hi > 1 ? y_hi : 1) }

do for [ext in "png svg"] {
    eval setterm(ext)
    panel_no = 0
    set multiplot
    eval set_workload_tics
    set xrange [0.4:nw + 0.6]
    eval fit_y
    set ylabel (ratio ? "ratio to none (×)" : "ns/op").(y_is_log(0) ? ", log scale" : "")
    do for [p=1:nk] {
        kk = int(word(ks, p))
        eval panel_at(p, nk, 1)
        set title sprintf("k = %d storages", kk) offset 0,-0.6 font ",10"
        if (p == 1) { eval first_panel_labels } else { eval later_panel }
        unset key
        if (ratio) { set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead lc rgb color(1) dt 2 lw 1.5 front } else { unset arrow 1 }
        if (ratio) {
            # Bars grow from the baseline 1 (up: slower than none, down: faster); CI as capped vectors.
            plot for [s=1:ns] csv using \
                (sel(s, kk) ? bx(s) : NaN):(sel(s, kk) ? column(ycol) : NaN):(bx(s) - barw(nb) / 2):(bx(s) + barw(nb) / 2):\
                (1):(sel(s, kk) ? column(ycol) : NaN) \
                with boxxyerror lc rgb color(s) lw 1 notitle, \
                for [s=1:ns] csv using \
                (sel(s, kk) ? bx(s) : NaN):(sel(s, kk) ? lo(0) : NaN):(0):(sel(s, kk) ? hi(0) - lo(0) : NaN) \
                with vectors heads size screen 0.004,90 lc rgb "#222222" lw 1 notitle
        } else {
            plot for [s=1:ns] csv using \
                (sel(s, kk) ? bx(s) : NaN):(sel(s, kk) ? column(ycol) : NaN):(sel(s, kk) ? lo(0) : NaN):(sel(s, kk) ? hi(0) : NaN):(barw(nb)) \
                with boxerrorbars lc rgb color(s) lw 1 notitle
        }
        eval record_panel
    }
    eval legend_panel("boxes")
    unset multiplot
    set output
}
