public import AtriumModel

/// How a commit says a hosting platform merged a change.
public enum PlatformMerge: String, Sendable, Hashable {
    case github, gitlab, bitbucket, azure

    /// The platform whose merge-commit message this is, for a commit with two or more parents:
    /// - GitHub `Merge pull request #N from …`
    /// - GitLab `Merge branch '…' into '…'` with `See merge request …!N` in the body
    /// - Bitbucket `Merged in … (pull request #N)`
    /// - Azure DevOps `Merged PR N: …`
    public static func mergeCommit(subject: String, body: String) -> PlatformMerge? {
        if let rest = subject.dropPrefix("Merge pull request #"), let number = rest.leadingDigits, rest.dropFirst(number.count).hasPrefix(" from ") {
            return .github
        }
        if subject.hasPrefix("Merge branch '"), subject.contains("' into '"), mergeRequestReference(in: body) {
            return .gitlab
        }
        if subject.hasPrefix("Merged in "), pullRequestNumber(in: subject) {
            return .bitbucket
        }
        if let rest = subject.dropPrefix("Merged PR "), let number = rest.leadingDigits, rest.dropFirst(number.count).hasPrefix(":") {
            return .azure
        }
        return nil
    }

    /// The platform that squashed or rebased a change into this one-parent commit: a merge
    /// message as above; GitHub's squash subject `… (#N)`; GitLab's `!N` reference
    /// (`See merge request …!N` in the message, or a subject ending `(!N)`).
    public static func squashCommit(subject: String, body: String) -> PlatformMerge? {
        if let merge = mergeCommit(subject: subject, body: body) { return merge }
        if subject.hasPrefix("Merge pull request #") { return .github }
        if subject.hasPrefix("Merge branch '"), mergeRequestReference(in: body) { return .gitlab }
        if subject.hasSuffix(")"), let open = subject.lastIndex(of: "(") {
            let inside = subject[subject.index(after: open)..<subject.index(before: subject.endIndex)]
            if inside.hasPrefix("#"), inside.count > 1, inside.dropFirst().allSatisfy(\.isASCIIDigit) { return .github }
            if inside.hasPrefix("!"), inside.count > 1, inside.dropFirst().allSatisfy(\.isASCIIDigit) { return .gitlab }
        }
        if mergeRequestReference(in: body) { return .gitlab }
        return nil
    }

    /// `See merge request group/project!12` on a line of its own.
    static func mergeRequestReference(in body: String) -> Bool {
        body.split(separator: "\n").contains { line in
            let line = line.trimming(" \t\r")
            guard let reference = line.dropPrefix("See merge request "), let bang = reference.lastIndex(of: "!") else { return false }
            let number = reference[reference.index(after: bang)...]
            return !number.isEmpty && number.allSatisfy(\.isASCIIDigit)
        }
    }

    /// `(pull request #N)`.
    static func pullRequestNumber(in subject: String) -> Bool {
        guard let range = subject.range(of: "(pull request #") else { return false }
        let rest = subject[range.upperBound...]
        guard let digits = rest.leadingDigits else { return false }
        return rest.dropFirst(digits.count).hasPrefix(")")
    }
}

/// Review latency, "first commit to merge".
public enum ReviewLatencyMeasure {
    /// Commits brought in by one merge are walked at most this far.
    public static let walkLimit = 5000

    /// For each platform merge commit among `commits` (parents beyond the fetched history are
    /// absent): hours from the earliest author time of the commits it brought in (reachable
    /// from its second and later parents, not from its first) to its committer time, never
    /// below zero. One-parent platform merges (squash, rebase) and merges that brought in no
    /// fetched commit are `unmeasuredMerges`.
    /// Only merges committed at or after `since` count.
    public static func measure(_ commits: [HistoryCommit], since: Int = Int.min) -> RepositoryHistory.ReviewLatency {
        let byID = Dictionary(commits.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let generation = generations(byID)
        var hours: [Double] = []
        var unmeasured = 0
        for commit in commits.sorted(by: { $0.id < $1.id }) where commit.committerTime >= since {
            if commit.parents.count >= 2 {
                guard PlatformMerge.mergeCommit(subject: commit.subject, body: commit.body) != nil else { continue }
                let brought = broughtIn(commit, byID, generation)
                guard let earliest = brought.compactMap({ byID[$0]?.authorTime }).min() else {
                    unmeasured += 1
                    continue
                }
                hours.append(Double(max(0, commit.committerTime - earliest)) / 3600)
            } else if PlatformMerge.squashCommit(subject: commit.subject, body: commit.body) != nil {
                unmeasured += 1
            }
        }
        return RepositoryHistory.ReviewLatency(medianHours: median(hours).map(rounded), p90Hours: p90(hours).map(rounded),
                                               merges: hours.count, unmeasuredMerges: unmeasured)
    }

    /// The median: the middle value, or the mean of the two middle values of an even count.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The 90th percentile by nearest rank: the value at 1-based rank ⌈0.9 × n⌉ of the sorted values.
    public static func p90(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = (9 * sorted.count + 9) / 10  // ⌈0.9 n⌉ in integers
        return sorted[max(rank, 1) - 1]
    }

    static func rounded(_ hours: Double) -> Double {
        (hours * 10).rounded() / 10
    }

    /// Topological levels of the fetched commits: above all of its fetched parents' levels,
    /// so that a walk in descending level sees every commit after all its descendants.
    static func generations(_ byID: [String: HistoryCommit]) -> [String: Int] {
        var level: [String: Int] = [:]
        for start in byID.keys.sorted() where level[start] == nil {
            var stack: [(String, Bool)] = [(start, false)]
            while let (id, expanded) = stack.popLast() {
                if level[id] != nil { continue }
                guard let commit = byID[id] else { continue }
                if expanded {
                    level[id] = 1 + (commit.parents.compactMap { level[$0] }.max() ?? 0)
                } else {
                    stack.append((id, true))
                    for parent in commit.parents where byID[parent] != nil && level[parent] == nil { stack.append((parent, false)) }
                }
            }
        }
        return level
    }

    /// Commits reachable from the merge's other parents and not from its first (as git's
    /// merge-base walk: paint both sides, highest level first, until only the first side's
    /// commits are left to visit).
    static func broughtIn(_ merge: HistoryCommit, _ byID: [String: HistoryCommit], _ level: [String: Int]) -> [String] {
        let firstSide: UInt8 = 1, otherSide: UInt8 = 2
        var paint: [String: UInt8] = [:]
        var queue = Heap()
        func push(_ id: String, _ colour: UInt8) {
            guard let generation = level[id] else { return }
            let before = paint[id] ?? 0
            if before | colour == before { return }
            paint[id] = before | colour
            if before == 0 { queue.push(generation, id) }
        }
        push(merge.parents[0], firstSide)
        for parent in merge.parents.dropFirst() { push(parent, otherSide) }
        var result: [String] = []
        var steps = 0
        while let id = queue.pop(), steps < walkLimit {
            steps += 1
            let colour = paint[id] ?? 0
            if colour == otherSide { result.append(id) }
            for parent in byID[id]?.parents ?? [] { push(parent, colour) }
            if !queue.containsOtherSide(paint, otherSide) { break }
        }
        return result.sorted()
    }
}

/// A max-heap of (level, id), ties broken by id, for the painting walk.
struct Heap {
    private var items: [(Int, String)] = []
    mutating func push(_ level: Int, _ id: String) {
        items.append((level, id))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.above(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> String? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var best = parent
            if left < items.count && Self.above(items[left], items[best]) { best = left }
            if right < items.count && Self.above(items[right], items[best]) { best = right }
            if best == parent { break }
            items.swapAt(parent, best)
            parent = best
        }
        return top.1
    }

    /// Whether a commit still to visit is painted by the other side only: only those can
    /// bring more commits in, so the walk stops when none is.
    func containsOtherSide(_ paint: [String: UInt8], _ otherSide: UInt8) -> Bool {
        items.contains { paint[$0.1] == otherSide }
    }

    private static func above(_ a: (Int, String), _ b: (Int, String)) -> Bool {
        a.0 != b.0 ? a.0 > b.0 : a.1 > b.1
    }
}

extension StringProtocol {
    func dropPrefix(_ prefix: String) -> SubSequence? {
        hasPrefix(prefix) ? dropFirst(prefix.count) : nil
    }

    var leadingDigits: SubSequence? {
        let digits = prefix(while: \.isASCIIDigit)
        return digits.isEmpty ? nil : digits
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
