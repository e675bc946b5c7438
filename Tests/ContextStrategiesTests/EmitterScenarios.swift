import XCTest
import HostRuntime
import ContextStrategies

// Conformance scenarios, rule 10: EventEmitter listeners.

/// Rule 10. Node docs (events are synchronous; EventEmitterAsyncResource exists
/// to change that); node test-async-local-storage-http.js (listener reads the
/// request's store at emit time).
enum EmitterEmitTimeContext: Scenario {
    static let source = "node test-async-local-storage-http.js; Node docs events.EventEmitterAsyncResource"
    static func check<S>(_ t: Probe<S>) throws -> [String] {
        let a = t.storage()
        let emitter = EventEmitter()
        t.host.run {
            a.run("registered") { emitter.on("ev") { _ in t.see("listener", a.getStore()) } }
            try a.run("emit1") { try emitter.emit("ev") }
            a.run("emit2") { t.host.setTimeout(1) { try emitter.emit("ev") } }
            // Bound listener: the EventEmitterAsyncResource style opt-in.
            let bound: () throws -> Void = a.run("bound") { AsyncLocalStorage<S>.bind(t.host) { t.see("bound-listener", a.getStore()) } }
            emitter.on("ev2") { _ in try bound() }
            try a.run("emit3") { try emitter.emit("ev2") }
        }
        return ["listener=emit1", "bound-listener=bound", "listener=emit2"]
    }
}
