import ContextStrategies

/// One run on the virtual clock, the outcome only: the unit of the oracle,
/// the counting passes and `bench once`.
public struct SingleRun: StrategyVisitor {
    let workload: WorkloadID
    let parameters: WorkloadParameters
    var instrumentation: RunInstrumentation? = nil

    public init(workload: WorkloadID, parameters: WorkloadParameters, instrumentation: RunInstrumentation? = nil) {
        self.workload = workload
        self.parameters = parameters
        self.instrumentation = instrumentation
    }

    /// One run of `cell`, uninstrumented.
    public init(cell: CellSpec) { self.init(workload: cell.workload, parameters: cell.parameters) }

    public func visit<S: ContextStrategy>(_ strategy: S.Type) -> WorkloadOutcome {
        workload.run(S.self, parameters, instrumentation: instrumentation)
    }
}
