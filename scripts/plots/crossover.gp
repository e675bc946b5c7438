# crossover.gp — context-churn: ns/op against run_rate (the fraction of awaits that enter a new
# `run` first), one panel per k, one line per strategy. The x axis is linear from 0 to 0.001 and
# logarithmic above, so run_rate 0 and 0.001 both show. Each panel has its own y range (k changes
# the scale several-fold); log when a panel's data spans more than log_threshold×.
# crossings: optional, one run_rate per k (NaN: no crossing; -: the two not both measured) where the two strategies of crossover_pair (generated.gp) cross
#            (the Swift renderer computes them by linear interpolation); drawn as a dashed line.
# usage: gnuplot -e "csv='Results/standard/summary.csv'; out='plots/crossover'" scripts/plots/crossover.gp
if (!exists("scriptdir")) { scriptdir = "./"; do for [i=1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { scriptdir = ARG0[1:i] } } }
if (!exists("out")) out = "crossover"
load scriptdir."common.gp"
if (!exists("ks")) ks = "1 8 64"
nk = words(ks)
t = 0.001
symlog(r) = r < t ? r / t : 1 + log10(r / t)
sel(s, kk) = okrow(s) && strcol("workload") eq "context-churn" && column("storages") == kk
do for [p=1:nk] { do for [s=1:ns] {
    eval collect(sprintf("C_%d_%d", p, s), "symlog(column('run_rate'))", "column(time_column)", sprintf("sel(%d, %s)", s, word(ks, p)))
} }
eval datablocks_mode
array lo_[nk]
array hi_[nk]
do for [p=1:nk] {
    eval reset_range
    do for [s=1:ns] { eval widen(sprintf("$C_%d_%d", p, s), "2") }
    lo_[p] = y_lo
    hi_[p] = y_hi
}
charttitle = "Crossover: context-churn ns per await against run_rate (share of awaits preceded by a new run)"
grid_t = 0.8
grid_hgap = 0.06

do for [ext in "png svg"] {
    eval setterm(ext)
    panel_no = 0
    set multiplot
    set xtics ("0" 0, "0.001" 1, "0.01" 2, "0.1" 3, "0.5" symlog(0.5), "1" 4) font ",9"
    set mxtics 1
    set xrange [-0.15:4.15]
    set xlabel "run_rate (0, then log scale)" font ",9"
    set grid xtics ytics lc rgb "#dddddd"
    unset key
    do for [p=1:nk] {
        eval panel_at(p, 1, nk)
        y_lo = lo_[p]
        y_hi = hi_[p]
        eval fit_y
        set ylabel "ns/op (".time_statistic.(y_is_log(0) ? ", log scale)" : ")")
        if (p == 1) { eval first_panel_labels } else { eval later_panel }
        unset arrow 1
        crosstext = ""
        if (exists("crossings") && word(crossings, p) ne "-") {
            x0 = real(word(crossings, p))
            if (x0 == x0) {
                set arrow 1 from first symlog(x0), graph 0 to first symlog(x0), graph 1 nohead dt 2 lc rgb "#444444" lw 1.2 front
                crosstext = sprintf("\n%s = %s\nat run_rate ≈ %.3g (dashed line)", word(crossover_pair, 1), word(crossover_pair, 2), x0)
            } else {
                crosstext = sprintf("\n%s vs %s:\nno crossover in the measured range", word(crossover_pair, 1), word(crossover_pair, 2))
            }
        }
        set title sprintf("k = %s storages%s", word(ks, p), crosstext) font ",10"
        plot for [s=1:ns] sprintf("$C_%d_%d", p, s) using 1:2 smooth unique with linespoints ls s notitle
        eval record_panel
    }
    eval legend_panel("linespoints")
    unset multiplot
    set output
}
