# time-per-op.gp — median time per operation by workload × strategy, with 95 % CI error
# bars, one panel per k (storages). `metric='ratio'` plots ratio_vs_none instead (the
# ratio-vs-none chart: bars for every strategy but `none`, a line at 1).
# usage: gnuplot -e "csv='Results/standard/summary.csv'; out='plots/time-per-op'" scripts/plots/time-per-op.gp
if (!exists("scriptdir")) { scriptdir = "./"; do for [i=1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { scriptdir = ARG0[1:i] } } }
if (!exists("out")) out = "time-per-op"
load scriptdir."common.gp"
if (!exists("ks")) ks = "1 8 64"
if (!exists("metric")) metric = "time"
nk = words(ks)
ratio = (metric eq "ratio")
ycol = ratio ? "ratio_vs_none" : "ns_per_op_median"
locol = ratio ? "ratio_ci_low" : "ns_per_op_ci_low"
hicol = ratio ? "ratio_ci_high" : "ns_per_op_ci_high"
# In the ratio chart `none` is the baseline line, not a bar.
shown(s) = !ratio || word(strategies, s) ne "none"
nb = 0
do for [s=1:ns] { if (shown(s)) { nb = nb + 1 } }
slot(s) = sum [j=1:s] (shown(j) ? 1 : 0)
sel(s, kk) = shown(s) && okrow(s) && refcell(kk)
bx(s) = barx(idx(workloads, strcol("workload")), slot(s), nb)
lo(d_) = val(locol, column(ycol))
hi(d_) = val(hicol, column(ycol))
charttitle = ratio ? \
    sprintf("Overhead vs none (ratio of median ns/op, 95 %% CI) by workload and strategy%s", exists("note") ? " — ".note : "") : \
    sprintf("Time per operation (median, 95 %% CI) by workload and strategy%s", exists("note") ? " — ".note : "")

do for [ext in "png svg"] {
    eval setterm(ext)
    set multiplot title charttitle font ",13"
    eval set_workload_tics
    set xrange [0.4:nw + 0.6]
    if (ratio) { unset logscale y; set ylabel "ratio to none (×)" } else { set logscale y 10; set ylabel "ns/op (log scale)" }
    set format y "%g"
    set key outside right top vertical Left reverse samplen 2 spacing 1.1 title "strategy"
    set lmargin at screen 0.075
    set rmargin at screen 0.84
    do for [p=1:nk] {
        kk = int(word(ks, p))
        top = 0.93 - (p - 1) * (0.88 / nk)
        set tmargin at screen top
        set bmargin at screen top - 0.88 / nk + 0.095
        set title sprintf("k = %d storages", kk) offset 0,-0.6 font ",10"
        if (p == 1) { eval footnote_label } else { unset label 1000; unset label 1001; unset key }
        if (ratio) { set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead lc rgb color(1) dt 2 lw 1.5 front } else { unset arrow 1 }
        if (ratio) {
            # Bars grow from the baseline 1 (up: slower than none, down: faster); CI as capped vectors.
            plot for [s=1:ns] csv using \
                (sel(s, kk) ? bx(s) : NaN):(sel(s, kk) ? column(ycol) : NaN):(bx(s) - barw(nb) / 2):(bx(s) + barw(nb) / 2):\
                (1):(sel(s, kk) ? column(ycol) : NaN) \
                with boxxyerror lc rgb color(s) lw 1 title (p == 1 && shown(s) ? word(strategies, s) : ""), \
                for [s=1:ns] csv using \
                (sel(s, kk) ? bx(s) : NaN):(sel(s, kk) ? lo(0) : NaN):(0):(sel(s, kk) ? hi(0) - lo(0) : NaN) \
                with vectors heads size screen 0.004,90 lc rgb "#222222" lw 1 notitle
        } else {
            plot for [s=1:ns] csv using \
                (sel(s, kk) ? bx(s) : NaN):(sel(s, kk) ? column(ycol) : NaN):(sel(s, kk) ? lo(0) : NaN):(sel(s, kk) ? hi(0) : NaN):(barw(nb)) \
                with boxerrorbars lc rgb color(s) lw 1 title (p == 1 && shown(s) ? word(strategies, s) : "")
        }
    }
    unset multiplot
    set output
}
