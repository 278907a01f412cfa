import AtriumModel
import Digest
import Export
import Harvest
import Index
import Publish
import Render

/// The repositories step: for each repository, harvest → parse → extract → render → page,
/// or, when its key is the one the last published build recorded, its page kept as it is.
struct RepositoryStep: Sendable {
    /// One repository after the step.
    struct Outcome: Sendable {
        var source: RepositorySource
        var slug: String
        /// Nil when nothing could be harvested: no page.
        var key: ContentDigest?
        /// What lists, search and the site-wide exports say of it; nil when there is no page.
        var listing: ProjectListing?
        /// Made in this build (its terms went to `postings`), not kept from the last.
        var wasMade = false
        /// Harvest problems are found again by every build; the others come with the results.
        var harvestDiagnostics: [Diagnostic]
        var diagnostics: [Diagnostic]
        var harvest: GitHarvester.Outcome?

        var allDiagnostics: [Diagnostic] { harvestDiagnostics + diagnostics }
        var summary: ProjectSummary? { listing?.summary }
        var hasPage: Bool { key != nil }
    }

    let inputs: SiteInputs
    let harvesting: Harvesting
    let publisher: Publisher
    let staging: StagingArea
    /// The last published build's repositories, when there is a record of it.
    let previous: [String: BuildCache.Record.Repository]
    /// Where the terms of every repository made go, as soon as they are known.
    let postings: PostingsBuilder

    func run(jobs: Int, advance: @escaping @Sendable (Int, Int) -> Void) async throws -> [Outcome] {
        let sources = inputs.sources
        return try await Parallel.map(sources, jobs: Harvesting.concurrency(for: sources, jobs: jobs), advance: advance) {
            try await process($0)
        }
    }

    /// - Parameter reuse: false to make the page even when the last build's is still right
    ///   (when its search terms are needed).
    func process(_ source: RepositorySource, reuse: Bool = true) async throws -> Outcome {
        let slug = inputs.slugs[source.name]!
        let harvest = await harvesting.snapshot(of: source)
        var outcome = Outcome(source: source, slug: slug, harvestDiagnostics: harvest.diagnostics, diagnostics: [],
                              harvest: harvest.outcome)
        guard let snapshot = harvest.snapshot else { return outcome }
        let key = RepositoryKey.of(snapshot, slug: slug, fingerprint: inputs.fingerprint)
        outcome.key = key
        if reuse, let old = previous[source.name], old.key == key, old.slug == slug,
           SiteLayout.projectFiles(slug: slug).allSatisfy({ staging.reuse($0, madeFrom: key) }) {
            outcome.diagnostics = old.diagnostics
            outcome.listing = old.listing
            return outcome
        }
        let made = try make(snapshot, slug: slug, key: key)
        outcome.listing = made.listing
        outcome.wasMade = true
        outcome.diagnostics = made.diagnostics
        return outcome
    }

    /// Parse → extract → render → page (and the project's badge and explain JSON), for one
    /// harvested repository.
    private func make(_ snapshot: RepositorySnapshot, slug: String, key: ContentDigest) throws
        -> (listing: ProjectListing, diagnostics: [Diagnostic]) {
        let analysis = RepositoryAnalysis(snapshot: snapshot, slug: slug, harvestDiagnostics: [],
                                          activeDays: inputs.configuration.history.activeDays)
        // Search text comes from the parse as extraction read it, before rendering rewrites it.
        let text = analysis.documents.keys.sorted().map { analysis.documents[$0]!.root.plainText }.joined(separator: "\n")
        let links = WebLinks(snapshot: analysis.snapshot)
        let rawHTML: RenderOptions.RawHTML = inputs.configuration.sanitizesRawHTML ? .sanitize : .omit
        let shown = [analysis.snapshot.file(.readme), analysis.snapshot.file(.contributing)].compactMap { $0 }
        let rendered = shown.map { file in
            let anchorPrefix = file.kind == .readme ? "readme-" : "contributing-"
            guard let document = analysis.documents[file.path] else {
                return HTMLRenderer.renderPlainText(file.text, path: file.path)
            }
            return HTMLRenderer.render(document, path: file.path, options: RenderOptions(
                rawHTML: rawHTML, anchorPrefix: anchorPrefix, links: LinkContext(documentPath: file.path, web: links)))
        }
        let project = analysis.project
        try publisher.writeProjectPage(ProjectPage(project: project, documents: rendered, links: links), madeFrom: key)
        try staging.write(ProjectReport.compactJSON(project), to: SiteLayout.projectJSON(slug: slug), madeFrom: key)
        try staging.write(ReadinessBadge.svg(level: project.readiness?.level, score: project.readiness?.score),
                          to: SiteLayout.projectBadge(slug: slug), madeFrom: key)
        var updated = snapshot.activity?.lastCommit ?? snapshot.modifiedAt ?? inputs.dateLimit ?? 0
        if let limit = inputs.dateLimit { updated = min(updated, limit) }
        let listing = ProjectListing(project, links: links, source: snapshot.source, updated: updated)
        let search = SearchDocument(project: project, headings: rendered.flatMap { $0.headings.map(\.text) },
                                    text: text)
        try postings.add(slug: slug, terms: search.terms)
        return (listing, analysis.diagnostics)
    }
}

/// Work over many items with at most `jobs` at a time, results in the items' order.
enum Parallel {
    static func map<Item: Sendable, Value: Sendable>(
        _ items: [Item], jobs: Int, advance: (@Sendable (Int, Int) -> Void)? = nil,
        _ body: @escaping @Sendable (Item) async throws -> Value
    ) async throws -> [Value] {
        try await withThrowingTaskGroup(of: (Int, Value).self) { group in
            var results = [Value?](repeating: nil, count: items.count)
            var next = 0
            var done = 0
            func startNext() {
                guard next < items.count else { return }
                let index = next
                let item = items[index]
                group.addTask { (index, try await body(item)) }
                next += 1
            }
            for _ in 0..<min(max(1, jobs), items.count) { startNext() }
            while let (index, value) = try await group.next() {
                results[index] = value
                done += 1
                advance?(done, items.count)
                startNext()
            }
            return results.map { $0! }
        }
    }
}
