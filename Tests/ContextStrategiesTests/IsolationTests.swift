import XCTest
import HostRuntime
import ContextStrategies
import Measurement

/// 1,000 concurrent simulated requests, each in its own `run`, with
/// interleaved awaits, timers, ticks, thenables and a nested span storage:
/// no request ever observes another's store.
struct IsolationVisitor: StrategyVisitor {
    let requests: Int
    func visit<S: ContextStrategy>(_ type: S.Type) -> (checks: Int, wrong: Int) {
        let host = Host(strategy: S())
        let request = AsyncLocalStorage(host, name: "request")
        let span = AsyncLocalStorage(host, name: "span")
        var rng = SplitMix64(seed: 42)
        var checks = 0, wrong = 0
        func expect(_ id: Int, _ spanValue: JSValue) {
            checks += 1
            if request.getStore() != .number(Double(id)) || span.getStore() != spanValue { wrong += 1 }
        }
        host.run {
            for id in 0..<requests {
                let d1 = Double(rng.below(50)), d2 = Double(rng.below(20)), d3 = Double(rng.below(5))
                request.run(.number(Double(id))) {
                    _ = host.async {
                        expect(id, .undefined)
                        return .awaiting(host.delay(d1)) { _ in
                            expect(id, .undefined)
                            // A nested span: an inner async function called inside span.run.
                            let inner: JSPromise<S> = span.run(.string("s\(id)")) {
                                host.setTimeout(d3) { expect(id, .string("s\(id)")) }
                                host.nextTick { expect(id, .string("s\(id)")) }
                                return host.async {
                                    .awaiting(.object(TestThenable { resolve, _ in
                                        expect(id, .string("s\(id)"))
                                        host.setImmediate { resolve(1) }
                                    })) { _ in
                                        expect(id, .string("s\(id)"))
                                        return .awaiting(host.delay(d2).then({ _ in expect(id, .string("s\(id)")); return 1 })) { _ in
                                            expect(id, .string("s\(id)"))
                                            return .done
                                        }
                                    }
                                }
                            }
                            return .awaiting(inner) { _ in expect(id, .undefined); return .done }
                        }
                    }
                }
            }
        }
        return (checks, wrong)
    }
}

final class IsolationTests: XCTestCase {
    func testThousandConcurrentRequestsNeverMix() {
        for id in StrategyRegistry.oracleIDs {
            let (checks, wrong) = StrategyRegistry.visit(id: id, IsolationVisitor(requests: 1_000))!
            XCTAssertEqual(checks, 1_000 * 9, "\(id): every probe ran")
            XCTAssertEqual(wrong, 0, "\(id): a request observed another's store")
        }
    }
}
