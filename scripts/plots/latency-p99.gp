# latency-p99.gp — request-server p99 latency against concurrency (requests in flight), one line
# per strategy, at one k (default 8); p50 dashed for reference.
# usage: gnuplot -e "csv='Results/standard/summary.csv'; out='plots/latency-p99'" scripts/plots/latency-p99.gp
if (!exists("scriptdir")) { scriptdir = "./"; do for [i=1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { scriptdir = ARG0[1:i] } } }
if (!exists("out")) out = "latency-p99"
load scriptdir."common.gp"
if (!exists("k")) k = 8
sel(s) = okrow(s) && strcol("workload") eq "request-server" && column("storages") == k
do for [s=1:ns] {
    eval collect(sprintf("P_%d", s), "column('concurrency')", "column('latency_p99_ns') / 1000.0", sprintf("sel(%d)", s))
    eval collect(sprintf("M_%d", s), "column('concurrency')", "column('latency_p50_ns') / 1000.0", sprintf("sel(%d)", s))
}
eval datablocks_mode

do for [ext in "png svg"] {
    eval setterm(ext)
    set title sprintf("request-server tail latency against concurrency (k = %d storages; solid p99, dashed p50)", k) font ",13"
    set logscale x 10
    set logscale y 10
    set format y "%g"
    set xlabel "concurrency (requests in flight, log scale)"
    set ylabel "latency (µs, log scale)"
    set grid xtics ytics lc rgb "#dddddd"
    set key left top Left reverse samplen 2 nobox title "strategy (p99)"
    set offsets graph 0.03, graph 0.03, 0, 0
    set lmargin 10
    set bmargin 5
    set rmargin 4
    eval footnote_label
    plot for [s=1:ns] sprintf("$P_%d", s) using 1:2 smooth unique with linespoints lc rgb color(s) lw 2 pt 7 ps 0.8 title word(strategies, s), \
         for [s=1:ns] sprintf("$M_%d", s) using 1:2 smooth unique with lines lc rgb color(s) lw 1 dt 2 notitle
    set output
}
