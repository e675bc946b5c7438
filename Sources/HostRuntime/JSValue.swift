/// A JavaScript value as the simulated host sees it.
///
/// Context stores, promise results and handler arguments are all `JSValue`s,
/// as in the runtimes being modelled, where a store can hold anything. Numbers,
/// booleans and short strings are held inline, so the common measured paths
/// (numbers flowing down a chain, request ids in a store) never allocate.
public enum JSValue {
    case undefined
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    /// Any object but a native promise: a `JSThenable`, a `JSArray`, an
    /// error, or an arbitrary Swift object standing in for a JS object.
    case object(AnyObject)
    /// A native promise (`.object(promise)` makes one): its record's address
    /// and the heap that keeps the record alive.
    case promise(PromiseValue)

    /// A promise as a value.
    @inlinable public static func object<S>(_ promise: JSPromise<S>) -> JSValue {
        .promise(PromiseValue(address: UnsafeMutableRawPointer(promise.ref), heap: promise.heap))
    }

    /// Whether the value holds a reference (a string's storage, an object,
    /// a promise's heap).
    @inlinable public var holdsReference: Bool {
        switch self {
        case .undefined, .null, .bool, .number: return false
        case .string, .object, .promise: return true
        }
    }

    @inlinable public var isUndefined: Bool { if case .undefined = self { return true } else { return false } }

    /// The object, if this value is one.
    @inlinable public var objectValue: AnyObject? {
        if case .object(let o) = self { return o } else { return nil }
    }

    /// The promise, if this value is a native promise of `S`'s host.
    @inlinable public func promise<S>(of host: Host<S>) -> JSPromise<S>? {
        guard case .promise(let p) = self, p.heap === host.promiseHeap else { return nil }
        return JSPromise(p.address.assumingMemoryBound(to: PromiseRecord<S>.self), heap: host.promiseHeap)
    }

    @inlinable public var numberValue: Double? {
        if case .number(let n) = self { return n } else { return nil }
    }
}

extension JSValue: Equatable {
    /// Same-value equality for primitives, identity for objects (`Object.is`,
    /// except that `NaN` equals `NaN` and `+0` equals `-0` is not distinguished).
    @inlinable public static func == (a: JSValue, b: JSValue) -> Bool {
        switch (a, b) {
        case (.undefined, .undefined), (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y || (x.isNaN && y.isNaN)
        case let (.string(x), .string(y)): return x == y
        case let (.object(x), .object(y)): return x === y
        case let (.promise(x), .promise(y)): return x.address == y.address
        default: return false
        }
    }
}

extension JSValue: CustomStringConvertible {
    /// Formats like `String(value)` in JavaScript, so ordering tests can print
    /// the same lines as node.
    public var description: String {
        switch self {
        case .undefined: return "undefined"
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n):
            if n.isNaN { return "NaN" }
            if n.isInfinite { return n > 0 ? "Infinity" : "-Infinity" }
            if n == n.rounded(), abs(n) < 1e21 { return String(Int64(n)) }
            return String(n)
        case .string(let s): return s
        case .object(let o):
            if let d = o as? CustomStringConvertible { return d.description }
            return "[object Object]"
        case .promise(let p): return p.heap.describe(p.address)
        }
    }
}

extension JSValue: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral {
    @inlinable public init(integerLiteral value: Int) { self = .number(Double(value)) }
    @inlinable public init(floatLiteral value: Double) { self = .number(value) }
    @inlinable public init(stringLiteral value: String) { self = .string(value) }
    @inlinable public init(booleanLiteral value: Bool) { self = .bool(value) }
}

/// A native promise inside a `JSValue`: not generic over the strategy, so
/// the host that made it reads it back with `JSValue.promise(of:)`.
public struct PromiseValue {
    @usableFromInline let address: UnsafeMutableRawPointer
    @usableFromInline let heap: AnyPromiseHeap
    @inlinable init(address: UnsafeMutableRawPointer, heap: AnyPromiseHeap) {
        self.address = address
        self.heap = heap
    }
}

/// A JavaScript array (the value `Promise.all` and friends fulfil with).
public final class JSArray: CustomStringConvertible {
    public var elements: [JSValue]
    public init(_ elements: [JSValue]) { self.elements = elements }
    public var description: String { elements.map(\.description).joined(separator: ",") }
}

/// A JavaScript `Error` object (what the host itself throws, e.g. a TypeError
/// for a promise resolved with itself, or `AggregateError` from `any`).
public final class JSErrorObject: CustomStringConvertible {
    public let name: String
    public let message: String
    public let errors: [JSValue]
    public init(name: String = "Error", _ message: String, errors: [JSValue] = []) {
        self.name = name; self.message = message; self.errors = errors
    }
    public var description: String { message.isEmpty ? name : "\(name): \(message)" }
}

/// A JavaScript exception travelling through Swift's `throws`.
///
/// Handlers and callbacks throw this to model `throw v`; any other Swift error
/// thrown from a callback is wrapped as an `Error` object with its description.
public struct JSException: Error, CustomStringConvertible {
    public let value: JSValue
    @inlinable public init(_ value: JSValue) { self.value = value }
    public var description: String { "Uncaught \(value)" }

    /// The JavaScript value of any error thrown by a callback.
    @inlinable public static func value(of error: any Error) -> JSValue {
        if let e = error as? JSException { return e.value }
        return .object(JSErrorObject(String(describing: error)))
    }
}
