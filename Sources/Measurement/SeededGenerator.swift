/// A seeded pseudo-random number generator: xoshiro256** (Blackman & Vigna),
/// its 256-bit state filled from the seed by SplitMix64.
///
/// The same seed gives the same sequence on every platform and Swift
/// version: the algorithm is fixed here, and so are the helpers built on it
/// (``next(below:)``, ``nextUnitDouble()``, ``shuffle(_:)``), which the
/// harness uses instead of the standard library's `random(in:using:)` and
/// `shuffle(using:)`, whose algorithms are not guaranteed stable.
///
/// - Complexity: O(1) per number; no allocation.
public struct SeededGenerator: RandomNumberGenerator, Equatable, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Creates a generator whose sequence is determined by `seed` alone.
    ///
    /// Any seed is valid, zero included (SplitMix64 never yields an all-zero
    /// xoshiro state for it).
    public init(seed: UInt64) {
        var splitMix = SplitMix64(seed: seed)
        s0 = splitMix.next()
        s1 = splitMix.next()
        s2 = splitMix.next()
        s3 = splitMix.next()
    }

    /// The next 64 uniformly distributed bits.
    ///
    /// - Complexity: O(1).
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniformly distributed integer in `0 ..< bound`, without modulo bias
    /// (Lemire's multiply-and-reject method).
    ///
    /// - Precondition: `bound > 0`.
    /// - Complexity: O(1) expected.
    @inlinable
    public mutating func next(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "next(below:) needs a positive bound")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// A uniformly distributed `Double` in `[0, 1)` with 53 random bits.
    ///
    /// - Complexity: O(1).
    @inlinable
    public mutating func nextUnitDouble() -> Double {
        return Double(next() >> 11) * 0x1.0p-53
    }

    /// Shuffles `elements` in place (Fisher–Yates, drawing with
    /// ``next(below:)``): every permutation equally likely, and the same
    /// permutation for the same generator state everywhere.
    ///
    /// - Complexity: O(n).
    @inlinable
    public mutating func shuffle<T>(_ elements: inout [T]) {
        guard elements.count > 1 else { return }
        var i = elements.count - 1
        while i > 0 {
            let j = Int(next(below: UInt64(i + 1)))
            elements.swapAt(i, j)
            i -= 1
        }
    }

    @inlinable
    func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        return (x << k) | (x >> (64 - k))
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): one 64-bit word of state, fully
/// determined by its seed. It seeds ``SeededGenerator``, and it is the
/// project's one small generator where a workload needs a cheap seeded
/// stream on its measured path (the timer delays of `timer-spread`; the
/// order helper of `scripts/real/bench.mjs` is the same function) or a test
/// generates programs from one number.
///
/// - Complexity: O(1) per number; no allocation.
public struct SplitMix64: RandomNumberGenerator, Equatable, Sendable {
    /// The current state: the next number is a function of it alone.
    public var state: UInt64

    /// Creates a generator whose first number is a function of `seed`.
    @inlinable
    public init(seed: UInt64) { state = seed }

    /// Advances the state by the golden-ratio increment and returns its mix.
    ///
    /// - Complexity: O(1).
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
