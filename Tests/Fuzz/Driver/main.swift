import Foundation
import FuzzTargets
#if FUZZING
import CFuzzDriver
#endif

// Built two ways. With `-sanitize=fuzzer -D FUZZING` (scripts/fuzz) it is libFuzzer, run on the
// target that ATRIUM_FUZZ_TARGET names, with libFuzzer's own options. Without, it replays saved
// inputs — `atrium-fuzz TARGET FILE...` — so that a crash can be reproduced in a debugger, and
// `atrium-fuzz tokenizer-fixture FILE...` writes the Swift tokens of each file as JSON, for the
// JavaScript tokenizer's tests to compare against.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

#if FUZZING
guard let target = FuzzTarget(rawValue: ProcessInfo.processInfo.environment["ATRIUM_FUZZ_TARGET"] ?? "") else {
    fail("set ATRIUM_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
}
nonisolated(unsafe) var fuzzedTarget = target

/// What libFuzzer calls with each input; its own `main` (which the linker may pick instead of
/// this file's) looks for it by this name.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let problem = fuzzedTarget.check(bytes) { fatalError(problem) }
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
#else
let arguments = Array(CommandLine.arguments.dropFirst())
let inputs = arguments.first == "seeds" ? [] : arguments.dropFirst().map { path -> (String, [UInt8]) in
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    return (path, Array(data))
}
if arguments.first == "seeds", arguments.count >= 4, let target = FuzzTarget(rawValue: arguments[1]) {
    // atrium-fuzz seeds TARGET OUTPUT-FOLDER REPOSITORIES-FOLDER...
    do {
        let count = try SeedCorpus.write(target, repositoriesIn: Array(arguments.dropFirst(3)), to: arguments[2])
        print("\(target.rawValue): \(count) seed(s) in \(arguments[2])")
        exit(0)
    } catch {
        fail("\(error)")
    }
}
if arguments.first == "tokenizer-fixture" {
    print(TokenizerFixture.json(inputs.map(\.1)))
    exit(0)
}
guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
    fail("usage: atrium-fuzz TARGET FILE... | tokenizer-fixture FILE... | seeds TARGET OUTPUT REPOSITORIES...\n"
        + "targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: " "))")
}
var failed = 0
for (path, bytes) in inputs {
    if let problem = target.check(bytes) {
        print("FAIL \(path): \(problem)")
        failed += 1
    } else {
        print("ok \(path)")
    }
}
exit(failed == 0 ? 0 : 1)
#endif
