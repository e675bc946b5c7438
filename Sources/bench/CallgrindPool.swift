import Foundation
import Measurement

/// Children of this `bench` under callgrind (``CallgrindLauncher``), at most
/// `jobs` at once, the next starting as soon as one ends, so one long child
/// does not hold a core idle. The instruction pass of the suites and the
/// replay's instruction pass both start their children through it.
enum CallgrindPool {
    /// A new scratch directory (``CallgrindLauncher/scratchDirectoryPath(_:)``)
    /// holding a copy of this executable that valgrind can read
    /// (``CallgrindLauncher/strippedCopy(of:into:)``). The caller removes the directory.
    static func scratchCopyOfSelf(_ purpose: String) throws -> (directory: String, program: String) {
        guard let executable = Bundle.main.executablePath else {
            throw BenchError.message("bench: cannot tell where this executable is, so cannot run it under callgrind")
        }
        let directory = CallgrindLauncher.scratchDirectoryPath(purpose)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            return (directory, try CallgrindLauncher.strippedCopy(of: executable, into: directory))
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw BenchError.message("bench: \(error)")
        }
    }

    /// How a child ended.
    struct Exit: Sendable {
        var status: Int32
        var stderr: String
    }

    /// Starts `program arguments` under callgrind for every element of
    /// `argumentLists`, waits for all, and returns each one's exit in order.
    ///
    /// `exited(index, exit, finished)` runs once per child as it ends, one
    /// call at a time, with the indices of every child that has ended so far
    /// (for progress lines). After a child fails (non-zero exit), no further
    /// child is started; those never started have no exit (`nil`).
    ///
    /// - Throws: the error of the first child that could not be started,
    ///   after the started ones have ended.
    /// - Complexity: the children's time over `jobs` cores; one waiting
    ///   thread per running child (blocked on a semaphore, not polling).
    static func run(_ program: String, _ argumentLists: [[String]], jobs: Int,
                    exited: @escaping @Sendable (Int, Exit, [Int]) -> Void = { _, _, _ in }) throws -> [Exit?] {
        let state = State(count: argumentLists.count)
        let slots = DispatchSemaphore(value: max(1, jobs)), group = DispatchGroup()
        var startError: (any Error)?
        for (index, arguments) in argumentLists.enumerated() {
            slots.wait()
            if state.withLock({ $0.failed }) { slots.signal(); break }
            let child: CallgrindLauncher.Child
            do { child = try CallgrindLauncher.start(program, arguments) } catch {
                startError = error
                slots.signal()
                break
            }
            group.enter()
            DispatchQueue.global().async {
                let (status, stderr) = child.wait()
                let exit = Exit(status: status, stderr: stderr)
                state.withLock { fields in
                    fields.exits[index] = exit
                    fields.finished.append(index)
                    if status != 0 { fields.failed = true }
                    exited(index, exit, fields.finished)
                }
                slots.signal()
                group.leave()
            }
        }
        group.wait()
        if let startError { throw startError }
        return state.withLock { $0.exits }
    }

    /// What a child that ended with `exit` wrote to `file` as JSON.
    ///
    /// - Throws: ``BenchError`` naming `what`, the exit status and the
    ///   child's standard error when it failed or wrote no such answer.
    static func answers<Answer: Decodable>(of exit: Exit, in file: String, as type: Answer.Type, what: String) throws -> Answer {
        guard exit.status == 0,
              let answer = FileManager.default.contents(atPath: file).flatMap({ try? JSONDecoder().decode(type, from: $0) })
        else {
            throw BenchError.message("bench: the callgrind pass of \(what) failed (exit \(exit.status)):\n\(exit.stderr)")
        }
        return answer
    }

    /// What the waiting threads write: every field is read and written under `lock` only.
    private final class State: @unchecked Sendable {
        struct Fields {
            var exits: [Exit?]
            var finished: [Int] = []
            var failed = false
        }
        private var fields: Fields
        private let lock = NSLock()
        init(count: Int) { fields = Fields(exits: Array(repeating: nil, count: count)) }
        func withLock<T>(_ body: (inout Fields) -> T) -> T {
            lock.lock(); defer { lock.unlock() }
            return body(&fields)
        }
    }
}
