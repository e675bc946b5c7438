import Foundation

/// Starts a program under `valgrind --tool=callgrind` set up for
/// ``InstructionCounter``: instrumentation off until the first counter
/// starts it (start-up runs fast), dumps into a private temporary directory
/// the counter reads and cleans, and the two settings without which counts
/// differ from process to process (measured: by up to 3,500 instructions in
/// a 14.6 M-instruction run):
/// - `SWIFT_DETERMINISTIC_HASHING=1`: Swift seeds `Hasher` per process, so
///   dictionary and set work would differ;
/// - `MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1`: jemalloc purges
///   unused pages on a wall-clock decay schedule, so how much purging falls
///   inside a span depends on time (and valgrind is ~50× slower than native).
///   With decay off, no purge runs; per-operation allocation work is unchanged.
public enum CallgrindLauncher {
    /// `valgrind` on PATH, or `nil`.
    public static func locateValgrind() -> String? { locate("valgrind") }

    static func locate(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// A copy of `executable` without debug information, in `directory`.
    ///
    /// Valgrind 3.19's DWARF reader gives up on the DWARF 5 that Swift 6's
    /// toolchain emits ("unhandled dwarf2 abbrev form code 0x25 … Possibly
    /// corrupted debuginfo file"), so the program runs under callgrind from a
    /// copy stripped with `strip --strip-debug` (or the toolchain's
    /// `llvm-objcopy`). The code is byte-identical: only the debug sections go.
    ///
    /// - Throws: ``InstructionCountError`` when no strip tool is found or it fails.
    public static func strippedCopy(of executable: String, into directory: String) throws -> String {
        let output = directory + "/" + (executable as NSString).lastPathComponent + "-nodebug"
        var tools: [[String]] = []
        if let strip = locate("strip") { tools.append([strip, "--strip-debug", "-o", output, executable]) }
        if let strip = locate("llvm-strip") { tools.append([strip, "--strip-debug", "-o", output, executable]) }
        if let objcopy = locate("llvm-objcopy") { tools.append([objcopy, "--strip-debug", executable, output]) }
        for tool in tools {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool[0])
            process.arguments = Array(tool.dropFirst())
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { continue }
            process.waitUntilExit()
            if process.terminationStatus == 0, FileManager.default.isExecutableFile(atPath: output) { return output }
        }
        throw InstructionCountError("cannot strip debug information from \(executable) for valgrind (need strip, llvm-strip or llvm-objcopy on PATH)")
    }

    public static let installHint = "install valgrind (scripts/setup, or: apt-get install valgrind)"

    /// A started child; `wait()` for its exit status and standard error.
    public final class Child {
        let process: Process
        let stderrFile: String
        let directory: String
        /// Signalled by the process's termination handler (set before it starts).
        let exited: DispatchSemaphore
        init(process: Process, stderrFile: String, directory: String, exited: DispatchSemaphore) {
            self.process = process
            self.stderrFile = stderrFile
            self.directory = directory
            self.exited = exited
        }

        /// Waits for the child; returns its exit status and standard error
        /// text, and removes its dump directory.
        ///
        /// Blocks on a semaphore, not `Process.waitUntilExit()`: on Linux
        /// that polls a run loop which, on a thread with no run-loop sources,
        /// returns at once, so each waiting thread spun a core (measured: the
        /// two waiting threads of the standard suite's instruction pass took
        /// about half of the CPU from the callgrind children).
        public func wait() -> (status: Int32, stderr: String) {
            exited.wait()
            let text = (try? String(contentsOfFile: stderrFile, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(atPath: directory)
            let status = process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
            return (status, text)
        }
    }

    /// A new path under the temporary directory, `acb-<purpose>-<pid>-<random>`,
    /// always of the same length for a purpose.
    ///
    /// Fixed width because paths under it reach a callgrind child's argument
    /// vector and environment, whose length moves the child's stack, which
    /// moves the alignment-dependent paths of memcpy and friends inside the
    /// counted span. Measured: a random suffix of 9 or 10 decimal digits made
    /// the same cell count 2,604,217 or 2,604,221 instructions in two processes.
    public static func scratchDirectoryPath(_ purpose: String) -> String {
        func hex(_ value: UInt32) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 8 - digits.count) + digits
        }
        return NSTemporaryDirectory() + "acb-\(purpose)-" + hex(UInt32(truncatingIfNeeded: getpid())) + "-" + hex(UInt32.random(in: .min ... .max))
    }

    /// Starts `executable arguments…` under callgrind; its standard output
    /// goes to `stdout` (inherited when `nil`).
    ///
    /// - Throws: ``InstructionCountError`` when valgrind is missing or the
    ///   child cannot be started.
    public static func start(_ executable: String, _ arguments: [String], stdout: FileHandle? = nil) throws -> Child {
        guard let valgrind = locateValgrind() else {
            throw InstructionCountError("valgrind not found on PATH; \(installHint)")
        }
        let directory = scratchDirectoryPath("callgrind")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let outFile = directory + "/callgrind.out"
        let stderrFile = directory + "/stderr"
        _ = FileManager.default.createFile(atPath: stderrFile, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: valgrind)
        process.arguments = ["--tool=callgrind", "--instr-atstart=no", "--dump-line=no", "--dump-instr=no",
                             "--callgrind-out-file=\(outFile)", "-q", executable] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment[InstructionCounter.outFileEnvironmentKey] = outFile
        environment["SWIFT_DETERMINISTIC_HASHING"] = "1"
        let decayOff = "dirty_decay_ms:-1,muzzy_decay_ms:-1"
        environment["MALLOC_CONF"] = environment["MALLOC_CONF"].map { $0.isEmpty ? decayOff : $0 + "," + decayOff } ?? decayOff
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        if let stdout { process.standardOutput = stdout }
        process.standardError = FileHandle(forWritingAtPath: stderrFile)
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        // Unpinned: a child inherits the spawning thread's CPU set (CPUAffinity).
        do { try CPUAffinity.unpinned { try process.run() } } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw InstructionCountError("could not start \(valgrind): \(error.localizedDescription)")
        }
        return Child(process: process, stderrFile: stderrFile, directory: directory, exited: exited)
    }
}
