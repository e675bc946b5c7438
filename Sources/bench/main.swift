import Workloads
import HostRuntime
let n = Int(CommandLine.arguments.dropFirst().first ?? "1000000")!
for _ in 0..<4 {
let t0 = monotonicNanos()
let r = HostBaseline.promiseChain(steps: n)
let t1 = monotonicNanos()
print("chain \(r): \(Double(t1 - t0) / Double(n)) ns/reaction")
}
