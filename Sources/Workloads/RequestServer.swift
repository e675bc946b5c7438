import HostRuntime
import ContextStrategies

/// The seeds' canonical case: a server with `concurrency` requests in flight.
///
/// Each request arrives in the root context (like a new connection), enters
/// the k storages (request id, trace span, tenant, …), then:
/// `await undefined; log; await undefined; await sleep(1 ms); log;
///  await undefined; await undefined; log`.
/// When one completes, the next arrives, until `ops` requests have run.
enum RequestServer {
    static let ioLatencyMillis = 1.0

    static func run<S>(_ env: WorkloadEnvironment<S>) {
        let server = Server<S>(env)
        for _ in 0..<min(env.parameters.concurrency, env.parameters.ops) { server.startRequest() }
    }

}

extension RequestServer {
    final class Server<S: ContextStrategy> {
        let env: WorkloadEnvironment<S>
        let host: Host<S>
        let probe: ContextProbe<S>
        var started = 0
        var waitingOnIO = 0
        var peakReported = false
        let peakTarget: Int

        init(_ env: WorkloadEnvironment<S>) {
            self.env = env
            host = env.host
            probe = env.probe
            peakTarget = min(env.parameters.concurrency, env.parameters.ops)
        }

        func startRequest() {
            let id = started
            started += 1
            let startedAt = host.nowNanos
            // Storage i of request `id` holds id * 4096 + i: unique per request and storage.
            let request = env.enterAll(base: Double(id) * 4096) { host.async { self.handle() } }
            request.then({ [self] _ in
                env.instrumentation?.recordLatency?(UInt64(max(0, host.nowNanos - startedAt)))
                if started < env.parameters.ops { startRequest() }
                return .undefined
            })
        }

        func handle() -> AsyncStep {
            .awaiting(.undefined) { [self] _ in
                probe.log()
                return .awaiting(.undefined) { [self] _ in
                    .awaiting(sleep()) { [self] _ in
                        probe.log()
                        return .awaiting(.undefined) { _ in
                            .awaiting(.undefined) { [self] _ in
                                probe.log()
                                return .done
                            }
                        }
                    }
                }
            }
        }

        /// `new Promise(resolve => setTimeout(resolve, 1))`.
        func sleep() -> JSPromise<S> {
            let resolvers = host.withResolvers()
            waitingOnIO += 1
            host.setTimeout(RequestServer.ioLatencyMillis) { [self] in
                waitingOnIO -= 1
                resolvers.resolve()
            }
            if !peakReported && waitingOnIO == peakTarget {
                peakReported = true
                env.instrumentation?.atPeak?()
            }
            return resolvers.promise
        }
    }
}
