import AtriumTestSupport
import Foundation
import Testing

/// Runs the built `atrium` executable as a user would.
enum AtriumCommand {
    /// Runs it to the end, or for `timeout` at most (then it is killed and the test fails).
    static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil,
                    timeout: Duration = .seconds(180)) throws -> ProgramOutput {
        let binary = Checkout.binary
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            Issue.record("\(binary) is missing: run `swift build --product atrium` first (scripts/test does)")
            return ProgramOutput(status: -1, output: "", errors: "")
        }
        return try runProgram(binary, arguments, in: directory, environment: environment, timeout: timeout)
    }
}

/// Every file under a folder with its bytes: two equal trees are byte-identical sites.
func tree(_ root: String) -> [String: Data] {
    var files: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(atPath: root) else { return files }
    for case let path as String in walker {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
            files[path] = FileManager.default.contents(atPath: root + "/" + path)
        }
    }
    return files
}

func read(_ path: String) -> String {
    (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
}
