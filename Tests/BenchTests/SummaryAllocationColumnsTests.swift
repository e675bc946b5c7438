import XCTest
import Measurement
import Reporting
@testable import Suites
@testable import Workloads

/// `summary.csv`'s allocation columns from a real allocation pass: objects
/// (`allocs_per_op`), jemalloc's requests (`process_allocs_per_op`) and the
/// host heap's records (`heap_objects_per_op`), all marginal. Exact counts,
/// never time.
final class SummaryAllocationColumnsTests: XCTestCase {
    func testSummaryCarriesTheMarginalObjectsRequestsAndRecords() throws {
        guard let probe = AllocationProbe.shared else {
            throw XCTSkip("jemalloc is not the allocator: \(AllocationProbe.unavailableReason ?? "?")")
        }
        let cell = CellSpec(.promiseChain, WorkloadParameters(storages: 0, ops: 4_000))
        let (lowOps, highOps) = MarginalCount.operationCounts(for: cell.parameters.ops)
        let pass = try AllocationPass.measure(cell, strategy: "none", probe: probe, lowOps: lowOps, highOps: highOps, warmUp: true)
        var measured = CellResult(spec: cell, strategy: "none", status: .ok, outcome: nil)
        measured.marginalAllocations = pass.allocations
        measured.marginalBytes = pass.bytes
        measured.marginalProcessAllocations = pass.processAllocations
        measured.marginalHeapObjects = pass.heapObjects
        var rejected = measured
        rejected.status = .error("rejected")
        let uncounted = CellResult(spec: cell, strategy: "none", status: .ok, outcome: nil)
        let metadata = RunMetadata.collect(seed: 1, commandLine: [], buildConfiguration: "test", workingDirectory: "/")
        let csv = ResultsWriter(runID: "r", results: [measured, rejected, uncounted], metadata: metadata, suite: .quick).summary()
        XCTAssertEqual(csv.header, ResultsSchema.summaryColumns)
        func field(_ row: Int, _ column: String) -> String { csv.rows[row][csv.column(column)!] }
        func figure(_ column: String, _ expected: MarginalCount) throws -> Double {
            let x = try XCTUnwrap(Double(field(0, column)), column)
            XCTAssertEqual(x, expected.perOp, accuracy: 1e-3 * max(1, abs(x)), column)
            return x
        }
        let objects = try figure("allocs_per_op", pass.allocations)
        let requests = try figure("process_allocs_per_op", pass.processAllocations)
        let records = try figure("heap_objects_per_op", pass.heapObjects)
        XCTAssertGreaterThan(records, 0, "a reaction's derived promise is a host heap record")
        // objects = requests - slabs + records, so without the records they are at most the requests.
        XCTAssertLessThanOrEqual(objects - records, requests + 1e-9)
        // Empty, never zero, when the row does not count or nothing was counted.
        for column in ["allocs_per_op", "process_allocs_per_op", "heap_objects_per_op"] {
            XCTAssertEqual(field(1, column), "", "\(column) of a rejected row")
            XCTAssertEqual(field(2, column), "", "\(column) without an allocation pass")
        }
    }
}
