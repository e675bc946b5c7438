import Foundation

/// Finding and running gnuplot.
public enum Gnuplot {
    /// What to tell a user who has no gnuplot.
    public static let installHint = "install it with: apt-get install -y --no-install-recommends gnuplot-nox (or run scripts/setup)"

    /// Path of the gnuplot executable: `$GNUPLOT` if set and executable, else the first
    /// `gnuplot` on `$PATH`; `nil` when there is none.
    public static func locate() -> String? {
        let env = ProcessInfo.processInfo.environment
        let fm = FileManager.default
        if let explicit = env["GNUPLOT"], !explicit.isEmpty {
            return fm.isExecutableFile(atPath: explicit) ? explicit : nil
        }
        let path = env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = String(dir) + "/gnuplot"
            if fm.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// A gnuplot string literal: single-quoted, with `'` doubled.
    static func literal(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Runs `gnuplot -e "<assignments>" script`; throws `.gnuplotFailed` with gnuplot's
    /// error output when it exits non-zero. Returns gnuplot's standard error (warnings).
    @discardableResult
    static func run(executable: String, script: String, variables: [(String, GnuplotValue)]) throws -> String {
        let assignments = variables.map { name, value in "\(name)=\(value.source)" }.joined(separator: "; ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-e", assignments, script]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errPipe = Pipe()
        process.standardError = errPipe
        do { try process.run() } catch {
            throw ReportingError(.gnuplotFailed, "cannot start \(executable): \(error.localizedDescription)")
        }
        let errData = errPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = String(decoding: errData, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            let tail = stderr.split(separator: "\n").suffix(8).joined(separator: "\n")
            throw ReportingError(.gnuplotFailed,
                                 "gnuplot failed on \(script) (exit \(process.terminationStatus)):\n\(tail)")
        }
        return stderr
    }
}

/// A value assigned to a gnuplot variable with `-e`.
enum GnuplotValue {
    case string(String)
    case number(Double)
    case integer(Int)

    var source: String {
        switch self {
        case .string(let s): return Gnuplot.literal(s)
        case .integer(let i): return String(i)
        case .number(let x): return x.isFinite ? String(format: "%.17g", x) : "NaN"
        }
    }
}
