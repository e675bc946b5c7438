import Foundation
import XCTest

/// Re-runs every scenario script with the `node` on PATH and checks it still
/// prints its `.expected` file (so the expectations stay node's, not ours).
final class NodeParityTests: XCTestCase {
    static func findNode() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for dir in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent("node")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    func testNodeStillPrintsExpectedOutput() throws {
        guard let node = Self.findNode() else {
            print("NodeParityTests: skipped, `node` is not on PATH")
            throw XCTSkip("node is not on PATH")
        }
        for name in try Scripts.names() {
            let process = Process()
            process.executableURL = node
            process.arguments = [Scripts.directory.appendingPathComponent(name + ".js").path]
            process.currentDirectoryURL = Scripts.directory
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "\(name): node exited with \(process.terminationStatus)")
            XCTAssertEqual(String(decoding: data, as: UTF8.self), try Scripts.expected(name), "\(name): node output changed")
        }
    }
}
