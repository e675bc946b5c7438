# latency-p99.gp — request-server latency against concurrency (requests in flight) at one k
# (default 8): p50 in the left panel, p99 in the right, on one shared y range, one line per strategy.
# usage: gnuplot -e "csv='Results/standard/summary.csv'; out='plots/latency-p99'" scripts/plots/latency-p99.gp
if (!exists("scriptdir")) { scriptdir = "./"; do for [i=1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { scriptdir = ARG0[1:i] } } }
if (!exists("out")) out = "latency-p99"
load scriptdir."common.gp"
if (!exists("k")) k = reference_k
sel(s) = okrow(s) && strcol("workload") eq "request-server" && column("storages") == k
quantiles = "p50 p99"
do for [s=1:ns] {
    eval collect(sprintf("Q_1_%d", s), "column('concurrency')", "column('latency_p50_ns') / 1000.0", sprintf("sel(%d)", s))
    eval collect(sprintf("Q_2_%d", s), "column('concurrency')", "column('latency_p99_ns') / 1000.0", sprintf("sel(%d)", s))
}
eval datablocks_mode
eval reset_range
do for [q=1:2] { do for [s=1:ns] { eval widen(sprintf("$Q_%d_%d", q, s), "2") } }
y_zero = 0
charttitle = sprintf("request-server latency against concurrency (k = %d storages): median and tail", k)
grid_t = 0.85
grid_b = 0.13

do for [ext in "png svg"] {
    eval setterm(ext)
    panel_no = 0
    set multiplot
    set logscale x 10
    set xlabel "concurrency (requests in flight, log scale)"
    set grid xtics ytics lc rgb "#dddddd"
    set offsets graph 0.04, graph 0.04, 0, 0
    eval fit_y
    set ylabel "latency (µs".(y_is_log(0) ? ", log scale)" : ")")
    unset key
    do for [q=1:2] {
        eval panel_at(q, 1, 2)
        set title (q == 1 ? "p50 (median) latency" : "p99 latency") font ",11"
        if (q == 1) { eval first_panel_labels } else { eval later_panel }
        plot for [s=1:ns] sprintf("$Q_%d_%d", q, s) using 1:2 smooth unique with linespoints ls s notitle
        eval record_panel
    }
    eval legend_panel("linespoints")
    unset multiplot
    set output
}
