/// What a strategy is, declared in code next to it (`ContextStrategy.profile`):
/// its place in the study, the real runtime it models, and the observable
/// semantics the conformance scenarios expect of it. Everything that used to
/// keep its own list of ids (the registry's lists, the oracle, the semantic
/// matrix, suites, the tests) reads this instead.
public struct StrategyProfile: Sendable, Equatable {
    /// The strategy's place in the study.
    public enum Role: String, Sendable, Equatable, CaseIterable {
        /// `none`: carries no context; the floor every cost is measured from,
        /// exempt from the semantic oracle.
        case baseline
        /// Models a real runtime's design: in the standard suite, and must
        /// pass the oracle before its numbers count.
        case faithful
        /// A design variant (not a real runtime): measured on request and in
        /// the `full`/`frames` suites, held to the same oracle.
        case variant
    }

    public var role: Role
    /// The real runtime whose design and cost structure this models; nil for
    /// the baseline and for variants that model no shipped runtime.
    public var models: ModelledRuntime?
    /// What the scenarios expect; nil only for the baseline (which observes
    /// nothing, so no scenario applies).
    public var semantics: SemanticProfile?

    public init(role: Role, models: ModelledRuntime?, semantics: SemanticProfile?) {
        self.role = role
        self.models = models
        self.semantics = semantics
    }

    /// The `none` baseline's profile.
    public static let baseline = StrategyProfile(role: .baseline, models: nil, semantics: nil)
}

/// A real runtime a strategy models: the run ids of `scripts/real` (CSV
/// `strategy` column of real-runtime runs), which the fidelity tables pair
/// with the model strategies through this declaration.
public enum ModelledRuntime: String, Sendable, Equatable, CaseIterable {
    /// Node 24, default `AsyncContextFrame` in V8's continuation-preserved slot.
    case node24Frame = "node24-frame"
    /// Node 24 with `--no-async-context-frame` (async_hooks ALS).
    case node24Hooks = "node24-hooks"
    /// Node 20's async_hooks ALS.
    case node20 = "node20"
    /// workerd's `AsyncContextFrame` (measured through Bun, its closest
    /// runnable relative: per-reaction context, immutable frames).
    case workerd = "workerd"
}

/// The observable behaviour a strategy declares, one property per place the
/// real runtimes legitimately differ. Conformance scenarios choose their
/// expectation from these properties with exhaustive switches, so a strategy
/// gets exactly the expectation its declaration implies, and a combination no
/// scenario has an expectation for fails naming the scenario.
public struct SemanticProfile: Sendable, Equatable {
    /// Which propagation mechanism's observable semantics the strategy has
    /// (when contexts are captured, what a disabled storage looks like, which
    /// resources exist).
    public enum Mechanism: Sendable, Equatable {
        /// Node's async_hooks ALS: values copied onto execution resources.
        case asyncHooks(NodeRelease)
        /// cls-hooked / OpenTelemetry's AsyncHooksContextManager: an asyncId →
        /// context side table maintained by lifecycle callbacks.
        case promiseHooks
        /// workerd: an immutable frame referenced by a wrapper around every
        /// scheduled callback.
        case frameRef
        /// V8's continuation-preserved embedder data (Node 24 default): one
        /// slot, copied into every reaction record.
        case continuationSlot
    }

    /// The Node release of an async_hooks ALS (they differ in when storages
    /// are enabled and whether the constructor takes options).
    public enum NodeRelease: Sendable, Equatable { case node20, node24 }

    /// How `run(v, fn)` puts the previous context back.
    public enum RunRestore: Sendable, Equatable {
        /// Node 24's `enterWith(prior)` on the current frame (a second copy),
        /// or a hook design's write of the prior value.
        case rebindPrior
        /// The previous frame object itself is put back in the slot.
        case byPointer
    }

    /// Which context an `unhandledRejection` handler sees.
    public enum RejectionContext: Sendable, Equatable {
        /// The rejected promise's creation context (async_hooks).
        case creation
        /// None: the context manager dropped the promise's entry (root).
        case root
        /// The context current when the promise was rejected (frame designs).
        case rejection
    }

    public var mechanism: Mechanism
    /// Whether `enterWith` and `disable` exist (workerd: "not implemented").
    public var supportsEnterWithAndDisable: Bool
    /// Whether `async_hooks.executionAsyncResource()` gives a resource.
    public var hasExecutionResources: Bool
    public var runRestore: RunRestore
    public var unhandledRejectionContext: RejectionContext

    public init(mechanism: Mechanism, supportsEnterWithAndDisable: Bool, hasExecutionResources: Bool,
                runRestore: RunRestore, unhandledRejectionContext: RejectionContext) {
        self.mechanism = mechanism
        self.supportsEnterWithAndDisable = supportsEnterWithAndDisable
        self.hasExecutionResources = hasExecutionResources
        self.runRestore = runRestore
        self.unhandledRejectionContext = unhandledRejectionContext
    }
}
