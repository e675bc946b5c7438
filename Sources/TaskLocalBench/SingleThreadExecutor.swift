#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A task executor with one thread and a FIFO job queue: Swift's scheduler
/// shaped like a JavaScript event loop (one thread runs every job).
///
/// Why: on Linux the global cooperative executor hands child tasks and
/// resumptions to other worker threads, whose brief spinning before they
/// park is counted by process CPU time, so the same run measured bimodally
/// (≈ 1× or ≈ 2× its wall time, depending on whether a second worker woke).
/// With a task-executor preference every job of the benchmark, child tasks
/// included (they inherit the preference), runs here; an idle thread blocks
/// on a condition variable and burns nothing.
///
/// - Complexity: `enqueue` O(1) amortized (one mutex lock); the loop takes all
///   pending jobs per lock and runs them in FIFO order.
public final class SingleThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var pending: [UnownedJob] = []
    private var idle = false

    /// One process-wide instance (its thread lives as long as the process).
    public static let shared = SingleThreadExecutor()

    public init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
        pending.reserveCapacity(4096)
        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let rc = pthread_create(&thread, nil, { context in
            let executor = Unmanaged<SingleThreadExecutor>.fromOpaque(context!).takeRetainedValue()
            executor.loop()
            return nil
        }, context)
        precondition(rc == 0, "SingleThreadExecutor: pthread_create failed (\(rc))")
        pthread_detach(thread)
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        pthread_mutex_lock(mutex)
        pending.append(unowned)
        if idle { pthread_cond_signal(condition) }
        pthread_mutex_unlock(mutex)
    }

    private func loop() -> Never {
        var batch: [UnownedJob] = []
        batch.reserveCapacity(4096)
        let me = asUnownedTaskExecutor()
        while true {
            pthread_mutex_lock(mutex)
            while pending.isEmpty {
                idle = true
                pthread_cond_wait(condition, mutex)
                idle = false
            }
            swap(&batch, &pending)
            pthread_mutex_unlock(mutex)
            for job in batch { job.runSynchronously(on: me) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}

/// Where the benchmark's tasks run.
public enum TaskLocalExecutor: String, CaseIterable, Sendable {
    /// ``SingleThreadExecutor/shared`` as the task-executor preference (default).
    case single
    /// Swift's global cooperative executor (one worker per core).
    case global

    /// Runs `body` with this executor preferred by the current task and its children.
    public func run<R: Sendable>(_ body: @Sendable () async -> R) async -> R {
        switch self {
        case .single: return await withTaskExecutorPreference(SingleThreadExecutor.shared) { await body() }
        case .global: return await body()
        }
    }
}
