/// What a recorded async resource becomes on the simulated host.
public enum ReplayKind: UInt8, CaseIterable, Sendable {
    /// A `PROMISE` that never ran a callback: `new Promise`, an async
    /// function's promise… resolved where the trace resolved it.
    case promise
    /// A `PROMISE` whose callback ran: the promise a `then()` or an `await`
    /// created; it becomes a `then` on its trigger promise.
    case reaction
    case timeout
    case immediate
    case tick
    case microtask
    /// Every other type (TCPWRAP, HTTPINCOMINGMESSAGE, FSREQCALLBACK,
    /// bound-anonymous-fn, …): a native callback resource.
    case native

    /// The host resource for a recorded async_hooks type name.
    static func of(typeName: String, ranCallback: Bool) -> ReplayKind {
        switch typeName {
        case "PROMISE": return ranCallback ? .reaction : .promise
        case "Timeout": return .timeout
        case "Immediate": return .immediate
        case "TickObject": return .tick
        case "Microtask": return .microtask
        default: return .native
        }
    }
}

/// One step of a callback body, in recorded order. Indices are dense
/// resource indices (`ReplayProgram.resources`) and body indices.
public enum ReplayOp: Equatable, Sendable {
    case create(resource: Int32)
    case resolve(resource: Int32)
    case destroy(resource: Int32)
    /// `getStore()` on a storage; `expected` is the store the application saw.
    case getStore(storage: Int32, expected: Int32)
    case run(storage: Int32, value: Int32, body: Int32)
    case exit(storage: Int32, body: Int32)
    case enterWith(storage: Int32, value: Int32)
    /// A callback of `resource` delivered inside the current one (a nested `MakeCallback`).
    case invoke(resource: Int32, body: Int32)
    case requestStart(Int32)
    case requestEnd(Int32)
}

/// What the replay driver does in recorded order; everything else (promise
/// reactions, ticks, timers, immediates) the host's event loop runs.
public enum ReplayStep: Equatable, Sendable {
    /// Code that ran outside every callback (the main script).
    case main(body: Int32)
    /// A native callback delivered by the poll phase at host time `atNanos`.
    case native(resource: Int32, body: Int32, atNanos: Int64)
}

public struct ReplayResource: Equatable, Sendable {
    public var kind: ReplayKind
    /// The trigger's dense index (the promise a reaction chains on), or -1.
    public var trigger: Int32
    /// The bodies of the callbacks the host's event loop runs, in order.
    public var hostRunBodies: [Int32]
    /// For timers: the delay from creation to the first callback, in ms.
    public var delayMs: Double
}

/// A trace turned into a program for the host: resources, callback bodies
/// and the driver's steps. Built once per trace, replayed under every strategy.
public struct ReplayProgram: Sendable {
    public internal(set) var resources: [ReplayResource] = []
    /// All bodies' ops, flattened; body `b` is `ops[bodyStart[b]..<bodyStart[b + 1]]`.
    public internal(set) var ops: [ReplayOp] = []
    public internal(set) var bodyStart: [Int32] = [0]
    public internal(set) var steps: [ReplayStep] = []
    public internal(set) var storageCount = 0
    public internal(set) var requestCount = 0
    public internal(set) var getStoreCount = 0
    /// Resources per kind (indexed by `ReplayKind.rawValue`).
    public internal(set) var resourcesByKind = [Int](repeating: 0, count: ReplayKind.allCases.count)
    /// Events about resources created before recording started (skipped).
    public internal(set) var unknownResourceEvents = 0
    /// Callbacks of promise/timer/tick resources recorded inside another
    /// callback: replayed inline, without a context switch of their own.
    public internal(set) var inlinedCallbacks = 0
    /// Type names by code, as recorded.
    public internal(set) var typeNames: [Int: String] = [:]

    public var bodyCount: Int { bodyStart.count - 1 }

    /// - Complexity: O(n) in the number of events.
    public init(_ trace: Trace) {
        var builder = Builder(program: self, trace: trace)
        builder.build()
        self = builder.program
    }
}

/// Turns the flat event stream into nested bodies with a stack of open scopes.
private struct Builder {
    var program: ReplayProgram
    let trace: Trace

    enum Scope {
        case main
        case invocation(resource: Int32, beganAt: Int64)
        case run(storage: Int32, value: Int32)
        case exit(storage: Int32)
    }
    var stack: [(scope: Scope, ops: [ReplayOp])] = []
    var index: [Int: Int32] = [:]
    var befores: [Int: Int] = [:]
    var createdAt: [Int64] = []

    init(program: ReplayProgram, trace: Trace) {
        self.program = program
        self.trace = trace
    }

    mutating func build() {
        // Pass 1: which promises ran a callback (those are reactions).
        for event in trace.events {
            if case .before(let id) = event { befores[id, default: 0] += 1 }
        }
        for (n, event) in trace.events.enumerated() { handle(event, at: trace.times[n]) }
        while !stack.isEmpty { closeTop() }
    }

    mutating func emit(_ op: ReplayOp) {
        if stack.isEmpty { stack.append((.main, [])) }
        stack[stack.count - 1].ops.append(op)
    }

    mutating func addBody(_ ops: [ReplayOp]) -> Int32 {
        program.ops.append(contentsOf: ops)
        program.bodyStart.append(Int32(program.ops.count))
        return Int32(program.bodyCount - 1)
    }

    /// Closes the innermost scope into its parent (or into the driver's steps).
    mutating func closeTop() {
        let (scope, ops) = stack.removeLast()
        switch scope {
        case .main:
            program.steps.append(.main(body: addBody(ops)))
        case let .run(storage, value):
            let body = addBody(ops)
            emit(.run(storage: storage, value: value, body: body))
        case let .exit(storage):
            let body = addBody(ops)
            emit(.exit(storage: storage, body: body))
        case let .invocation(resource, beganAt):
            if resource < 0 {
                // A resource created before recording began: its callback's
                // work still happened, so it is replayed inline.
                if stack.isEmpty { program.steps.append(.main(body: addBody(ops))) } else { for op in ops { emit(op) } }
                return
            }
            let body = addBody(ops)
            let kind = program.resources[Int(resource)].kind
            if !stack.isEmpty {
                if kind != .native { program.inlinedCallbacks += 1 }
                emit(.invoke(resource: resource, body: body))
            } else if kind == .native {
                program.steps.append(.native(resource: resource, body: body, atNanos: beganAt * 1000))
            } else {
                if program.resources[Int(resource)].hostRunBodies.isEmpty, kind == .timeout {
                    let delayUs = Double(beganAt - createdAt[Int(resource)])
                    program.resources[Int(resource)].delayMs = max(1, (delayUs / 1000).rounded(.down))
                }
                program.resources[Int(resource)].hostRunBodies.append(body)
            }
        }
    }

    /// Closes scopes up to and including the innermost one `matches` accepts
    /// (none if no open scope does: an unbalanced event is ignored).
    mutating func close(where matches: (Scope) -> Bool) {
        guard stack.contains(where: { matches($0.scope) }) else { return }
        while let top = stack.last {
            let done = matches(top.scope)
            closeTop()
            if done { return }
        }
    }

    func dense(_ id: Int) -> Int32? { index[id] }

    /// Storages are numbered by the recorder; one used without a recorded
    /// creation still gets a storage in the replay.
    mutating func sawStorage(_ s: Int) { program.storageCount = max(program.storageCount, s + 1) }

    mutating func handle(_ event: TraceEvent, at time: Int64) {
        switch event {
        case let .type(code, name):
            program.typeNames[code] = name
        case let .storage(s):
            program.storageCount = max(program.storageCount, s + 1)
        case let .initResource(id, type, trigger, _):
            let name = program.typeNames[type] ?? "UNKNOWN"
            let kind = ReplayKind.of(typeName: name, ranCallback: (befores[id] ?? 0) > 0)
            let r = Int32(program.resources.count)
            program.resources.append(ReplayResource(kind: kind, trigger: index[trigger] ?? -1, hostRunBodies: [], delayMs: 1))
            program.resourcesByKind[Int(kind.rawValue)] += 1
            createdAt.append(time)
            index[id] = r
            emit(.create(resource: r))
        case let .before(id):
            // A callback at the top level ends the main-script segment before it.
            if stack.count == 1, case .main = stack[0].scope { closeTop() }
            let r = dense(id) ?? -1
            if r < 0 { program.unknownResourceEvents += 1 }
            stack.append((.invocation(resource: r, beganAt: time), []))
        case let .after(id):
            let r = dense(id) ?? -1
            close { if case .invocation(let x, _) = $0 { return x == r } else { return false } }
        case let .promiseResolve(id):
            if let r = dense(id) { emit(.resolve(resource: r)) } else { program.unknownResourceEvents += 1 }
        case let .destroy(id):
            if let r = dense(id) { emit(.destroy(resource: r)) } else { program.unknownResourceEvents += 1 }
        case let .runBegin(storage, value):
            sawStorage(storage)
            if stack.isEmpty { stack.append((.main, [])) }
            stack.append((.run(storage: Int32(storage), value: Int32(value)), []))
        case let .runEnd(storage):
            close { if case .run(let s, _) = $0 { return s == Int32(storage) } else { return false } }
        case let .exitBegin(storage):
            sawStorage(storage)
            if stack.isEmpty { stack.append((.main, [])) }
            stack.append((.exit(storage: Int32(storage)), []))
        case let .exitEnd(storage):
            close { if case .exit(let s) = $0 { return s == Int32(storage) } else { return false } }
        case let .enterWith(storage, value):
            sawStorage(storage)
            emit(.enterWith(storage: Int32(storage), value: Int32(value)))
        case let .getStore(storage, value):
            sawStorage(storage)
            program.getStoreCount += 1
            emit(.getStore(storage: Int32(storage), expected: Int32(value)))
        case let .requestStart(n):
            program.requestCount = max(program.requestCount, n)
            emit(.requestStart(Int32(n)))
        case let .requestEnd(n):
            emit(.requestEnd(Int32(n)))
        case .footer:
            break
        }
    }
}
