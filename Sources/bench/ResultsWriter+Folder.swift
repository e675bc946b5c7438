import ArgumentParser
import Foundation
import Reporting
import Suites

extension ResultsWriter {
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
            if suite.name == Suite.frames.name { putWorstCase(into: staging) }
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

    /// A frames run writes the table `bench frames-report` writes (with its
    /// default threshold) beside its summary; a selection the analysis cannot
    /// compare is said, not fatal.
    private func putWorstCase(into staging: String) {
        do {
            let analysis = try FrameAnalysis.analyze(path: (staging as NSString).appendingPathComponent("summary.csv"))
            try Bench.FramesReport.writeWorstCase(analysis, into: staging)
        } catch {
            printError("bench: worst-case.csv not written (\(error)); `bench frames-report --results <folder>` writes it later")
        }
    }
}
