import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Crash-safe file replacement: readers see either the old file or the complete new one.
public enum AtomicFile {
    /// Writes `text` (UTF-8) to `path` via a temporary file in the same directory, which is
    /// fsynced and then renamed over `path`. Creates missing parent directories. On failure the
    /// temporary file is removed and any previous file at `path` is left untouched.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Byte-level form of `write(_:to:)`.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        try FileSystem.createDirectory(dir)
        let temp = dir + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileSystem.error("cannot create temporary file", temp) }
        var ok = false
        defer {
            if !ok { unlink(temp) }
        }
        do {
            defer { close(fd) }
            try data.withUnsafeBytes { (buf: UnsafeRawBufferPointer) in
                var offset = 0
                while offset < buf.count {
                    let n = Foundation.write(fd, buf.baseAddress! + offset, buf.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw FileSystem.error("cannot write", temp)
                    }
                    offset += n
                }
            }
            guard fsync(fd) == 0 else { throw FileSystem.error("cannot fsync", temp) }
        }
        guard rename(temp, path) == 0 else { throw FileSystem.error("cannot rename \(temp) to", path) }
        ok = true
        FileSystem.syncDirectory(dir)
    }
}

/// Replaces a whole results directory at once, so an interrupted run never leaves a half-written one.
public enum AtomicDirectory {
    /// Creates an empty staging directory next to `finalDir` (same file system, so the final
    /// rename is atomic), e.g. `Results/.standard.staging-1234-…`; returns its path.
    public static func makeStaging(for finalDir: String) throws -> String {
        let url = URL(fileURLWithPath: finalDir).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        try FileSystem.createDirectory(parent)
        let staging = parent + "/." + url.lastPathComponent + ".staging-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        try FileSystem.createDirectory(staging)
        return staging
    }

    /// Moves `stagingDir` to `finalDir`. When `finalDir` exists it is swapped atomically with the
    /// staging directory (Linux `renameat2(RENAME_EXCHANGE)`; elsewhere two renames, the old one
    /// moved aside first and moved back if the second fails) and only then deleted. If anything
    /// fails before the swap, `finalDir` is untouched. Both paths must be on one file system.
    public static func replace(_ finalDir: String, with stagingDir: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: stagingDir, isDirectory: &isDir), isDir.boolValue else {
            throw ReportingError(.io, "\(stagingDir): staging directory does not exist")
        }
        let fm = FileManager.default
        let finalURL = URL(fileURLWithPath: finalDir)
        try FileSystem.createDirectory(finalURL.deletingLastPathComponent().path)

        guard fm.fileExists(atPath: finalDir) else {
            guard rename(stagingDir, finalDir) == 0 else {
                throw FileSystem.error("cannot rename \(stagingDir) to", finalDir)
            }
            FileSystem.syncDirectory(finalURL.deletingLastPathComponent().path)
            return
        }

        if exchange(stagingDir, finalDir) {
            // stagingDir now holds the previous results.
            FileSystem.syncDirectory(finalURL.deletingLastPathComponent().path)
            try? fm.removeItem(atPath: stagingDir)
            return
        }

        // Fallback: move the old directory aside, move the new one in, then delete the old one.
        let aside = finalURL.deletingLastPathComponent().path + "/." + finalURL.lastPathComponent
            + ".old-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        guard rename(finalDir, aside) == 0 else {
            throw FileSystem.error("cannot move previous results aside:", finalDir)
        }
        guard rename(stagingDir, finalDir) == 0 else {
            let failure = FileSystem.error("cannot rename \(stagingDir) to", finalDir)
            _ = rename(aside, finalDir)  // put the previous results back
            throw failure
        }
        FileSystem.syncDirectory(finalURL.deletingLastPathComponent().path)
        try? fm.removeItem(atPath: aside)
    }

    /// Atomically swaps two paths where the platform supports it.
    private static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let sym = dlsym(nil, "renameat2") else {  // RTLD_DEFAULT
            return false
        }
        let renameat2 = unsafeBitCast(sym, to: RenameAt2.self)
        let AT_FDCWD: Int32 = -100, RENAME_EXCHANGE: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) == 0
        #else
        return false
        #endif
    }
}

enum FileSystem {
    static func createDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ReportingError(.io, "\(path): cannot create directory: \(error.localizedDescription)")
        }
    }

    static func error(_ what: String, _ path: String) -> ReportingError {
        ReportingError(.io, "\(what) \(path): \(String(cString: strerror(errno)))")
    }

    /// Best-effort fsync of a directory, so a rename inside it is durable.
    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            _ = fsync(fd)
            close(fd)
        }
    }
}
