import ArgumentParser
import Foundation
import Measurement
import Reporting
import Workloads
import SemanticOracle
import Suites

/// Turns results into the CSV contract (tidy, RFC 4180, units in column
/// names, empty fields where a metric does not apply) and writes a results
/// directory atomically: staging directory first, then one rename.
struct ResultsWriter {
    let runID: String
    let results: [CellResult]
    let metadata: RunMetadata
    let suite: Suite

    static let summaryColumns = ResultsSchema.summaryColumns
    static let sampleColumns = ResultsSchema.samplesColumns
    static let latencyColumns = ResultsSchema.latencyColumns

    func keyFields(_ r: CellResult) -> [String] {
        let p = r.spec.parameters
        return [runID, r.strategy, r.spec.workload.rawValue, String(p.storages), String(p.ops),
                r.spec.workload == .requestServer ? String(p.concurrency) : "",
                r.spec.workload == .contextChurn ? CSVFormat.number(p.runRate, digits: 6) : ""]
    }

    func summary() -> CSVTable {
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
                n(t?.median), n(t?.ciLow), n(t?.ciHigh), n(t?.cv), CSVFormat.number(ok ? r.instructionsPerOp : nil, digits: 8),
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
                ok && r.noiseWarning ? "cv>\(CSVFormat.number(Statistics.noiseThresholdCV, digits: 2))" : "",
                r.status.description,
            ]
            table.append(row)
        }
        return table
    }

    func samples() -> CSVTable {
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

    func latency() -> CSVTable? {
        var table = CSVTable(header: Self.latencyColumns)
        for r in results where r.status.isOK && !r.latencyDistribution.isEmpty {
            for point in r.latencyDistribution {
                table.append([runID, r.strategy, r.spec.workload.rawValue, String(r.spec.parameters.storages),
                              String(r.spec.parameters.concurrency), CSVFormat.number(point.percentile, digits: 6), String(point.nanos)])
            }
        }
        return table.rows.isEmpty ? nil : table
    }

    /// Writes the results into a staging folder next to `folder`, then swaps it in.
    /// `folder` is checked again just before the swap (a file added during the
    /// run would be deleted with the old results); on any failure the staging
    /// folder is removed and `folder` is left as it was.
    func write(to folder: OutputFolder) throws {
        let staging = try AtomicDirectory.makeStaging(for: folder.path)
        do {
            func put(_ name: String, _ text: String) throws {
                try AtomicFile.write(text, to: (staging as NSString).appendingPathComponent(name))
            }
            try put("summary.csv", summary().encoded())
            try put("samples.csv", samples().encoded())
            if let latency = latency() { try put("latency-request-server.csv", latency.encoded()) }
            try put("run.json", metadata.jsonString())
            do { _ = try OutputFolder.check(folder.path) } catch let e as ValidationError {
                throw BenchError.message("bench: \(e.message); the results were not written")
            }
            try AtomicDirectory.replace(folder.path, with: staging)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            if let e = error as? ReportingError, e.message.contains(String(cString: strerror(ENOSPC))) {
                throw BenchError.message("bench: the disk is full: \(e.message); \(folder.path) was left as it was")
            }
            throw error
        }
    }
}
