import Foundation
import XCTest
@testable import HostRuntime

typealias NHost = HostRuntime.Host<NoPropagation>
typealias NPromise = JSPromise<NoPropagation>
typealias NTimer = TimerHandle<NoPropagation>

/// Collects `console.log` lines: arguments joined by a space, as node prints them.
final class Console {
    private(set) var lines: [String] = []
    func log(_ items: Any...) { lines.append(items.map { "\($0)" }.joined(separator: " ")) }
}

/// `new Error(message)`.
func error(_ message: String) -> JSValue { .object(JSErrorObject(message)) }

/// `e.message` for an error, `String(e)` otherwise.
func message(_ value: JSValue) -> String {
    if case .object(let o) = value, let e = o as? JSErrorObject { return e.message }
    return value.description
}

/// A non-native thenable whose `then` runs `body`.
final class Thenable: JSThenable {
    let body: (@escaping (JSValue) -> Void, @escaping (JSValue) -> Void) throws -> Void
    init(_ body: @escaping (@escaping (JSValue) -> Void, @escaping (JSValue) -> Void) throws -> Void) {
        self.body = body
    }
    override func then(_ resolve: @escaping (JSValue) -> Void, _ reject: @escaping (JSValue) -> Void) throws {
        try body(resolve, reject)
    }
}

extension JSPromise {
    /// `p.then(v => { f(v) })`: the derived promise fulfils with undefined.
    @discardableResult
    func thenDo(_ f: @escaping (JSValue) throws -> Void) -> JSPromise {
        then({ v in try f(v); return .undefined })
    }
    /// `p.then(v => { f(v) }, e => { g(e) })`.
    @discardableResult
    func thenDo(_ f: @escaping (JSValue) throws -> Void, _ g: @escaping (JSValue) throws -> Void) -> JSPromise {
        then({ v in try f(v); return .undefined }, { e in try g(e); return .undefined })
    }
    /// `p.catch(e => { g(e) })`.
    @discardableResult
    func catchDo(_ g: @escaping (JSValue) throws -> Void) -> JSPromise {
        then(nil, { e in try g(e); return .undefined })
    }
}

extension HostRuntime.Host {
    /// `Promise.resolve()`.
    func resolved(_ value: JSValue = .undefined) -> JSPromise<Strategy> { promiseResolve(value) }

    /// `Promise.resolve().then(() => log(n1)).then(() => log(n2))…`: one line per tick.
    func ticker(_ console: Console, _ names: String...) {
        var p = promiseResolve(.undefined)
        for name in names { p = p.thenDo { _ in console.log(name) } }
    }
}

/// The scenario scripts and their node outputs, next to this file.
enum Scripts {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("js")

    /// Script names without extension, sorted.
    static func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".js") }
            .map { String($0.dropLast(3)) }
            .sorted()
    }

    static func expected(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name + ".expected"), encoding: .utf8)
    }

    static func expectedLines(_ name: String) throws -> [String] {
        var lines = try expected(name).components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
