import ArgumentParser
import Foundation

/// The folder a run writes its results into, checked before any work starts.
///
/// A user's files are sacred: `bench run` replaces a folder only when it is
/// absent, empty, or a previous results folder (it holds `run.json` and only
/// files bench writes). Anything else — the empty path, the project root, a
/// source folder, a folder with unrelated files, a regular file, a symbolic
/// link — is refused with exit 64 before anything is measured or written.
struct OutputFolder: Equatable {
    /// What is at the path now.
    enum State: Equatable {
        case absent
        case empty
        case previousResults
    }

    /// Absolute, standardized path.
    let path: String
    let state: State

    /// Names bench itself writes into a results folder (`bench run`,
    /// `bench frames-report`, `bench validate --semantics-out`,
    /// scripts/real/run), and the charts folder of a run with `--out`.
    static let resultFiles: Set<String> = ["run.json", "summary.csv", "samples.csv", "worst-case.csv", "semantics.csv"]
    static let chartsFolder = "charts"
    /// Extensions of the files in `charts/`.
    static let chartExtensions: Set<String> = ["png", "svg"]

    static func isResultFile(_ name: String) -> Bool {
        resultFiles.contains(name) || (name.hasPrefix("latency-") && name.hasSuffix(".csv"))
    }

    /// Classifies `argument` (as given to `--out`; relative paths are resolved
    /// against the project root). Reads the file system, never writes.
    ///
    /// - Throws: `ValidationError` (exit 64) naming the path and why it is refused.
    /// - Complexity: O(entries of the folder and of its `charts/`).
    static func check(_ argument: String) throws -> OutputFolder {
        guard !argument.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--out must name a folder, got an empty path")
        }
        let path = URL(fileURLWithPath: ProjectRoot.resolve(argument)).standardizedFileURL.path
        let fm = FileManager.default
        func refuse(_ why: String) -> ValidationError {
            ValidationError("refusing --out \(argument) (\(path)): \(why). Choose a folder that is absent, empty, or a previous results folder (one holding run.json).")
        }
        if path == "/" || path == ProjectRoot.path || ProjectRoot.path.hasPrefix(path + "/") {
            throw refuse("it is the project or one of its parent folders")
        }
        var isDir: ObjCBool = false
        if (try? fm.destinationOfSymbolicLink(atPath: path)) != nil {
            throw refuse("it is a symbolic link (pass the folder it points to)")
        }
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
            // Absent: the nearest existing ancestor must be a folder.
            var ancestor = (path as NSString).deletingLastPathComponent
            while !ancestor.isEmpty, !fm.fileExists(atPath: ancestor, isDirectory: &isDir) {
                ancestor = (ancestor as NSString).deletingLastPathComponent
            }
            if !isDir.boolValue { throw refuse("\(ancestor) is a file, not a folder") }
            return OutputFolder(path: path, state: .absent)
        }
        guard isDir.boolValue else { throw refuse("it is a file, not a folder") }
        let entries: [String]
        do { entries = try fm.contentsOfDirectory(atPath: path) } catch {
            throw refuse("its contents cannot be listed (\(error.localizedDescription))")
        }
        if entries.isEmpty { return OutputFolder(path: path, state: .empty) }
        guard entries.contains("run.json") else {
            throw refuse("it is not empty and holds no run.json, so it is not a results folder (\(Self.sample(entries)))")
        }
        var unrelated = entries.filter { !isResultFile($0) && $0 != chartsFolder }
        if entries.contains(chartsFolder) {
            let charts = (path as NSString).appendingPathComponent(chartsFolder)
            let inside = (try? fm.contentsOfDirectory(atPath: charts)) ?? ["(unreadable)"]
            unrelated += inside.filter { !chartExtensions.contains(($0 as NSString).pathExtension) }.map { chartsFolder + "/" + $0 }
        }
        guard unrelated.isEmpty else {
            throw refuse("it holds files bench did not write, which replacing it would delete (\(Self.sample(unrelated)))")
        }
        return OutputFolder(path: path, state: .previousResults)
    }

    /// Up to five names, for messages.
    static func sample(_ names: [String]) -> String {
        let sorted = names.sorted()
        return sorted.prefix(5).joined(separator: ", ") + (sorted.count > 5 ? ", … (\(sorted.count) entries)" : "")
    }
}
