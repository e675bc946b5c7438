import XCTest
import TaskLocalBench
import Workloads
import Suites

/// The TaskLocal port keeps its own workload enum: its module is built
/// without `-assume-single-threaded` and runs on Swift's thread pool, so it
/// must not link the model's modules. This test keeps that enum in step with
/// the model's ids (`WorkloadID`) and run sizes (`Suite.defaultOps`).
final class TaskLocalIDsTests: XCTestCase {
    func testEveryPortedWorkloadIsAModelWorkloadOfTheModelsSize() {
        for workload in TaskLocalWorkload.allCases {
            guard let model = WorkloadID(rawValue: workload.rawValue) else {
                XCTFail("tasklocal-bench workload '\(workload.rawValue)' is not a model workload id")
                continue
            }
            XCTAssertEqual(workload.defaultOps, Suite.defaultOps(model), workload.rawValue)
        }
    }
}
