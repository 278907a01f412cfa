import AtriumModel
import Foundation
import Harvest

/// Seed inputs for each target from real repositories (the samples, ../shared/corpus, the
/// hostile corpus): each documentation file that target reads, read as the catalogue reads it,
/// with the selector byte that makes the target read it as its kind.
public enum SeedCorpus {
    /// Seeds longer than this are cut: libFuzzer's inputs stay small.
    public static let maxSeedBytes = 64 << 10

    /// Writes the seeds of `target` from every repository folder directly inside `roots`
    /// into `folder`, each named by its content's hash; returns how many.
    @discardableResult
    public static func write(_ target: FuzzTarget, repositoriesIn roots: [String], to folder: String) throws -> Int {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var count = 0
        for root in roots {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
            for name in names where !name.hasPrefix(".") {
                let path = root + "/" + name
                let result = FolderHarvester(maxFileBytes: 1 << 20)
                    .harvest(RepositorySource(name: name, location: .folder(path)), folder: path)
                guard let snapshot = result.snapshot else { continue }
                for seed in seeds(target, snapshot) {
                    let bytes = Array(seed.prefix(maxSeedBytes))
                    let file = folder + "/" + hash(bytes)
                    if !FileManager.default.fileExists(atPath: file) {
                        try Data(bytes).write(to: URL(fileURLWithPath: file))
                        count += 1
                    }
                }
            }
        }
        return count
    }

    static func seeds(_ target: FuzzTarget, _ snapshot: RepositorySnapshot) -> [[UInt8]] {
        func text(_ file: RepositoryFile) -> [UInt8] {
            (target.selector(for: file.path).map { [$0] } ?? []) + Array(file.text.utf8)
        }
        let files = snapshot.files
        switch target {
        case .markdown: return files.filter(\.isMarkdown).map(text)
        case .codeowners: return files.filter { $0.kind == .codeowners }.map(text)
        case .owners:
            let aliases: [UInt8] = snapshot.file(.ownersAliases).map { [0] + Array($0.text.utf8) } ?? []
            return files.filter { $0.kind == .owners && !$0.isMarkdown }.map { Array($0.text.utf8) + aliases }
        case .maintainers: return files.filter { $0.kind == .maintainers || ($0.kind == .owners && $0.isMarkdown) }.map(text)
        case .innersourceJSON: return files.filter { $0.kind == .innersourceMetadata }.map(text)
        case .jsonMembers: return files.filter { $0.kind == .innersourceMetadata }.map { Array($0.text.utf8) }
        case .metadataYAML:
            return files.filter { [.backstageCatalog, .publiccode].contains($0.kind) || ($0.kind == .readme && $0.text.hasPrefix("---")) }
                .map(text)
        case .siteConfiguration: return []
        case .restructuredText: return files.filter { $0.path.hasSuffix(".rst") }.map(text)
        case .asciidoc: return files.filter { $0.path.hasSuffix(".adoc") }.map(text)
        case .tokenizer: return files.filter { $0.kind == .readme }.map { Array($0.text.utf8.prefix(4096)) }
        case .extract:
            guard let readme = snapshot.file(.readme) else { return [] }
            let guide: [UInt8] = snapshot.file(.contributing).map { [0] + Array($0.text.utf8) } ?? []
            return [Array(readme.text.utf8) + guide]
        }
    }

    /// FNV-1a, 64 bits, in hex: a stable name for a seed.
    static func hash(_ bytes: [UInt8]) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
