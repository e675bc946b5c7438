/// One measured configuration: a workload with its parameters. Each is run
/// under every selected strategy, and those runs are interleaved.
public struct CellSpec: Hashable, Codable, Sendable {
    public var workload: WorkloadID
    public var parameters: WorkloadParameters
    public init(_ workload: WorkloadID, _ parameters: WorkloadParameters) {
        self.workload = workload
        self.parameters = parameters
    }
}
