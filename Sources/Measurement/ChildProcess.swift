import Foundation

/// A child process run to completion with its standard output and standard
/// error kept apart: the real-runtime harness reads JSON lines from stdout and
/// quotes stderr when a runtime fails.
public struct ChildProcessResult: Sendable {
    /// Exit status; -1 when the process could not be started or was killed by a signal.
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var succeeded: Bool { status == 0 }
    /// The last lines of stderr (or stdout), for an error message.
    public var diagnostic: String {
        let text = stderr.isEmpty ? stdout : stderr
        return text.split(separator: "\n").suffix(4).joined(separator: " | ")
    }
}

public enum ChildProcess {
    /// Runs `executable` with `arguments` (no shell), stdin from /dev/null.
    /// `environment` entries are added to (nil value: removed from) this
    /// process's environment.
    ///
    /// Both pipes are drained concurrently, so a child writing a lot to stderr
    /// cannot block on a full pipe while stdout is read.
    ///
    /// - Complexity: the child's run time plus O(output).
    public static func run(_ executable: String, _ arguments: [String], in directory: String? = nil,
                           environment: [String: String?] = [:]) -> ChildProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory, isDirectory: true) }
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            return ChildProcessResult(status: -1, stdout: "", stderr: "cannot start \(executable): \(error.localizedDescription)")
        }
        let errorData = ErrorCollector()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let status: Int32 = process.terminationReason == .exit ? process.terminationStatus : -1
        return ChildProcessResult(status: status, stdout: String(decoding: outputData, as: UTF8.self),
                                  stderr: String(decoding: errorData.data, as: UTF8.self))
    }

    private final class ErrorCollector: @unchecked Sendable { var data = Data() }
}
