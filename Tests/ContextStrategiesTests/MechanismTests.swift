import XCTest
import HostRuntime
@testable import ContextStrategies

/// The engine mechanisms the strategies now do the work of (issue 13),
/// pinned by deterministic counts: rehashes of a JS Map copy, property-array
/// growths and dictionary mode of a decorated resource.
final class MechanismTests: XCTestCase {
    func testOrderedHashMapGrowsByDoublingFromFour() {
        var parent = OrderedHashMap<JSValue>()
        for k in 0..<64 { parent.set(k, .number(Double(k))) }
        XCTAssertEqual(parent.count, 64)
        XCTAssertEqual(parent.rehashes, 4, "4 → 8 → 16 → 32 → 64")
        XCTAssertEqual(parent.entriesRehashed, 4 + 8 + 16 + 32)
        // `new Map(parent)` then one set: the run's copy of k = 64 entries plus its own.
        var copy = OrderedHashMap(copying: parent)
        copy.set(64, .number(64))
        XCTAssertEqual(copy.rehashes, 5)
        XCTAssertEqual(copy.entriesRehashed, 4 + 8 + 16 + 32 + 64)
        XCTAssertEqual(copy.pairs.map(\.key), Array(0...64), "insertion order kept")
        XCTAssertEqual(copy.get(10), .number(10))
    }

    func testOrderedHashMapSetDeleteHas() {
        var map = OrderedHashMap<JSValue?>()
        map.set(3, .number(1))
        map.set(3, .number(2))
        XCTAssertEqual(map.count, 1)
        XCTAssertEqual(map.get(3) ?? nil, .number(2))
        map.set(5, nil)
        XCTAssertTrue(map.has(5), "present with undefined")
        XCTAssertNotNil(map.get(5), "present")
        XCTAssertNil(map.get(5) ?? nil, "holding nil")
        XCTAssertTrue(map.delete(3))
        XCTAssertFalse(map.has(3))
        XCTAssertFalse(map.delete(3))
        for k in 10..<40 { map.set(k, .undefined) }
        for k in 10..<40 { map.delete(k) }
        XCTAssertEqual(map.count, 1)
        XCTAssertTrue(map.has(5))
        XCTAssertLessThan(map.capacity, 32, "shrinks once less than a quarter is live")
    }

    func testPropertyBackingFastThenDictionary() {
        let root = HiddenClass.root()
        var object = PropertyBacking(shape: root)
        for key in 0..<15 { object.set(key, .number(Double(key))) }
        XCTAssertFalse(object.isDictionaryMode, "15 fields: the 12-field soft limit applies only to a full array beyond it")
        XCTAssertEqual(object.propertyArrayGrowths, 5, "property array 3, 6, 9, 12, 15")
        object.set(15, .number(15))
        XCTAssertTrue(object.isDictionaryMode, "the 16th keyed add normalizes")
        for key in 0..<16 { XCTAssertEqual(object.get(key), .number(Double(key))) }
        // A second object follows the same transitions: same class, no new ones.
        var other = PropertyBacking(shape: root)
        for key in 0..<15 { other.set(key, .undefined) }
        XCTAssertFalse(other.isDictionaryMode)
        var third = PropertyBacking(shape: root)
        for key in 0..<15 { third.set(key, .undefined) }
        XCTAssertTrue(other.shape === third.shape)
    }

    /// async_hooks' resources: two id properties plus one per storage, so at
    /// k = 8 a resource stays in fast mode and at k = 64 it is a dictionary.
    func testHookResourcesModeByK() {
        for (k, dictionary) in [(8, false), (13, false), (14, true), (64, true)] {
            let host = Host(strategy: HookMapCopy())
            let storages = (0..<k).map { AsyncLocalStorage(host, name: "s\($0)") }
            var resource: HookResource?
            host.run {
                storages[0].run(.number(1)) {
                    _ = host.setTimeout(1) { resource = host.strategy.executionAsyncResource }
                }
            }
            XCTAssertEqual(resource?.properties.isDictionaryMode, dictionary, "k=\(k)")
            XCTAssertEqual(resource?.read(0), .number(1), "k=\(k)")
        }
    }

    /// promise-hooks delivers every event through the registered list: a
    /// second hook sees the same events, each counted.
    func testPromiseHooksRegisteredListDeliversToEveryHook() {
        let host = Host(strategy: PromiseHooks())
        var events: [String] = []
        host.strategy.register(AsyncHook(onInit: { _, kind, _ in events.append("init:\(kind)") },
                                         before: { _ in events.append("before") },
                                         after: { _ in events.append("after") },
                                         promiseResolve: { _ in events.append("resolve") },
                                         destroy: { _ in events.append("destroy") }))
        let before = host.strategy.counters.hookCalls
        host.run { host.setTimeout(1) {} }
        XCTAssertEqual(events, ["init:timeout", "before", "after", "destroy"])
        XCTAssertEqual(host.strategy.counters.hookCalls - before, 8, "two hooks × four events")
    }

    /// hook-map-copy records async ids and trigger ids on each resource.
    func testHookMapCopyResourceIds() {
        let host = Host(strategy: HookMapCopy())
        _ = AsyncLocalStorage(host, name: "a")
        var outer: HookResource?, inner: HookResource?
        host.run {
            host.setTimeout(1) {
                outer = host.strategy.executionAsyncResource
                host.setTimeout(1) { inner = host.strategy.executionAsyncResource }
            }
        }
        XCTAssertEqual(outer?.triggerAsyncId, 1, "created by the main script")
        XCTAssertEqual(inner?.triggerAsyncId, outer?.asyncId)
    }
}
