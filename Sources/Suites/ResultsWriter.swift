import Foundation
import Measurement
import Reporting
import Workloads

/// Turns results into the CSV contract (tidy, RFC 4180, units in column
/// names, empty fields where a metric does not apply). `bench` writes the
/// tables into a results directory atomically (`ResultsWriter.write(to:)`);
/// a package running suites over strategies of its own (Examples/CustomStrategy)
/// writes the same `summary.csv`, which `bench plot` renders.
public struct ResultsWriter {
    public let runID: String
    public let results: [CellResult]
    public let metadata: RunMetadata
    public let suite: Suite

    public init(runID: String, results: [CellResult], metadata: RunMetadata, suite: Suite) {
        self.runID = runID
        self.results = results
        self.metadata = metadata
        self.suite = suite
    }

    static let summaryColumns = ResultsSchema.summaryColumns
    static let sampleColumns = ResultsSchema.samplesColumns
    static let latencyColumns = ResultsSchema.latencyColumns

    func keyFields(_ r: CellResult) -> [String] {
        let p = r.spec.parameters
        return [runID, r.strategy, r.spec.workload.rawValue, String(p.storages), String(p.ops),
                r.spec.workload == .requestServer ? String(p.concurrency) : "",
                r.spec.workload == .contextChurn ? CSVFormat.number(p.runRate, digits: 6) : ""]
    }

    public func summary() -> CSVTable {
        var table = CSVTable(header: Self.summaryColumns)
        for r in results {
            let ok = r.status.isOK
            let t = ok ? r.timing : nil
            let ratio = ok ? r.ratioVsNone : nil
            let added = ok ? r.addedNanosPerOp : nil
            let isBaseline = r.strategy == StrategyCatalog.baselineID
            let c = (ok && !isBaseline) ? r.counters : nil
            let n = { (x: Double?) in CSVFormat.number(x) }
            let perOp = { (x: Int?) in x.map { Double($0) / Double(r.ops) } }
            let lat = ok ? r.latency : nil
            let row: [String] = keyFields(r) + [
                t.map { String($0.n) } ?? "",
                n(t?.headline.value), n(t?.headline.ciLow), n(t?.headline.ciHigh),
            ] + ResultsSchema.otherStatistics.map { n(t?.estimate($0).value) } + [
                n(t?.cv), CSVFormat.number(ok ? r.instructionsPerOp : nil, digits: 8),
                n(ratio?.ratio), n(ratio?.ciLow), n(ratio?.ciHigh), n(ratio?.pValue), ratio?.stars ?? "",
                n(added?.difference), n(added?.ciLow), n(added?.ciHigh),
                n(ok ? r.allocationsPerOp : nil), n(ok ? r.bytesPerOp : nil),
                ok ? (r.retainedBytesAtPeak.map(String.init) ?? "") : "",
                n(ok ? r.retainedBytesAtPeak.map { Double($0) / Double(r.pendingAtPeak) } : nil),
                ok ? (r.retainedBytesAfterDrain.map(String.init) ?? "") : "",
                n(perOp(c?.hookCalls)), n(perOp(c?.entriesCopied)), c.map { String($0.framesCreated) } ?? "",
                n(perOp(c?.wrappersAllocated)), c.map { String($0.sideTableHighWater) } ?? "",
                lat.map { String($0.p50) } ?? "", lat.map { String($0.p90) } ?? "", lat.map { String($0.p99) } ?? "",
                lat.map { String($0.p999) } ?? "", lat.map { String($0.max) } ?? "",
                r.outcome.map { String($0.checksum) } ?? "",
                ok && r.noiseWarning ? ResultsSchema.noiseWarningText : "",
                r.status.description,
                n(ok ? r.processAllocationsPerOp : nil), n(ok ? r.heapObjectsPerOp : nil),
            ]
            table.append(row)
        }
        return table
    }

    public func samples() -> CSVTable {
        var table = CSVTable(header: Self.sampleColumns)
        for r in results where r.status.isOK {
            let key = keyFields(r)
            for s in r.samples {
                table.append(key + [String(s.repetition), s.isWarmup ? "1" : "0", String(s.iterations), String(s.totalNanos),
                                    CSVFormat.number(s.nanosPerIteration / Double(r.ops))])
            }
        }
        return table
    }

    public func latency() -> CSVTable? {
        var table = CSVTable(header: Self.latencyColumns)
        for r in results where r.status.isOK && !r.latencyDistribution.isEmpty {
            for point in r.latencyDistribution {
                table.append([runID, r.strategy, r.spec.workload.rawValue, String(r.spec.parameters.storages),
                              String(r.spec.parameters.concurrency), CSVFormat.number(point.percentile, digits: 6), String(point.nanos)])
            }
        }
        return table.rows.isEmpty ? nil : table
    }
}
