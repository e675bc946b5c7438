#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The single-thread rule, checked. The host and the strategies are built
/// with `-assume-single-threaded` (non-atomic reference counting, like a
/// JavaScript isolate's GC'd heap), so running one host from two threads
/// would corrupt reference counts silently. Debug builds record the creating
/// thread and stop with a message when another thread runs the host, as
/// swift-nio's `EmbeddedEventLoop` checks its thread; release builds (which
/// `bench` measures) carry no check.
struct OwnerThread {
    let thread = pthread_self()

    /// Stops the process when called from a thread other than the creator.
    /// - Complexity: O(1).
    func check(_ operation: StaticString) {
        precondition(pthread_equal(thread, pthread_self()) != 0,
                     "\(operation) called from another thread than the one that created the Host: the host is single-threaded (built with -assume-single-threaded)")
    }
}
