import Foundation
import XCTest

/// `bench` reaches the host only through `MeasuredEntryPoints`, so none of
/// its object files holds a specialized copy of the host or of code over its
/// types: such a copy is
/// compiled without the measuring flags, and as a weak symbol it could be
/// the one the linker keeps.
final class MeasuredCodeLocationTests: XCTestCase {
    func testBenchsObjectsHoldNoSpecializedHostCode() throws {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let folder = products.appendingPathComponent("bench.build").path
        let objects = entries(folder).filter { $0.hasSuffix(".o") }
        XCTAssertFalse(objects.isEmpty, "no object files of bench in \(folder)")
        var copies: [String] = []
        for object in objects {
            let nm = Process()
            nm.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            nm.arguments = ["nm", "--defined-only", folder + "/" + object]
            let pipe = Pipe()
            nm.standardOutput = pipe
            try nm.run()
            let listing = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            nm.waitUntilExit()
            XCTAssertEqual(nm.terminationStatus, 0, "nm failed on \(object)")
            // A weak definition (" W ") that is a generic specialization (`_Tg5`) or a
            // merged function (`Tm`) over a host or strategy type: `Host`'s methods, but
            // also e.g. the microtask `Deque` specialized for `Microtask<S>`.
            for line in listing.split(separator: "\n") where line.contains(" W ") {
                let symbol = line.split(separator: " ").last.map(String.init) ?? ""
                let overHostTypes = symbol.contains("11HostRuntime") || symbol.contains("17ContextStrategies")
                if overHostTypes && (symbol.contains("_Tg5") || symbol.hasSuffix("Tm")) { copies.append("\(object): \(symbol)") }
            }
        }
        XCTAssertEqual(copies.count, 0, "bench specialized the host itself: " + copies.prefix(5).joined(separator: "; "))
    }
}
