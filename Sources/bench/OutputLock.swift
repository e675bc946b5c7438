import Foundation

/// Claims an output folder for one run, before measuring: proves the folder's
/// parent is writable, that there is roughly enough free space, and that no
/// other `bench` is writing the same folder.
///
/// The lock is an advisory `flock` on `<parent>/.<name>.lock` (next to the
/// folder, where the staging folder goes too, so that the results folder
/// itself only ever holds results). It is released — and the lock file
/// removed — when the run ends, is interrupted (SIGINT/SIGTERM), or the
/// process dies (the kernel drops the `flock`; a leftover file is reused).
final class OutputLock {
    let lockPath: String
    private var fd: Int32

    /// A rough upper bound of what a run writes: `rows` sample rows of about
    /// 200 bytes, plus a megabyte for summary, latency, run.json and charts.
    static func estimatedBytes(sampleRows: Int) -> UInt64 {
        let (rowBytes, overflow) = UInt64(max(0, sampleRows)).multipliedReportingOverflow(by: 200)
        return overflow ? .max : rowBytes &+ (1 << 20)
    }

    /// - Parameters:
    ///   - folder: the checked output folder.
    ///   - neededBytes: rough size of the results (see ``estimatedBytes(sampleRows:)``).
    ///   - freeBytes: free bytes of the file system holding a path (injectable for tests).
    /// - Throws: `BenchError.message` (exit 1): parent not creatable or not writable,
    ///   too little free space, or another run holds the lock.
    init(folder: OutputFolder, neededBytes: UInt64, freeBytes: (String) -> UInt64? = OutputLock.freeBytes) throws {
        let parent = (folder.path as NSString).deletingLastPathComponent
        let name = (folder.path as NSString).lastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw BenchError.message("bench: cannot create \(parent) for the results (\(Self.reason(error))); nothing was measured")
        }
        lockPath = (parent as NSString).appendingPathComponent(".\(name).lock")
        fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw BenchError.message("bench: cannot write into \(parent) (\(String(cString: strerror(errno)))); nothing was measured")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: lockPath, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(fd)
            fd = -1
            throw BenchError.message("bench: another bench run\(holder.isEmpty ? "" : " (pid \(holder))") is writing \(folder.path) "
                + "(lock \(lockPath)); wait for it to finish or choose another --out; nothing was measured")
        }
        if folder.state != .absent, access(folder.path, W_OK) != 0 {
            let why = String(cString: strerror(errno))
            release()
            throw BenchError.message("bench: cannot replace \(folder.path) (\(why)); nothing was measured")
        }
        if let free = freeBytes(parent), free < neededBytes {
            release()
            throw BenchError.message("bench: only \(Self.megabytes(free)) free on the file system of \(parent); this run writes about "
                + "\(Self.megabytes(neededBytes)); free some space or choose another --out; nothing was measured")
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { write(fd, $0, strlen($0)) }
        SignalCleanup.remove(onSignal: lockPath)
    }

    /// Removes the lock file and drops the lock; idempotent.
    func release() {
        guard fd >= 0 else { return }
        unlink(lockPath)
        close(fd)
        fd = -1
        SignalCleanup.remove(onSignal: nil)
    }

    deinit { release() }

    /// Free bytes for unprivileged users on the file system of `path`, nil if unknown.
    static func freeBytes(_ path: String) -> UInt64? {
        var s = statvfs()
        guard statvfs(path, &s) == 0 else { return nil }
        return UInt64(s.f_bavail) &* UInt64(s.f_frsize)
    }

    static func megabytes(_ bytes: UInt64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1e6)
    }

    private static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return error.localizedDescription
    }
}

/// On SIGINT/SIGTERM, removes one file (the lock) and exits 128 + signal.
/// The path is kept as a C string so the handler only makes async-signal-safe calls.
enum SignalCleanup {
    nonisolated(unsafe) static var path: UnsafeMutablePointer<CChar>?

    static func remove(onSignal file: String?) {
        let old = path
        path = file.map { strdup($0) }
        free(old)
        guard file != nil else { return }
        for sig in [SIGINT, SIGTERM] {
            signal(sig) { sig in
                if let p = SignalCleanup.path { unlink(p) }
                _exit(128 + sig)
            }
        }
    }
}
