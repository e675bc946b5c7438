/// Node 20's async_hooks `AsyncLocalStorage` (v20.20, `lib/async_hooks.js`):
/// the design of `hook-map-copy`, before nodejs/node PR #58029.
///
/// - A storage joins the init hook's list on its first `run` or `enterWith`,
///   not when it is constructed: storages that exist but have not been used
///   are not copied onto resources (0 copies per promise with 3 unused
///   storages, where Node 24 makes 3), and the hook stays off — no resource
///   records at all — until some storage is used.
/// - Hence nodejs/node#45848: an `enterWith` in an awaited callee, while no
///   other storage is enabled, writes onto the execution resource the
///   caller's await continuation also runs in (it has no resource of its
///   own), so the caller sees the value.
/// - The constructor takes no options: `defaultValue` and `name` are ignored,
///   as Node 20 ignores them (`getStore()` is `undefined` outside a run, the
///   name is empty). `AsyncLocalStorage`'s initializer keeps its signature and
///   drops them; nothing throws, because nothing throws in Node 20 either.
public enum Node20HooksRelease: HookALSRelease {
    public static let id = "hook-map-copy-node20"
    public static let summary = "Node 20 ALS (async_hooks): as hook-map-copy, but a storage is copied onto resources only once used (run/enterWith); no defaultValue/name"
    @inlinable public static var enablesOnConstruction: Bool { false }
    @inlinable public static var acceptsStorageOptions: Bool { false }
    public static let profile = StrategyProfile(
        role: .faithful, models: .node20,
        semantics: SemanticProfile(mechanism: .asyncHooks(.node20), supportsEnterWithAndDisable: true, hasExecutionResources: true,
                                   runRestore: .rebindPrior, unhandledRejectionContext: .creation))
}

/// Node 20's async_hooks ALS.
public typealias HookMapCopyNode20 = HookMapCopyCore<Node20HooksRelease>
