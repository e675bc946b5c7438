import XCTest
import Measurement

final class MeasurementBuildTests: XCTestCase {
    /// Package.swift compiles Measurement with -O in every configuration.
    func testModuleIsOptimized() {
        XCTAssertTrue(MeasurementBuild.isOptimized)
    }
}
