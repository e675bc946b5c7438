# allocations.gp — allocations per operation (top) and bytes allocated per operation (bottom)
# by workload × strategy, at one k (default 8).
# usage: gnuplot -e "csv='Results/standard/summary.csv'; out='plots/allocations'" scripts/plots/allocations.gp
if (!exists("scriptdir")) { scriptdir = "./"; do for [i=1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { scriptdir = ARG0[1:i] } } }
if (!exists("out")) out = "allocations"
load scriptdir."common.gp"
if (!exists("k")) k = 8
sel(s) = okrow(s) && refcell(k)
bx(s) = barx(idx(workloads, strcol("workload")), s, ns)
panels = "allocs_per_op bytes_per_op"
labels = "allocations/op|bytes/op"

do for [ext in "png svg"] {
    eval setterm(ext)
    set multiplot title sprintf("Allocations per operation by workload and strategy (k = %d storages)", k) font ",13"
    eval set_workload_tics
    set xrange [0.4:nw + 0.6]
    set yrange [0:*]
    set key outside right top vertical Left reverse samplen 2 spacing 1.1 title "strategy"
    set lmargin at screen 0.075
    set rmargin at screen 0.84
    do for [p=1:2] {
        c = word(panels, p)
        top = 0.93 - (p - 1) * 0.44
        set tmargin at screen top
        set bmargin at screen top - 0.44 + 0.1
        set ylabel (p == 1 ? "allocations/op" : "bytes/op")
        set title (p == 1 ? "heap allocations per operation" : "bytes allocated per operation") offset 0,-0.6 font ",10"
        if (p == 1) { eval footnote_label } else { unset label 1000; unset label 1001; unset key }
        plot for [s=1:ns] csv using (sel(s) ? bx(s) : NaN):(sel(s) ? column(c) : NaN):(barw(ns)) \
            with boxes lc rgb color(s) lw 1 title (p == 1 ? word(strategies, s) : "")
    }
    unset multiplot
    set output
}
