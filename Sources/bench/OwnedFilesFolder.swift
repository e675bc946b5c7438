import ArgumentParser
import Foundation
import Reporting

/// A folder one command owns whole and fills with a fixed set of files
/// (`compare-runs --out`: two CSVs; `floor --out`: two CSVs and run.json).
/// The files are staged and swapped in together, so an interrupted write
/// leaves the earlier output intact; a folder holding anything else is
/// refused, so a user's folder is never replaced.
struct OwnedFilesFolder {
    let files: [String]
    /// Subfolders the command also writes (name → the extensions of the files in it), e.g. charts.
    var folders: [String: Set<String>] = [:]

    static let comparison = OwnedFilesFolder(files: ["cells.csv", "distribution.csv"])

    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    /// - Throws: ``Refusal`` when `folder` is a file or holds anything but these files.
    /// - Complexity: O(entries of the folder).
    func check(_ folder: String, option: String = "--out") throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw Refusal(description: "\(option) \(folder) is a file, not a folder") }
        let fm = FileManager.default
        let foreign = try fm.contentsOfDirectory(atPath: folder).flatMap { name -> [String] in
            if files.contains(name) { return [] }
            guard let extensions = folders[name] else { return [name] }
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder), isFolder.boolValue,
                  let inside = try? fm.contentsOfDirectory(atPath: folder + "/" + name) else { return [name] }
            return inside.filter { !extensions.contains(($0 as NSString).pathExtension) }.map { name + "/" + $0 }
        }.sorted()
        guard foreign.isEmpty else {
            throw Refusal(description: "\(option) \(folder) holds other files (\(foreign.prefix(3).joined(separator: ", "))); name a new folder or one holding only \((files + folders.keys.sorted().map { $0 + "/" }).joined(separator: ", "))")
        }
    }

    /// Writes exactly `contents` (name → text; every name one of `files`) and replaces the folder.
    func write(_ contents: [String: String], to folder: String) throws {
        precondition(Set(contents.keys) == Set(files), "OwnedFilesFolder.write: \(contents.keys.sorted()) are not \(files)")
        try check(folder)
        let staging = try AtomicDirectory.makeStaging(for: folder)
        do {
            for name in files { try AtomicFile.write(contents[name]!, to: staging + "/" + name) }
            try AtomicDirectory.replace(folder, with: staging)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    /// A command's `--out`: writes `contents` into `out` (relative to the project root), says so on
    /// stdout, and turns a refusal into exit 64 and any other failure into a message naming the folder.
    func write(_ contents: [String: String], out: String, command: String) throws {
        let folder = ProjectRoot.resolve(out)
        do {
            try write(contents, to: folder)
        } catch let refusal as Refusal {
            printError("bench \(command): \(refusal); nothing written")
            throw ExitCode(64)
        } catch {
            throw BenchError.message("bench \(command): cannot write \(folder): \(error)")
        }
        print("bench \(command): wrote \(files.map { folder + "/" + $0 }.joined(separator: ", "))")
    }
}
