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
}
