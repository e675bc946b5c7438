# model-vs-real.gp — fidelity scatter: for each pair of designs (a model strategy and its real
# counterpart, Fidelity.counterparts in Sources/Reporting), the model's added ns per operation
# against the engine's, one point per (workload, k), log-log, with the y = x line and the band
# where the two agree within 1.5×. Added ns/op is each side's fastest ns/op minus its own
# baseline (the model: none; an engine: the same process with no AsyncLocalStorage).
# csv: the chart's data, written by `bench plot` next to the chart (plots/<suite>/model-vs-real.csv,
#      columns model, real, workload, storages, model_added_ns_per_op, real_added_ns_per_op).
# strategies: the model strategies of the pairs, in legend order (they give each pair its style).
# usage: gnuplot -e "csv='plots/standard/model-vs-real.csv'; out='plots/model-vs-real'" scripts/plots/model-vs-real.gp
if (!exists("scriptdir")) { scriptdir = "./"; do for [i=1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { scriptdir = ARG0[1:i] } } }
if (!exists("out")) out = "model-vs-real"
load scriptdir."generated.gp"
if (!exists("strategies")) strategies = counterpart_strategies
load scriptdir."common.gp"
band = 1.5
sel(s) = strcol("model") eq word(strategies, s)
drawn(s) = sel(s) && column("model_added_ns_per_op") > 0 && column("real_added_ns_per_op") > 0
inband(s) = drawn(s) && column("model_added_ns_per_op") <= band * column("real_added_ns_per_op") && \
    column("real_added_ns_per_op") <= band * column("model_added_ns_per_op")
array pair_[ns]
array n_[ns]
array in_[ns]
array all_[ns]
eval reset_range
do for [s=1:ns] {
    pair_[s] = word(strategies, s)
    # The counterpart's id, from the first row of the pair.
    undefine STATS_min
    stats csv using (sel(s) && pair_[s] eq word(strategies, s) ? (pair_[s] = word(strategies, s)." vs ".strcol("real"), 0) : NaN) nooutput
    n_[s] = 0; in_[s] = 0; all_[s] = 0
    undefine STATS_records
    stats csv using (sel(s) ? 1 : NaN) nooutput
    if (exists("STATS_records")) { all_[s] = STATS_records }
    undefine STATS_records
    stats csv using (drawn(s) ? 1 : NaN) nooutput
    if (exists("STATS_records")) { n_[s] = STATS_records }
    undefine STATS_records
    stats csv using (inband(s) ? 1 : NaN) nooutput
    if (exists("STATS_records")) { in_[s] = STATS_records }
    eval widen("csv", sprintf("(drawn(%d) ? column('model_added_ns_per_op') : NaN)", s))
    eval widen("csv", sprintf("(drawn(%d) ? column('real_added_ns_per_op') : NaN)", s))
}
lo = (y_lo == y_lo) ? 10 ** floor(log10(y_lo / 1.5)) : 0.1
hi = (y_hi == y_hi) ? 10 ** ceil(log10(y_hi * 1.5)) : 1e4
key_(s) = sprintf("%s: %d of %d within %g×", pair_[s], in_[s], n_[s], band).(all_[s] > n_[s] ? sprintf(" (+%d at ≤ 0, not drawn)", all_[s] - n_[s]) : "")
charttitle = "Model vs real engines: added ns per operation, one point per (workload, k)"
subtitle = sprintf("line: y = x (model = engine); shaded: within %g×; above the line the model adds more than the engine", band)

do for [ext in "png svg"] {
    eval setterm(ext)
    panel_no = 0
    set logscale xy 10
    set mxtics 10
    set mytics 10
    set xrange [lo:hi]
    set yrange [lo:hi]
    set size ratio -1
    set format x "%g"
    set xlabel "engine: added ns per operation (log scale)"
    set ylabel "model: added ns per operation (log scale)"
    set grid xtics ytics lc rgb "#dddddd"
    set key at screen 0.5, screen 0.86 left top vertical Left reverse samplen 2 spacing 1.4 width 1 nobox title "model vs its real counterpart"
    set lmargin at screen 0.08
    set rmargin at screen 0.47
    set tmargin at screen 0.88
    set bmargin at screen 0.1
    eval first_panel_labels
    set samples 200
    plot '+' using 1:($1 / band):($1 * band) with filledcurves lc rgb "#dadada" notitle, \
         x with lines lc rgb "#555555" lw 1.5 notitle, \
         for [s=1:ns] csv using (drawn(s) ? column("real_added_ns_per_op") : NaN):(drawn(s) ? column("model_added_ns_per_op") : NaN) \
             with points ls s ps 1.4 title key_(s)
    eval record_panel
    set output
}
