import XCTest
import HostRuntime
import ContextStrategies

/// `enterWith`/`disable` where a profile declares them unsupported: a typed
/// error that changes nothing; everywhere else they work.
final class UnsupportedOperationTests: XCTestCase {
    func testFrameRefRejectsEnterWithAndDisableWithTypedError() {
        let host = Host(strategy: FrameRef())
        let a = AsyncLocalStorage(host, name: "a")
        host.run {
            try a.run("kept") {
                XCTAssertThrowsError(try a.enterWith("x")) { error in
                    XCTAssertEqual(error as? ContextStrategyError, .unsupported(operation: "AsyncLocalStorage.enterWith", strategy: "frame-ref"))
                    XCTAssertTrue(String(describing: error).contains("not supported by the 'frame-ref' strategy"), "\(error)")
                }
                XCTAssertThrowsError(try a.disable()) { error in
                    XCTAssertEqual(error as? ContextStrategyError, .unsupported(operation: "AsyncLocalStorage.disable", strategy: "frame-ref"))
                }
                XCTAssertEqual(a.getStore(), "kept", "a refused call changes nothing")
            }
        }
    }

    func testOtherStrategiesAcceptEnterWithAndDisable() throws {
        struct V: StrategyVisitor {
            func visit<S: ContextStrategy>(_ type: S.Type) -> Error? {
                let host = Host(strategy: S())
                let a = AsyncLocalStorage(host, name: "a")
                do { try a.enterWith(1); try a.disable(); return nil } catch { return error }
            }
        }
        // Every strategy whose profile declares enterWith/disable (and the
        // baseline, which accepts and ignores them).
        let supporting = StrategyRegistry.entries.filter { $0.profile.semantics?.supportsEnterWithAndDisable ?? true }.map(\.id)
        XCTAssertTrue(supporting.contains(ContinuationSlot.id))
        for id in supporting {
            XCTAssertNil(StrategyRegistry.visit(id: id, V())!, id)
        }
        // ... and every one that declares them unsupported refuses them with the typed error.
        for id in StrategyRegistry.allMeasurableIDs where !supporting.contains(id) {
            let error = StrategyRegistry.visit(id: id, V())!
            XCTAssertEqual(error as? ContextStrategyError, .unsupported(operation: "AsyncLocalStorage.enterWith", strategy: id), id)
        }
    }
}
