import Foundation
import XCTest
import HostRuntime
import ContextStrategies
import Measurement

// Differential property test: seeded random async programs, run under each
// strategy, compared with a reference interpreter that tracks the context
// explicitly (the value each storage must have is passed along by hand, the
// way "manual parameter passing" would, and captured by the closures at the
// points brief section 4 names: creation for timers/ticks/immediates/
// microtasks, registration for then/await, resolve time for thenable jobs,
// capture time for bind/snapshots, emit time for listeners).
//
// Every body probes all storages on entry and after every statement.

/// A generated program statement. Storages are 0..<k, values 1...; 0 = undefined.
indirect enum Op: Equatable {
    case run(s: Int, v: Int, [Op])
    case exit(s: Int, [Op])
    case timeout(ms: Int, [Op])
    case interval(ms: Int, times: Int, [Op])
    case immediate([Op])
    case tick([Op])
    case microtask([Op])
    /// A promise from `source`, then `links` registered now.
    case chain(Source, [Link])
    /// An async function: each step awaits its target, then runs its body.
    case asyncFn([AwaitStep])
    /// A pending promise resolved later by a timer inside `run(s, v)`; `then(body)` registered now.
    case deferred(ms: Int, s: Int, v: Int, [Op])
    /// A function captured now (bind / snapshot / AsyncResource), called later
    /// from a timer inside `run(s, v)`; the caller probes after the call.
    case bound(BoundKind, ms: Int, s: Int, v: Int, [Op])
    /// A listener registered now, emitted later from a timer inside `run(s, v)`.
    case emit(ms: Int, s: Int, v: Int, [Op])
}

enum Source: Equatable {
    case resolved, rejected
    case timer(ms: Int, reject: Bool)
    /// `Promise.resolve(thenable)`; the thenable's `then` runs `body`.
    case thenable([Op])
}

enum Link: Equatable {
    case then([Op])
    case thenThrow([Op])
    case `catch`([Op])
    case finally([Op])
    /// A then handler that runs `body` and returns a thenable whose `then` runs the second body.
    case thenReturnsThenable([Op], [Op])
}

enum AwaitTarget: Equatable {
    case value, resolvedPromise, rejectedCaught
    case timer(ms: Int)
    case thenable([Op])
}

struct AwaitStep: Equatable {
    var target: AwaitTarget
    var body: [Op]
}

enum BoundKind: Equatable { case bind, snapshot, asyncResource }

// MARK: Generator

struct ProgramGenerator {
    var rng: SplitMix64
    let storages: Int
    var budget: Int

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
        storages = 1 + rng.below(3)
        budget = 8 + rng.below(22)
    }

    mutating func program() -> [Op] {
        var ops: [Op] = []
        while budget > 0 { ops.append(op(depth: 0)) }
        return ops
    }

    /// Storages exited in the current synchronous extent. A `run` of such a
    /// storage is not generated there: under the async_hooks ALS it re-enables
    /// the storage and the outer value leaks back into the `exit` (a real Node
    /// quirk, pinned by the `RunInsideExitReenables` scenario instead).
    var exited = Set<Int>()

    /// The body of a new callback: a fresh synchronous extent.
    mutating func body(_ depth: Int) -> [Op] {
        let saved = exited
        exited = []
        defer { exited = saved }
        return syncBody(depth)
    }

    /// The body of `run`/`exit`: the same synchronous extent.
    mutating func syncBody(_ depth: Int) -> [Op] {
        var ops: [Op] = []
        for _ in 0..<rng.below(3) where budget > 0 { ops.append(op(depth: depth + 1)) }
        return ops
    }

    /// A storage that may be `run` here.
    mutating func runnable() -> Int? {
        let candidates = (0..<storages).filter { !exited.contains($0) }
        return candidates.isEmpty ? nil : candidates[rng.below(candidates.count)]
    }

    mutating func s() -> Int { rng.below(storages) }
    mutating func v() -> Int { 1 + rng.below(5) }
    mutating func ms() -> Int { rng.below(4) }

    mutating func op(depth: Int) -> Op {
        budget -= 1
        if depth >= 5 { return .timeout(ms: ms(), []) }
        switch rng.below(100) {
        case 0..<22:
            guard let storage = runnable() else { return .tick(body(depth)) }
            return .run(s: storage, v: v(), syncBody(depth))
        case 22..<26:
            let storage = s()
            let inserted = exited.insert(storage).inserted
            defer { if inserted { exited.remove(storage) } }
            return .exit(s: storage, syncBody(depth))
        case 26..<34: return .timeout(ms: ms(), body(depth))
        case 34..<37: return .interval(ms: 1 + ms(), times: 1 + rng.below(3), body(depth))
        case 37..<42: return .immediate(body(depth))
        case 42..<47: return .tick(body(depth))
        case 47..<52: return .microtask(body(depth))
        case 52..<64:
            let source: Source
            switch rng.below(4) {
            case 0: source = .resolved
            case 1: source = .rejected
            case 2: source = .timer(ms: ms(), reject: rng.chance(30))
            default: source = .thenable(body(depth))
            }
            var links: [Link] = []
            for _ in 0..<(1 + rng.below(3)) {
                switch rng.below(6) {
                case 0, 1: links.append(.then(body(depth)))
                case 2: links.append(.thenThrow(body(depth)))
                case 3: links.append(.catch(body(depth)))
                case 4: links.append(.finally(body(depth)))
                default: links.append(.thenReturnsThenable(body(depth), body(depth)))
                }
            }
            return .chain(source, links)
        case 64..<78:
            var steps: [AwaitStep] = []
            for _ in 0..<(1 + rng.below(3)) {
                let target: AwaitTarget
                switch rng.below(5) {
                case 0: target = .value
                case 1: target = .resolvedPromise
                case 2: target = .rejectedCaught
                case 3: target = .timer(ms: ms())
                default: target = .thenable(body(depth))
                }
                steps.append(AwaitStep(target: target, body: body(depth)))
            }
            return .asyncFn(steps)
        case 78..<86:
            // Its resolving timer is set inside a synchronous `run`.
            guard let storage = runnable() else { return .microtask(body(depth)) }
            return .deferred(ms: ms(), s: storage, v: v(), body(depth))
        case 86..<96:
            let kinds: [BoundKind] = [.bind, .snapshot, .asyncResource]
            return .bound(kinds[rng.below(3)], ms: ms(), s: s(), v: v(), body(depth))
        default: return .emit(ms: ms(), s: s(), v: v(), body(depth))
        }
    }
}

// MARK: Interpreter

/// Runs a program on `Host<S>`. In reference mode (`S == NoPropagation`)
/// probes record the explicitly tracked context; otherwise they record what
/// the strategy's storages return.
final class Interpreter<S: ContextStrategy> {
    typealias Ctx = [Int]
    let host = Host(strategy: S())
    let storages: [AsyncLocalStorage<S>]
    let reference: Bool
    /// Flattened probe records: probe id, then one value per storage.
    private(set) var log: [Int] = []
    private var nextBodyID = 0

    init(storages k: Int, reference: Bool) {
        let host = self.host
        storages = (0..<k).map { _ in AsyncLocalStorage(host, name: "s") }
        self.reference = reference
    }

    func probe(_ id: Int, _ ctx: Ctx) {
        log.append(id)
        if reference {
            log.append(contentsOf: ctx)
        } else {
            for storage in storages {
                switch storage.getStore() {
                case .undefined: log.append(0)
                case .number(let n): log.append(Int(n))
                default: log.append(-1)
                }
            }
        }
    }

    func run(_ program: [Op]) {
        let root = Array(repeating: 0, count: storages.count)
        host.run { self.exec(program, root, id: 0) }
    }

    /// Executes a body: probe on entry, then after every statement. Probe ids
    /// are structural (body path hash + position), identical in every mode.
    func exec(_ ops: [Op], _ ctx: Ctx, id: Int) {
        probe(id &* 31, ctx)
        for (i, op) in ops.enumerated() {
            let child = id &* 131 &+ i &+ 1
            exec(op, ctx, id: child)
            probe(child &* 31 &+ 7, ctx)
        }
    }

    func with(_ ctx: Ctx, _ s: Int, _ v: Int) -> Ctx { var c = ctx; c[s] = v; return c }

    func thenable(_ body: [Op], _ ctx: Ctx, id: Int) -> TestThenable {
        TestThenable { [unowned self] resolve, _ in self.exec(body, ctx, id: id); resolve(1) }
    }

    func exec(_ op: Op, _ ctx: Ctx, id: Int) {
        let h = host
        switch op {
        case let .run(s, v, body):
            storages[s].run(.number(Double(v))) { exec(body, with(ctx, s, v), id: id &+ 1) }
        case let .exit(s, body):
            storages[s].exit { exec(body, with(ctx, s, 0), id: id &+ 1) }
        case let .timeout(ms, body):
            h.setTimeout(Double(ms)) { [unowned self] in exec(body, ctx, id: id &+ 1) }
        case let .interval(ms, times, body):
            var count = 0
            var handle: TimerHandle<S>?
            handle = h.setInterval(Double(ms)) { [unowned self] in
                count += 1
                exec(body, ctx, id: id &+ count)
                if count == times { h.clearInterval(handle); handle = nil }
            }
        case let .immediate(body):
            h.setImmediate { [unowned self] in exec(body, ctx, id: id &+ 1) }
        case let .tick(body):
            h.nextTick { [unowned self] in exec(body, ctx, id: id &+ 1) }
        case let .microtask(body):
            h.queueMicrotask { [unowned self] in exec(body, ctx, id: id &+ 1) }
        case let .chain(source, links):
            var p: JSPromise<S>
            switch source {
            case .resolved: p = h.promiseResolve(1)
            case .rejected: p = h.promiseReject("e")
            case let .timer(ms, reject):
                p = h.newPromise { r in h.setTimeout(Double(ms)) { reject ? r.reject("e") : r.resolve(1) } }
            case let .thenable(body):
                // The resolve-thenable job runs the thenable's then in the context current now.
                p = h.promiseResolve(.object(thenable(body, ctx, id: id &+ 1)))
            }
            for (i, link) in links.enumerated() {
                let lid = id &* 7 &+ i &+ 2
                switch link {
                case .then(let body):
                    p = p.then({ [unowned self] _ in exec(body, ctx, id: lid); return 1 })
                case .thenThrow(let body):
                    p = p.then({ [unowned self] _ in exec(body, ctx, id: lid); throw JSException("t") })
                case .catch(let body):
                    p = p.catch { [unowned self] _ in exec(body, ctx, id: lid); return 2 }
                case .finally(let body):
                    p = p.finally { [unowned self] in exec(body, ctx, id: lid); return .undefined }
                case let .thenReturnsThenable(body, inner):
                    p = p.then({ [unowned self] _ in
                        exec(body, ctx, id: lid)
                        return .object(thenable(inner, ctx, id: lid &+ 1))
                    })
                }
            }
        case .asyncFn(let steps):
            func step(_ i: Int) -> AsyncStep {
                if i == steps.count { return .done }
                let sid = id &* 5 &+ i &+ 1
                let next: (JSValue) throws -> AsyncStep = { [unowned self] _ in exec(steps[i].body, ctx, id: sid); return step(i + 1) }
                switch steps[i].target {
                case .value: return .awaiting(.number(1), next)
                case .resolvedPromise: return .awaiting(.object(h.promiseResolve(1)), next)
                case .rejectedCaught: return .awaiting(.object(h.promiseReject("r")), { _ in .done }, catching: next)
                case .timer(let ms): return .awaiting(.object(h.delay(Double(ms))), next)
                case .thenable(let body): return .awaiting(.object(thenable(body, ctx, id: sid &+ 1)), next)
                }
            }
            _ = h.async { step(0) }
        case let .deferred(ms, s, v, body):
            let r = h.withResolvers()
            storages[s].run(.number(Double(v))) { h.setTimeout(Double(ms)) { r.resolve(1) } }
            r.promise.then({ [unowned self] _ in exec(body, ctx, id: id &+ 1); return .undefined })
        case let .bound(kind, ms, s, v, body):
            let call: () throws -> Void
            switch kind {
            case .bind:
                call = AsyncLocalStorage<S>.bind(h) { [unowned self] in exec(body, ctx, id: id &+ 1) }
            case .snapshot:
                let snapshot = AsyncLocalStorage<S>.snapshot(h)
                call = { [unowned self] in snapshot.run { exec(body, ctx, id: id &+ 1) } }
            case .asyncResource:
                let resource = AsyncResource(h)
                call = { [unowned self] in resource.runInAsyncScope { exec(body, ctx, id: id &+ 1) } }
            }
            h.setTimeout(Double(ms)) { [unowned self] in
                let callerCtx = with(ctx, s, v)
                try storages[s].run(.number(Double(v))) {
                    try call()
                    probe(id &* 31 &+ 3, callerCtx)
                }
            }
        case let .emit(ms, s, v, body):
            let emitter = EventEmitter()
            var emitCtx = ctx
            emitter.on("e") { [unowned self] _ in exec(body, emitCtx, id: id &+ 1) }
            h.setTimeout(Double(ms)) { [unowned self] in
                emitCtx = with(ctx, s, v)
                try storages[s].run(.number(Double(v))) { _ = try emitter.emit("e") }
            }
        }
    }
}

// MARK: Printing and minimizing

func describe(_ ops: [Op], indent: String = "") -> String {
    ops.map { describe($0, indent) }.joined(separator: "\n")
}

private func block(_ ops: [Op], _ indent: String) -> String {
    ops.isEmpty ? "{}" : "{\n" + describe(ops, indent: indent + "  ") + "\n\(indent)}"
}

func describe(_ op: Op, _ i: String) -> String {
    switch op {
    case let .run(s, v, b): return "\(i)als\(s).run(\(v), () => \(block(b, i)))"
    case let .exit(s, b): return "\(i)als\(s).exit(() => \(block(b, i)))"
    case let .timeout(ms, b): return "\(i)setTimeout(() => \(block(b, i)), \(ms))"
    case let .interval(ms, n, b): return "\(i)setInterval(() => \(block(b, i)), \(ms)) // cleared after \(n) ticks"
    case let .immediate(b): return "\(i)setImmediate(() => \(block(b, i)))"
    case let .tick(b): return "\(i)process.nextTick(() => \(block(b, i)))"
    case let .microtask(b): return "\(i)queueMicrotask(() => \(block(b, i)))"
    case let .chain(source, links):
        var text: String
        switch source {
        case .resolved: text = "Promise.resolve(1)"
        case .rejected: text = "Promise.reject('e')"
        case let .timer(ms, reject): text = "new Promise((res, rej) => setTimeout(\(reject ? "rej" : "res"), \(ms)))"
        case let .thenable(b): text = "Promise.resolve({ then(r) \(block(b, i)) })"
        }
        for link in links {
            switch link {
            case .then(let b): text += "\n\(i)  .then(() => \(block(b, i + "  ")))"
            case .thenThrow(let b): text += "\n\(i)  .then(() => { \(block(b, i + "  ")); throw 't' })"
            case .catch(let b): text += "\n\(i)  .catch(() => \(block(b, i + "  ")))"
            case .finally(let b): text += "\n\(i)  .finally(() => \(block(b, i + "  ")))"
            case let .thenReturnsThenable(b, inner):
                text += "\n\(i)  .then(() => { \(block(b, i + "  ")); return { then(r) \(block(inner, i + "  ")) } })"
            }
        }
        return i + text
    case .asyncFn(let steps):
        var text = "\(i)(async () => {"
        for step in steps {
            let target: String
            switch step.target {
            case .value: target = "await 1"
            case .resolvedPromise: target = "await Promise.resolve(1)"
            case .rejectedCaught: target = "try { await Promise.reject('r') } catch"
            case .timer(let ms): target = "await delay(\(ms))"
            case .thenable(let b): target = "await { then(r) \(block(b, i + "  ")) }"
            }
            text += "\n\(i)  \(target); \(block(step.body, i + "  "))"
        }
        return text + "\n\(i)})()"
    case let .deferred(ms, s, v, b):
        return "\(i){ const d = Promise.withResolvers(); als\(s).run(\(v), () => setTimeout(d.resolve, \(ms))); d.promise.then(() => \(block(b, i))) }"
    case let .bound(kind, ms, s, v, b):
        return "\(i){ const f = \(kind)(() => \(block(b, i))); setTimeout(() => als\(s).run(\(v), () => { f(); probe() }), \(ms)) }"
    case let .emit(ms, s, v, b):
        return "\(i){ const e = new EventEmitter(); e.on('e', () => \(block(b, i))); setTimeout(() => als\(s).run(\(v), () => e.emit('e')), \(ms)) }"
    }
}

/// Smaller variants of a program: each statement removed, or replaced by its
/// body, at every nesting level.
func shrinkCandidates(_ ops: [Op]) -> [[Op]] {
    var out: [[Op]] = []
    for index in ops.indices {
        var removed = ops; removed.remove(at: index); out.append(removed)
        for replacement in shrinkCandidates(op: ops[index]) {
            var copy = ops; copy.replaceSubrange(index...index, with: replacement); out.append(copy)
        }
    }
    return out
}

/// Replacements for one statement: its children hoisted, or a smaller version of it.
func shrinkCandidates(op: Op) -> [[Op]] {
    func wrap(_ bodies: [[Op]], _ make: ([Op]) -> Op) -> [[Op]] { bodies.map { [make($0)] } }
    switch op {
    case let .run(s, v, b): return [b] + wrap(shrinkCandidates(b)) { .run(s: s, v: v, $0) }
    case let .exit(s, b): return [b] + wrap(shrinkCandidates(b)) { .exit(s: s, $0) }
    case let .timeout(ms, b): return [b] + wrap(shrinkCandidates(b)) { .timeout(ms: ms, $0) }
    case let .interval(ms, n, b): return [b] + wrap(shrinkCandidates(b)) { .interval(ms: ms, times: n, $0) }
    case let .immediate(b): return [b] + wrap(shrinkCandidates(b)) { .immediate($0) }
    case let .tick(b): return [b] + wrap(shrinkCandidates(b)) { .tick($0) }
    case let .microtask(b): return [b] + wrap(shrinkCandidates(b)) { .microtask($0) }
    case let .deferred(ms, s, v, b): return [b] + wrap(shrinkCandidates(b)) { .deferred(ms: ms, s: s, v: v, $0) }
    case let .bound(k, ms, s, v, b): return [b] + wrap(shrinkCandidates(b)) { .bound(k, ms: ms, s: s, v: v, $0) }
    case let .emit(ms, s, v, b): return [b] + wrap(shrinkCandidates(b)) { .emit(ms: ms, s: s, v: v, $0) }
    case let .chain(source, links):
        var out: [[Op]] = []
        for index in links.indices where links.count > 1 {
            var fewer = links; fewer.remove(at: index); out.append([.chain(source, fewer)])
        }
        if case .thenable(let b) = source {
            out.append([.chain(.resolved, links)])
            out += wrap(shrinkCandidates(b)) { .chain(.thenable($0), links) }
        }
        for (index, link) in links.enumerated() {
            let bodies: [[Op]]
            let make: ([Op]) -> Link
            switch link {
            case .then(let b): bodies = shrinkCandidates(b); make = { .then($0) }
            case .thenThrow(let b): bodies = shrinkCandidates(b); make = { .thenThrow($0) }
            case .catch(let b): bodies = shrinkCandidates(b); make = { .catch($0) }
            case .finally(let b): bodies = shrinkCandidates(b); make = { .finally($0) }
            case let .thenReturnsThenable(b, inner):
                out += shrinkCandidates(b).map { var l = links; l[index] = .thenReturnsThenable($0, inner); return [.chain(source, l)] }
                out += shrinkCandidates(inner).map { var l = links; l[index] = .thenReturnsThenable(b, $0); return [.chain(source, l)] }
                continue
            }
            out += bodies.map { var l = links; l[index] = make($0); return [.chain(source, l)] }
        }
        return out
    case .asyncFn(let steps):
        var out: [[Op]] = []
        for index in steps.indices where steps.count > 1 {
            var fewer = steps; fewer.remove(at: index); out.append([.asyncFn(fewer)])
        }
        for index in steps.indices {
            out += shrinkCandidates(steps[index].body).map { var s = steps; s[index].body = $0; return [.asyncFn(s)] }
            if case .thenable(let b) = steps[index].target {
                var plain = steps; plain[index].target = .value; out.append([.asyncFn(plain)])
                out += shrinkCandidates(b).map { var s = steps; s[index].target = .thenable($0); return [.asyncFn(s)] }
            }
        }
        return out
    }
}

// MARK: Running and comparing

/// Runs a program under one strategy and the reference; nil when they agree.
struct DifferentialVisitor: StrategyVisitor {
    let program: [Op]
    let storages: Int
    let expected: [Int]

    func visit<S: ContextStrategy>(_ type: S.Type) -> String? {
        let interpreter = Interpreter<S>(storages: storages, reference: false)
        interpreter.run(program)
        if interpreter.log != expected {
            let at = zip(interpreter.log, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            return "log differs (lengths \(interpreter.log.count) vs \(expected.count), first at \(at.map(String.init) ?? "end"))"
        }
        if let hooks = interpreter.host.strategy as? PromiseHooks, hooks.counters.sideTableSize != 0 {
            return "promise-hooks side table holds \(hooks.counters.sideTableSize) entries after the loop drained"
        }
        return nil
    }
}

func referenceLog(_ program: [Op], storages: Int) -> [Int] {
    let reference = Interpreter<NoPropagation>(storages: storages, reference: true)
    reference.run(program)
    return reference.log
}

func divergence(_ program: [Op], storages: Int, strategy: String) -> String? {
    let expected = referenceLog(program, storages: storages)
    return StrategyRegistry.visit(id: strategy, DifferentialVisitor(program: program, storages: storages, expected: expected))!
}

/// Greedy shrinking: take the first smaller variant that still diverges, until none does.
func minimize(_ program: [Op], storages: Int, strategy: String) -> [Op] {
    var current = program
    var improved = true
    while improved {
        improved = false
        for candidate in shrinkCandidates(current) where divergence(candidate, storages: storages, strategy: strategy) != nil {
            current = candidate
            improved = true
            break
        }
    }
    return current
}

final class DifferentialTests: XCTestCase {
    func testRandomProgramsAgreeWithReference() {
        let count = ProcessInfo.processInfo.environment["ORACLE_PROGRAMS"].flatMap(Int.init) ?? 10_000
        let baseSeed = ProcessInfo.processInfo.environment["ORACLE_SEED"].flatMap(UInt64.init) ?? 0xA5C0_FFEE
        var divergences = 0
        var perStrategy = Dictionary(uniqueKeysWithValues: StrategyRegistry.oracleIDs.map { ($0, 0) })
        var probes = 0
        for n in 0..<count {
            let seed = baseSeed &+ UInt64(n)
            var generator = ProgramGenerator(seed: seed)
            let program = generator.program()
            let expected = referenceLog(program, storages: generator.storages)
            probes += expected.count / (1 + generator.storages)
            for id in StrategyRegistry.oracleIDs {
                let visitor = DifferentialVisitor(program: program, storages: generator.storages, expected: expected)
                guard let problem = StrategyRegistry.visit(id: id, visitor)! else { continue }
                divergences += 1
                perStrategy[id, default: 0] += 1
                if divergences <= 3 {
                    let small = minimize(program, storages: generator.storages, strategy: id)
                    XCTFail("""
                        [\(id)] seed \(seed) (ORACLE_SEED=\(seed) ORACLE_PROGRAMS=1), \(generator.storages) storages: \(problem)
                        minimized program:
                        \(describe(small))
                        """)
                }
            }
        }
        print("differential: \(count) programs × \(StrategyRegistry.oracleIDs.count) strategies (\(StrategyRegistry.oracleIDs.joined(separator: ", "))), \(probes) probes each run, \(divergences) divergences")
        for id in StrategyRegistry.oracleIDs {
            print("differential: \(id): \(perStrategy[id] ?? 0) divergences over \(count) programs")
        }
        XCTAssertEqual(divergences, 0)
        XCTAssertEqual(Set(perStrategy.keys), Set(StrategyRegistry.faithfulIDs + StrategyRegistry.frameVariantIDs))
        // Not vacuous: the programs really probe.
        XCTAssertGreaterThan(probes, count * 5)
    }

    /// The generator covers every construct (a guard against a generator
    /// that silently stopped producing some statement kinds).
    func testGeneratorCoversEveryConstruct() {
        var seen = Set<String>()
        func visit(_ ops: [Op]) {
            for op in ops {
                switch op {
                case let .run(_, _, b): seen.insert("run"); visit(b)
                case let .exit(_, b): seen.insert("exit"); visit(b)
                case let .timeout(_, b): seen.insert("timeout"); visit(b)
                case let .interval(_, _, b): seen.insert("interval"); visit(b)
                case let .immediate(b): seen.insert("immediate"); visit(b)
                case let .tick(b): seen.insert("tick"); visit(b)
                case let .microtask(b): seen.insert("microtask"); visit(b)
                case let .chain(source, links):
                    seen.insert("chain")
                    if case .thenable(let b) = source { seen.insert("thenable-source"); visit(b) }
                    if case .rejected = source { seen.insert("rejection") }
                    for link in links {
                        switch link {
                        case .then(let b): seen.insert("then"); visit(b)
                        case .thenThrow(let b): seen.insert("throw"); visit(b)
                        case .catch(let b): seen.insert("catch"); visit(b)
                        case .finally(let b): seen.insert("finally"); visit(b)
                        case let .thenReturnsThenable(b, c): seen.insert("then-thenable"); visit(b); visit(c)
                        }
                    }
                case .asyncFn(let steps):
                    seen.insert("await")
                    for step in steps {
                        if case .thenable(let b) = step.target { seen.insert("await-thenable"); visit(b) }
                        if case .rejectedCaught = step.target { seen.insert("await-rejection") }
                        visit(step.body)
                    }
                case let .deferred(_, _, _, b): seen.insert("deferred"); visit(b)
                case let .bound(kind, _, _, _, b): seen.insert("\(kind)"); visit(b)
                case let .emit(_, _, _, b): seen.insert("emit"); visit(b)
                }
            }
        }
        for seed in 0..<500 as Range<UInt64> {
            var generator = ProgramGenerator(seed: seed)
            visit(generator.program())
        }
        XCTAssertEqual(seen, ["run", "exit", "timeout", "interval", "immediate", "tick", "microtask", "chain",
                              "thenable-source", "rejection", "then", "throw", "catch", "finally", "then-thenable",
                              "await", "await-thenable", "await-rejection", "deferred", "bind", "snapshot",
                              "asyncResource", "emit"])
    }

    /// The oracle catches a wrong strategy: a deliberately broken one (then
    /// callbacks see the resolve-time context) diverges and is minimized.
    func testOracleDetectsABrokenStrategy() {
        var found: (UInt64, [Op], Int)?
        for seed in 0..<2_000 as Range<UInt64> {
            var generator = ProgramGenerator(seed: seed)
            let program = generator.program()
            let expected = referenceLog(program, storages: generator.storages)
            let broken = Interpreter<ResolveTimeSlot>(storages: generator.storages, reference: false)
            broken.run(program)
            if broken.log != expected { found = (seed, program, generator.storages); break }
        }
        guard let (seed, program, storages) = found else { return XCTFail("no program exposed the broken strategy") }
        var small = program
        var improved = true
        while improved {
            improved = false
            for candidate in shrinkCandidates(small) {
                let b = Interpreter<ResolveTimeSlot>(storages: storages, reference: false)
                b.run(candidate)
                if b.log != referenceLog(candidate, storages: storages) { small = candidate; improved = true; break }
            }
        }
        print("broken strategy exposed by seed \(seed); minimized:\n\(describe(small))")
        XCTAssertLessThan(describe(small).count, describe(program).count + 1)
    }
}

/// A deliberately wrong strategy for the oracle's self-test: like
/// continuation-slot, but promise reactions take the context current when
/// the promise *settles* instead of when `then()` is called.
final class ResolveTimeSlot: ContextStrategy {
    final class Box { var frame: [Int: JSValue]?; init(_ f: [Int: JSValue]?) { frame = f } }
    typealias Captured = Box
    typealias Saved = [Int: JSValue]?
    static let id = "broken-resolve-time"
    static let summary = "test-only: reactions see the settle-time context (wrong)"
    /// Claims continuation-slot's semantics, which it breaks on purpose.
    static let profile = StrategyProfile(role: .variant, models: nil, semantics: ContinuationSlot.profile.semantics)
    var slot: [Int: JSValue]?
    var pendingReactions: [Box] = []
    var count = 0
    let counters = StrategyCounters()
    init() {}
    func makeStorage(name: String) -> StorageKey { count += 1; return StorageKey(index: count - 1) }
    func initResource(_ kind: ResourceKind) -> Box? { kind == .promise ? Box(nil) : Box(slot) }
    func initReaction(derived: Box?) -> Box? { let b = Box(slot); pendingReactions.append(b); return b }
    func enter(_ c: Box?, _ kind: ResourceKind) -> [Int: JSValue]? { let s = slot; slot = c?.frame; return s }
    func leave(_ s: [Int: JSValue]?, _ c: Box?, _ kind: ResourceKind) { slot = s }
    /// Wrong on purpose: every reaction registered so far is re-captured at settle time.
    func promiseResolved(_ p: Box?) { for b in pendingReactions { b.frame = slot }; pendingReactions.removeAll() }
    func destroy(_ c: Box?, _ kind: ResourceKind) {}
    func rejectionContext(promise: Box?) -> Box? { Box(slot) }
    func getStore(_ key: StorageKey) -> JSValue? { slot?[key.index] }
    func run<R>(_ key: StorageKey, _ value: JSValue, _ body: () throws -> R) rethrows -> R {
        let saved = slot
        var next = slot ?? [:]; next[key.index] = value; slot = next
        defer { slot = saved }
        return try body()
    }
    func exit<R>(_ key: StorageKey, _ body: () throws -> R) rethrows -> R {
        let saved = slot
        slot?[key.index] = nil
        defer { slot = saved }
        return try body()
    }
    func enterWith(_ key: StorageKey, _ value: JSValue) throws {}
    func disable(_ key: StorageKey) throws {}
}
