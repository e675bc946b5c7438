# model-vs-real.gp — overhead ratio to each runtime's own baseline, model strategies (from csv)
# next to real runtimes (from real, e.g. Results/real/summary.csv), by workload, at one k.
# realstrategies / realcolors: ids and colours of the real runtimes' rows.
# usage: gnuplot -e "csv='Results/standard/summary.csv'; real='Results/real/summary.csv'; out='plots/model-vs-real'" scripts/plots/model-vs-real.gp
if (!exists("scriptdir")) { scriptdir = "./"; do for [i=1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { scriptdir = ARG0[1:i] } } }
if (!exists("out")) out = "model-vs-real"
if (!exists("strategies")) strategies = "hook-map-copy promise-hooks frame-ref continuation-slot"
if (!exists("workloads")) workloads = "promise-chain await-loop timer-burst get-store run-enter request-server"
load scriptdir."common.gp"
if (!exists("real")) { print "model-vs-real.gp: set real='Results/real/summary.csv'"; exit status 2 }
if (!exists("k")) k = 8
if (!exists("realstrategies")) realstrategies = "node24-frame node24-hooks node20 deno bun"
if (!exists("realcolors")) {
    realcolors = ""
    do for [i=1:words(realstrategies)] {
        p = idx(palette_ids, word(realstrategies, i))
        realcolors = realcolors.(p > 0 ? word(palette_rgb, p) : word(palette_extra, i % words(palette_extra) + 1))." "
    }
}
nr = words(realstrategies)
nb = ns + nr
id(i) = i <= ns ? word(strategies, i) : word(realstrategies, i - ns)
barcolor(i) = i <= ns ? word(colors, i) : word(realcolors, i - ns)
file(i) = i <= ns ? csv : real
sel(i) = strcol("status") eq "ok" && strcol("strategy") eq id(i) && refcell(k) && idx(workloads, strcol("workload")) > 0
bx(i) = barx(idx(workloads, strcol("workload")), i, nb)
lo(d_) = val("ratio_ci_low", column("ratio_vs_none"))
hi(d_) = val("ratio_ci_high", column("ratio_vs_none"))

do for [ext in "png svg"] {
    eval setterm(ext)
    set title sprintf("Model vs real runtimes: overhead ratio to each one's baseline (k = %d storages, 95 %% CI)", k) font ",13"
    eval set_workload_tics
    set xrange [0.4:nw + 0.6]
    set ylabel "ratio to baseline (×)"
    set key outside right top vertical Left reverse samplen 2 spacing 1.1 title "model | real"
    set lmargin at screen 0.075
    set rmargin at screen 0.80
    set bmargin 6
    eval footnote_label
    set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead lc rgb "#7f7f7f" dt 2 lw 1.5 front
    plot for [i=1:nb] file(i) using (sel(i) ? bx(i) : NaN):(sel(i) ? column("ratio_vs_none") : NaN):\
            (bx(i) - barw(nb) / 2):(bx(i) + barw(nb) / 2):(1):(sel(i) ? column("ratio_vs_none") : NaN) \
            with boxxyerror lc rgb barcolor(i) lw 1 title (i <= ns ? id(i)." (model)" : id(i)), \
         for [i=1:nb] file(i) using (sel(i) ? bx(i) : NaN):(sel(i) ? lo(0) : NaN):(0):(sel(i) ? hi(0) - lo(0) : NaN) \
            with vectors heads size screen 0.004,90 lc rgb "#222222" notitle
    set output
}
