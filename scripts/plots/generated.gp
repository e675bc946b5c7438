# generated.gp — GENERATED from the strategy registry and Sources/Reporting (StrategyPalette, ResultsSchema, Fidelity, Analysis, ChartPlanner, ReferenceCell); do not edit.
# Regenerate: REGENERATE_GNUPLOT_DEFINITIONS=1 swift test -c release --skip-build -Xswiftc -enable-testing --filter testGeneratedDefinitionsAreCurrent
#
# style_known: one (colour, gnuplot pointtype, gnuplot dashtype) triple per strategy id; ids not
# listed take style_fallback entries in the order they appear in `strategies` (common.gp).
style_known = \
    "none                 #7f7f7f 1 1 " . \
    "hook-map-copy        #cc6677 7 1 " . \
    "hook-map-copy-node20 #cc6677 11 4 " . \
    "promise-hooks        #882255 5 1 " . \
    "frame-ref            #332288 9 1 " . \
    "continuation-slot    #117733 13 1 " . \
    "slot-hashmap-copy    #44aa99 6 2 " . \
    "slot-array-copy      #999933 4 2 " . \
    "slot-linked          #88ccee 8 2 " . \
    "slot-persistent      #aa4499 10 2 " . \
    "slot-cow             #ddcc77 12 2 " . \
    "node24-frame         #117733 15 4 " . \
    "node24-hooks         #cc6677 3 4 " . \
    "node20               #882255 2 4 " . \
    "deno                 #000000 14 4 " . \
    "bun                  #332288 12 4 " . \
    "swift-task-local     #999933 1 4 "
style_fallback = \
    "#cc6677 1 5 " . \
    "#332288 1 5 " . \
    "#117733 1 5 " . \
    "#882255 1 5 " . \
    "#44aa99 1 5 " . \
    "#999933 1 5 " . \
    "#88ccee 1 5 " . \
    "#aa4499 1 5 " . \
    "#ddcc77 1 5 " . \
    "#000000 1 5 " . \
    "#7f7f7f 1 5 " . \
    "#cc6677 2 5 " . \
    "#332288 2 5 " . \
    "#117733 2 5 " . \
    "#882255 2 5 " . \
    "#44aa99 2 5 " . \
    "#999933 2 5 " . \
    "#88ccee 2 5 " . \
    "#aa4499 2 5 " . \
    "#ddcc77 2 5 " . \
    "#000000 2 5 " . \
    "#7f7f7f 2 5 " . \
    "#cc6677 3 5 " . \
    "#332288 3 5 "
# The registry's baseline and faithful strategies (the standard suite's), and the workloads, in display order.
default_strategies = "none hook-map-copy hook-map-copy-node20 promise-hooks frame-ref continuation-slot"
default_workloads = "promise-chain await-loop await-depth promise-fanout thenable-adopt timer-burst timer-spread timer-cancel interval request-server get-store run-enter context-churn idle-storages"
# The faithful strategies alone (charts of the cost added over the baseline).
faithful_strategies = "hook-map-copy hook-map-copy-node20 promise-hooks frame-ref continuation-slot"
# The model strategies the fidelity charts pair with real runtimes (Fidelity.counterparts).
counterpart_strategies = "hook-map-copy continuation-slot frame-ref"
# The two strategies whose context-churn crossover the charts mark (Analysis.crossoverPair).
crossover_pair = "hook-map-copy continuation-slot"
# The headline time column of summary.csv (ResultsSchema.timeColumn) and what it is (Statistics.headline).
time_column = "ns_per_op_min"
time_statistic = "fastest repetition"
# Workloads of one sub-nanosecond-baseline operation: charted as added ns/op, never as a ratio.
micro_workloads = "get-store run-enter"
# The reference cell of single-value views (ReferenceCell): storages k, request-server
# concurrency, context-churn run_rate.
reference_k = 8
reference_concurrency = 100
reference_run_rate = 0.1
