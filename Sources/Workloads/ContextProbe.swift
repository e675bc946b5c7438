import HostRuntime
import ContextStrategies

/// What a workload's "logger" does: reads a storage and folds the observed
/// value into an order-sensitive checksum (FNV-1a over the value's bits).
///
/// Faithful strategies observe identical values in identical order, so their
/// checksums must match; that is the oracle applied to every measured cell.
public final class ContextProbe<Strategy: ContextStrategy> {
    public let storages: [AsyncLocalStorage<Strategy>]
    public private(set) var checksum: UInt64 = 0xcbf2_9ce4_8422_2325
    public private(set) var reads = 0
    private var cursor = 0

    public init(_ storages: [AsyncLocalStorage<Strategy>]) { self.storages = storages }

    /// Reads the next storage round-robin and records what it saw.
    /// - Complexity: one `getStore`, O(1) bookkeeping.
    @inline(__always)
    public func log() {
        guard !storages.isEmpty else { return mix(0x5eed) }
        let storage = storages[cursor]
        cursor += 1
        if cursor == storages.count { cursor = 0 }
        observe(storage.getStore())
    }

    /// Folds one observed value into the checksum.
    @inline(__always)
    public func observe(_ value: JSValue) {
        switch value {
        case .number(let n): mix(n.bitPattern)
        case .undefined: mix(0x0bad_cafe)
        case .string(let s):
            // FNV-1a over the UTF-8 bytes: `hashValue` is seeded per process,
            // so it would make checksums differ between runs.
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in s.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            mix(h)
        default: mix(0x0b1e_c7)
        }
    }

    @inline(__always)
    func mix(_ bits: UInt64) {
        reads += 1
        checksum = (checksum ^ bits) &* 0x0000_0100_0000_01b3
    }
}

extension AsyncLocalStorage {
    /// Enters `storages[from...]` as nested runs, each with the value `value(i)`,
    /// and calls `body` innermost: k libraries each entering their own storage.
    /// (Recursive, so never force-inlined: that would unroll without bound.)
    static func enterAll<R>(_ storages: [AsyncLocalStorage<Strategy>], from index: Int = 0,
                            value: (Int) -> JSValue, _ body: () throws -> R) rethrows -> R {
        if index == storages.count { return try body() }
        return try storages[index].run(value(index)) {
            try enterAll(storages, from: index + 1, value: value, body)
        }
    }
}
