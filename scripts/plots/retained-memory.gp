# retained-memory.gp — request-server: bytes retained per pending request (context state that
# lives as long as the request) against concurrency, one line per strategy, at one k (default 8).
# usage: gnuplot -e "csv='Results/standard/summary.csv'; out='plots/retained-memory'" scripts/plots/retained-memory.gp
if (!exists("scriptdir")) { scriptdir = "./"; do for [i=1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { scriptdir = ARG0[1:i] } } }
if (!exists("out")) out = "retained-memory"
load scriptdir."common.gp"
if (!exists("k")) k = 8
sel(s) = okrow(s) && strcol("workload") eq "request-server" && column("storages") == k
do for [s=1:ns] {
    eval collect(sprintf("R_%d", s), "column('concurrency')", "column('retained_bytes_per_request')", sprintf("sel(%d)", s))
}
eval datablocks_mode

do for [ext in "png svg"] {
    eval setterm(ext)
    set title sprintf("Memory retained per pending request against concurrency (request-server, k = %d storages)", k) font ",13"
    set logscale x 10
    set xlabel "concurrency (requests in flight, log scale)"
    set ylabel "retained bytes per pending request"
    set yrange [0:*]
    set offsets graph 0.03, graph 0.03, graph 0.25, 0
    set grid xtics ytics lc rgb "#dddddd"
    set key left top Left reverse samplen 2 nobox title "strategy"
    set lmargin 10
    set bmargin 5
    set rmargin 4
    eval footnote_label
    plot for [s=1:ns] sprintf("$R_%d", s) using 1:2 smooth unique with linespoints lc rgb color(s) lw 2 pt 7 ps 0.8 title word(strategies, s)
    set output
}
