# scaling.gp — cost against the number of storages k (log2 x axis) for the k-sweep workloads,
# one panel per workload, one line per strategy, least-squares slope per strategy in the legend.
# metric: "time" (ns_per_op_median, default) or "allocs" (allocs_per_op).
# slopes: optional, one number per (workload, strategy) pair, workload-major, "NaN" for none
#         (the Swift renderer computes them); without it the slope is fitted here with `stats`.
# usage: gnuplot -e "csv='Results/standard/summary.csv'; out='plots/scaling-time'" scripts/plots/scaling.gp
if (!exists("scriptdir")) { scriptdir = "./"; do for [i=1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { scriptdir = ARG0[1:i] } } }
if (!exists("workloads")) workloads = "await-loop promise-chain timer-burst get-store run-enter"
if (!exists("metric")) metric = "time"
if (!exists("out")) out = "scaling-".metric
load scriptdir."common.gp"
c = (metric eq "allocs") ? "allocs_per_op" : "ns_per_op_median"
unit = (metric eq "allocs") ? "allocations/op" : "ns/op"
sel(s, w) = okrow(s) && strcol("workload") eq word(workloads, w) && column("storages") > 0 && \
    (strcol("workload") ne "request-server" || column("concurrency") == conc)
if (!exists("slopes")) {
    slopes = ""
    do for [w=1:nw] { do for [s=1:ns] {
        undefine STATS_slope
        stats csv using (sel(s, w) ? column("storages") : NaN):(sel(s, w) ? column(c) : NaN) nooutput
        slopes = slopes.(exists("STATS_slope") ? sprintf("%g ", STATS_slope) : "NaN ")
    } }
}
slope(w, s) = real(word(slopes, (w - 1) * ns + s))
keytitle(w, s) = (slope(w, s) == slope(w, s)) ? sprintf("%s (%+.3g %s per storage)", word(strategies, s), slope(w, s), unit) : word(strategies, s)
cols = (nw <= 2) ? nw : (nw <= 4 ? 2 : 3)
rows = int(ceil(nw / real(cols)))

do for [w=1:nw] { do for [s=1:ns] {
    eval collect(sprintf("S_%d_%d", w, s), "column('storages')", "column(c)", sprintf("sel(%d, %d)", s, w))
} }
eval datablocks_mode

do for [ext in "png svg"] {
    eval setterm(ext)
    set multiplot layout rows, cols title sprintf("Scaling with the number of storages k: %s (least-squares slope in the legend)", unit) font ",13" margins 0.07, 0.98, 0.1, 0.9 spacing 0.07, 0.12
    set logscale x 2
    set xlabel "k (storages, log2 scale)" offset 0,0.4
    set ylabel unit
    set yrange [0:*]
    set offsets graph 0.03, graph 0.03, graph 0.6, 0  # headroom for the key
    set key left top Left reverse samplen 2 font ",8" spacing 0.95 nobox
    do for [w=1:nw] {
        set title word(workloads, w) font ",11"
        if (w == 1) { eval footnote_label } else { unset label 1000; unset label 1001 }
        plot for [s=1:ns] sprintf("$S_%d_%d", w, s) using 1:2 smooth unique \
            with linespoints lc rgb color(s) lw 2 pt 7 ps 0.7 title keytitle(w, s)
    }
    unset multiplot
    set output
}
