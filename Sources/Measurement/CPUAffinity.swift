import CAffinity

/// Keeps the measuring thread on one core for a whole run.
public enum CPUAffinity {
    /// The CPU the last ``pinCurrentThread()`` pinned its thread to (what
    /// `run.json` records), `nil` when not pinned.
    public private(set) static var pinnedCPU: Int?

    /// Pins the calling thread to one CPU when it may run on several; returns
    /// that CPU, or `nil` when it stays unpinned (one CPU, or not Linux).
    ///
    /// - Complexity: one system call pair.
    @discardableResult
    public static func pinCurrentThread() -> Int? {
        let cpu = acb_pin_current_thread_to_one_cpu()
        pinnedCPU = cpu >= 0 ? Int(cpu) : nil
        return pinnedCPU
    }

    /// Runs `body` (a process spawn) with the calling thread's original CPU
    /// set, then pins it back to the same CPU. A child inherits the affinity
    /// of the thread that starts it: without this, every callgrind pass
    /// started by the pinned measuring thread shares its one core (observed
    /// together with the busy-waiting fixed in `CallgrindLauncher.Child`:
    /// two passes at ~25 % CPU each on 2 cores).
    public static func unpinned<T>(_ body: () throws -> T) rethrows -> T {
        guard pinnedCPU != nil else { return try body() }
        _ = acb_unpin_current_thread()
        defer { _ = acb_pin_current_thread_to_one_cpu() }
        return try body()
    }
}
