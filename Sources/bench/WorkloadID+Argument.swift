import ArgumentParser
import Workloads

/// Workload ids on the command line: ArgumentParser checks them and lists the
/// valid ones (`WorkloadID.allCases`) in the usage error and the help.
extension WorkloadID: ExpressibleByArgument {}
