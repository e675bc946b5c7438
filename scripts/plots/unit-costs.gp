# unit-costs.gp — the unit-cost table (issue 13): for each elementary operation at each k, the
# model's cost beside Node 24's (the engine the model strategy stands for), log scale.
# Self-contained (does not load common.gp): `bench fidelity` / `bench report` pass
#   data  a tab-separated file: label, model ns, engine ns (one row per operation and k;
#         written by FidelityTables from Results/fidelity/unit-costs.csv; non-positive = not drawn)
#   out   output path without extension (writes out.png and out.svg)
#   title optional chart title
#   statistic optional: what each time is (Statistics.headline's label)
# usage: gnuplot -e "data='/tmp/u.tsv'; out='plots/fidelity/unit-costs'" scripts/plots/unit-costs.gp
if (!exists("data")) { print "unit-costs.gp: set data='file.tsv'"; exit status 64 }
if (!exists("out")) out = "unit-costs"
if (!exists("statistic")) statistic = "headline time"
if (!exists("title")) title = "Unit costs: model vs Node 24 (ns per operation, log scale)"
set datafile separator "\t"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set logscale y
set yrange [0.1:*]
set ylabel "ns per operation (difference of two times, each the ".statistic.")"
set xtics rotate by -50 scale 0 font ",8" noenhanced
set grid ytics lc rgb "#dddddd"
set key top left font ",9" noenhanced
set title title font ",12" noenhanced
pos(x) = (x > 0) ? x : 1/0
do for [ext in "png svg"] {
    if (ext eq "png") { set terminal pngcairo size 1200,700 noenhanced } else { set terminal svg size 1200,700 noenhanced }
    set output out.".".ext
    plot data using (pos($2)):xtic(1) title "model" lc rgb "#009e73", \
         ''   using (pos($3)) title "engine (Node 24)" lc rgb "#56b4e9"
    set output
}
