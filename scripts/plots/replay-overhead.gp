# replay-overhead.gp — propagation cost per request of each design, replayed from
# recorded application traces (Results/replay/summary.csv), by app and concurrency,
# each bar with its 95 % interval (paired by repetition), with Node 24's measured
# overhead (the Node 24 mode or Node 20 the design models, against ALS removed) as points.
# Self-contained (does not load common.gp). Lists come from the data (scripts/apps/run):
# usage: gnuplot -e "csv='Results/replay/summary.csv'; out='plots/replay/overhead'; \
#          strategies='hook-map-copy promise-hooks frame-ref continuation-slot'; \
#          groups='express/1 express/10 express/100 traced/1 traced/10 traced/100'" scripts/plots/replay-overhead.gp
if (!exists("csv")) { print "replay-overhead.gp: set csv='Results/replay/summary.csv'"; exit status 2 }
if (!exists("strategies") || !exists("groups")) { print "replay-overhead.gp: set strategies='…' and groups='app/c …'"; exit status 2 }
if (!exists("out")) out = "replay-overhead"
idx(list, w) = sum [i=1:words(list)] (word(list, i) eq w ? i : 0)
ns = words(strategies)
ng = words(groups)
colors = "#4477aa #ee6677 #228833 #ccbb44 #66ccee #aa3377 #bbbbbb #000000 #999933 #882255"
color(i) = word(colors, (i - 1) % words(colors) + 1)
group(d_) = idx(groups, strcol("app")."/".strcol("concurrency"))
width = 0.8 / ns
barx(i) = group(0) - 0.4 + (i - 0.5) * width
sel(i) = strcol("status") eq "ok" && strcol("strategy") eq word(strategies, i) && group(0) > 0
set datafile separator ","
set datafile columnheaders
set style fill solid 0.85 border -1
set boxwidth width
set key outside right top font ",9"
set grid ytics
set ylabel "propagation overhead per request (ns, replay minus none)"
set xrange [0.4:ng + 0.6]
set yrange [0:*]
set xtics () font ",9"
do for [g=1:ng] { set xtics add (word(groups, g) g) }
set title "Real applications replayed: what each design costs per request (bars with 95 % intervals)"
do for [ext in "png svg"] {
    if (ext eq "png") { set terminal pngcairo size 1300,560 font ",10" } else { set terminal svg size 1300,560 font ",10" }
    set output out.".".ext
    plot for [i=1:ns] csv using (sel(i) ? barx(i) : NaN):(sel(i) ? column("overhead_ns_per_request") : NaN) \
            with boxes lc rgb color(i) title word(strategies, i), \
         for [i=1:ns] csv using (sel(i) && strcol("overhead_ci_low") ne "" ? barx(i) : NaN):(column("overhead_ns_per_request")):(column("overhead_ci_low")):(column("overhead_ci_high")) \
            with yerrorbars pt -1 lc rgb "#333333" notitle, \
         for [i=1:ns] csv using (sel(i) ? barx(i) : NaN):(sel(i) && strcol("measured_overhead_ns_per_request") ne "" ? column("measured_overhead_ns_per_request") : NaN) \
            with points pt 7 ps 1.2 lc rgb "black" title (i == 1 ? "Node measured (its mode vs ALS removed)" : "")
    unset output
}
