import Foundation

/// A folder under the system's temporary folder, removed when the value is released.
public final class TemporaryFolder: @unchecked Sendable {
    public let path: String

    public init(_ label: String = "atrium-test") throws {
        let base = FileManager.default.temporaryDirectory.path
        path = "\(base)/\(label)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `text` (UTF-8) at `relativePath`, creating folders.
    @discardableResult
    public func write(_ text: String, to relativePath: String) throws -> String {
        try write(Array(text.utf8), to: relativePath)
    }

    @discardableResult
    public func write(_ bytes: [UInt8], to relativePath: String) throws -> String {
        let target = path + "/" + relativePath
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// A symbolic link at `relativePath` that points to `destination`, as written.
    public func link(_ relativePath: String, to destination: String) throws {
        let target = path + "/" + relativePath
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: destination)
    }
}

/// Places in the checkout the tests read from.
public enum Checkout {
    /// The package's root folder.
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.path
            }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `../shared/` beside the checkout: the GFM spec and the real-world corpus. A person who
    /// clones only the project has none; `ATRIUM_SHARED` points elsewhere (an empty folder
    /// hides it, which is how CI proves the suite runs without it).
    public static let shared = ProcessInfo.processInfo.environment["ATRIUM_SHARED"]
        ?? (root as NSString).deletingLastPathComponent + "/shared"
    public static let realCorpus = shared + "/corpus/real"
    public static let samples = root + "/content/samples"

    /// The built `atrium` executable (`ATRIUM_BINARY`, else the debug build).
    public static var binary: String {
        ProcessInfo.processInfo.environment["ATRIUM_BINARY"] ?? root + "/.build/debug/atrium"
    }
}

/// Golden files: compares `value` with the file `folder/name`. When the file is missing, or
/// `RECORD_SNAPSHOTS` is set, writes it and reports that it was recorded (a failure, so a
/// recording never passes unnoticed). Regenerate all with `RECORD_SNAPSHOTS=1 swift test`.
/// - Returns: nil when the value matches, else the message to report.
public func snapshotMismatch(_ value: String, named name: String, in folder: String) -> String? {
    let path = folder + "/" + name
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
    if !record, let existing = try? String(contentsOfFile: path, encoding: .utf8) {
        return existing == value ? nil : "\(name) differs from its golden file \(path); if the change is intended, run RECORD_SNAPSHOTS=1 swift test"
    }
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try? value.write(toFile: path, atomically: true, encoding: .utf8)
    return "recorded \(path)"
}

/// What a finished program said.
public struct ProgramOutput: Sendable {
    public var status: Int32
    public var output: String
    public var errors: String

    public init(status: Int32, output: String, errors: String) {
        self.status = status
        self.output = output
        self.errors = errors
    }

    public var errorLines: [String] { errors.split(separator: "\n").map(String.init) }
}

/// Runs a program to the end and collects what it printed. Standard error goes to a file, so
/// that neither stream can fill up and stall the program while the other is read.
public func runProgram(_ executable: String, _ arguments: [String], in directory: String? = nil,
                       environment: [String: String]? = nil) throws -> ProgramOutput {
    let scratch = try TemporaryFolder("program-output")
    let errorPath = scratch.path + "/stderr"
    FileManager.default.createFile(atPath: errorPath, contents: nil)
    let errorFile = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    if let environment { process.environment = environment }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = errorFile
    try process.run()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try errorFile.close()
    let errData = FileManager.default.contents(atPath: errorPath) ?? Data()
    return ProgramOutput(status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
                         errors: String(decoding: errData, as: UTF8.self))
}
