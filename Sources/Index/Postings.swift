import Foundation
import SafeFiles

/// For every term, the projects it occurs in with its weight, all in memory: the postings of
/// a small index (`SearchIndex.files(for:)`). A build's postings go through `PostingsBuilder`
/// and files instead.
public struct Postings: Sendable, Equatable {
    /// Term → flat `id, weight, id, weight…`, ids ascending.
    let terms: [String: [Int32]]

    /// From every project's terms, in id order (an id is a position in `documents`).
    public init(terms documents: [[String: Int]]) {
        var terms: [String: [Int32]] = [:]
        for (id, document) in documents.enumerated() {
            for (term, weight) in document { terms[term, default: []].append(contentsOf: [Int32(id), Int32(weight)]) }
        }
        self.terms = terms
    }

    /// Every term's entry, in term order.
    public var entries: [PostingsEntry] {
        terms.map { PostingsEntry(term: Array($0.key.utf8), pairs: $0.value) }
            .sorted { $0.term.lexicographicallyPrecedes($1.term) }
    }
}

/// Collects projects' terms as they are made, in any order: the build keeps no project's
/// terms once it has them here. Past `budget` pairs the collected postings are written out
/// as a sorted run and memory starts again from nothing, so memory stays flat however many
/// projects there are; `runs` merges them back in term order.
public final class PostingsBuilder: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private let ids: [String: Int32]
    private let directory: String
    private let budget: Int
    private let lock = NSLock()
    private var collected: [String: [Int32]] = [:]
    private var collectedCount = 0
    private var runPaths: [String] = []

    /// - Parameters:
    ///   - slugs: every project that may be added, in id order.
    ///   - directory: where runs are written (made when the first is; `removeRuns` removes it).
    ///   - budget: numbers (two a pair) held in memory before they are written out as a run.
    public init(slugs: [String], directory: String, budget: Int = 1 << 20) {
        var ids: [String: Int32] = [:]
        for (id, slug) in slugs.enumerated() { ids[slug] = Int32(id) }
        self.ids = ids
        self.directory = directory
        self.budget = max(2, budget)
    }

    public func add(slug: String, terms: [String: Int]) throws(Failure) {
        guard let id = ids[slug] else { preconditionFailure("\(slug) is not one of the builder's projects") }
        lock.lock()
        defer { lock.unlock() }
        for (term, weight) in terms { collected[term, default: []].append(contentsOf: [id, Int32(weight)]) }
        collectedCount += terms.count * 2
        if collectedCount >= budget { try spill() }
    }

    /// Readers of everything added, ids translated to positions in `slugs` (in id order;
    /// every project added is in it): merge them with `PostingsMerge`. Each call reads the
    /// runs afresh.
    public func runs(inOrderOf slugs: [String]) throws(Failure) -> [PostingsReader] {
        var final: [Int32] = Array(repeating: -1, count: ids.count)
        for (id, slug) in slugs.enumerated() { if let old = ids[slug] { final[Int(old)] = Int32(id) } }
        lock.lock()
        defer { lock.unlock() }
        if !collected.isEmpty { try spill() }
        return try runPaths.map { path throws(Failure) in
            do {
                return PostingsReader(try FileReader(path, bufferSize: 1 << 16), idLimit: ids.count, mapping: final)
            } catch {
                throw Failure(description: "cannot read \(path): \(error)")
            }
        }
    }

    /// Removes the runs and their folder.
    public func removeRuns() {
        lock.lock()
        defer { lock.unlock() }
        for path in runPaths { unlink(path) }
        runPaths = []
        rmdir(directory)
    }

    /// Writes what is collected as the next run, terms in byte order, each term's pairs in
    /// id order. The caller holds the lock.
    private func spill() throws(Failure) {
        let path = directory + "/run-\(runPaths.count).bin"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot make \(directory): \(error.localizedDescription)")
        }
        let terms = collected.keys.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        do throws(NewFile.Failure) {
            let file = try NewFile.Stream(path, foldersBelow: directory)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(1 << 18)
            for term in terms {
                let key = String(decoding: term, as: UTF8.self)
                PostingsFile.append(PostingsEntry(term: term, pairs: PostingsMerge.sortedByID(collected.removeValue(forKey: key)!)),
                                    to: &bytes)
                if bytes.count >= 1 << 18 {
                    try file.append(contentsOf: bytes)
                    bytes.removeAll(keepingCapacity: true)
                }
            }
            try file.append(contentsOf: bytes)
            _ = try file.finish()
        } catch {
            unlink(path)
            throw Failure(description: "\(error)")
        }
        runPaths.append(path)
        collected = [:]
        collectedCount = 0
    }
}
