import XCTest
import Measurement

final class MonotonicClockTests: XCTestCase {
    /// Ordering only, never durations: readings never go backwards.
    func testNeverGoesBackwards() {
        var previous = MonotonicClock.now()
        for _ in 0..<10_000 {
            let now = MonotonicClock.now()
            XCTAssertGreaterThanOrEqual(now, previous)
            previous = now
        }
        XCTAssertGreaterThan(previous, 0)
    }

    func testBlackHoleAcceptsAnything() {
        blackHole(1)
        blackHole("text")
        blackHole([1, 2, 3])
        blackHole(Optional<Int>.none)
    }
}
