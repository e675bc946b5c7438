# latency-percentiles.gp — request-server latency distribution (HDR style): latency against
# percentile on a "nines" axis (x = -log10(1 - p/100): 50 %, 90 %, 99 %, 99.9 % equally spaced),
# one line per strategy, at one k (default 8) and one concurrency (default 100). The y axis is
# fitted to the data (log only when it spans more than log_threshold×).
# csv: Results/<suite>/latency-request-server.csv
# usage: gnuplot -e "csv='Results/standard/latency-request-server.csv'; out='plots/latency-percentiles'" scripts/plots/latency-percentiles.gp
if (!exists("scriptdir")) { scriptdir = "./"; do for [i=1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { scriptdir = ARG0[1:i] } } }
if (!exists("out")) out = "latency-percentiles"
load scriptdir."common.gp"
if (!exists("k")) k = reference_k
nines(p) = -log10(1 - p / 100.0)
sel(s) = strcol("strategy") eq word(strategies, s) && column("storages") == k && column("concurrency") == conc && column("percentile") < 100
do for [s=1:ns] {
    eval collect(sprintf("L_%d", s), "nines(column('percentile'))", "column('latency_ns') / 1000.0", sprintf("sel(%d)", s))
}
eval datablocks_mode
eval reset_range
do for [s=1:ns] { eval widen(sprintf("$L_%d", s), "2") }
y_zero = 0
charttitle = sprintf("request-server latency by percentile (k = %d storages, concurrency %d)", k, conc)

do for [ext in "png svg"] {
    eval setterm(ext)
    panel_no = 0
    set xtics ("0 %%" 0, "50 %%" nines(50), "90 %%" 1, "99 %%" 2, "99.9 %%" 3, "99.99 %%" 4, "99.999 %%" 5)
    set xrange [0:*]
    set xlabel "percentile (log scale of 1 / (1 - p))"
    eval fit_y
    set ylabel "latency (µs".(y_is_log(0) ? ", log scale)" : ")")
    set grid xtics ytics lc rgb "#dddddd"
    eval key_right
    set lmargin 10
    set bmargin 5
    set tmargin 4
    set rmargin at screen panels_right
    eval first_panel_labels
    plot for [s=1:ns] sprintf("$L_%d", s) using 1:2 smooth unique with linespoints ls s pointinterval 3 title word(strategies, s)
    eval record_panel
    set output
}
