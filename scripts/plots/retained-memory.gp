# retained-memory.gp — request-server: bytes retained per pending request (context state that
# lives as long as the request) against concurrency, one line per strategy, at one k (default 8).
# usage: gnuplot -e "csv='Results/standard/summary.csv'; out='plots/retained-memory'" scripts/plots/retained-memory.gp
if (!exists("scriptdir")) { scriptdir = "./"; do for [i=1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { scriptdir = ARG0[1:i] } } }
if (!exists("out")) out = "retained-memory"
load scriptdir."common.gp"
if (!exists("k")) k = reference_k
sel(s) = okrow(s) && strcol("workload") eq "request-server" && column("storages") == k
do for [s=1:ns] {
    eval collect(sprintf("R_%d", s), "column('concurrency')", "column('retained_bytes_per_request')", sprintf("sel(%d)", s))
}
eval datablocks_mode
eval reset_range
do for [s=1:ns] { eval widen(sprintf("$R_%d", s), "2") }
charttitle = sprintf("Memory retained per pending request against concurrency (request-server, k = %d storages)", k)

do for [ext in "png svg"] {
    eval setterm(ext)
    panel_no = 0
    set logscale x 10
    set xlabel "concurrency (requests in flight, log scale)"
    eval fit_y
    set ylabel "retained bytes per pending request".(y_is_log(0) ? " (log scale)" : "")
    set offsets graph 0.03, graph 0.03, 0, 0
    set grid xtics ytics lc rgb "#dddddd"
    eval key_right
    set lmargin 10
    set bmargin 5
    set tmargin 4
    set rmargin at screen panels_right
    eval first_panel_labels
    plot for [s=1:ns] sprintf("$R_%d", s) using 1:2 smooth unique with linespoints ls s title word(strategies, s)
    eval record_panel
    set output
}
