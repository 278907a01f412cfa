public import AtriumModel
import Digest
import Export
import Foundation
import Harvest
import Index
import Publish
import SafeFiles

/// What `atrium build` was asked to do.
public struct BuildRequest: Sendable {
    /// The site folder: `content/`, optional `Templates/`, default output `public/`.
    public var siteDirectory: String
    public var outputDirectory: String?
    /// Folders whose sub-folders are repositories; with a manifest, replaces `repositories.yml`.
    public var scanDirectories: [String]
    public var manifests: [String]
    /// Any repository diagnostic fails the build and leaves the output untouched.
    public var strict: Bool
    public var jobs: Int
    /// The default theme (templates and assets).
    public var themeDirectory: String
    /// Build from the harvest cache, without contacting git remotes.
    public var offline = false
    /// Snapshot bundles (`atrium harvest --bundle`) put into the harvest cache first.
    public var bundles: [String] = []
    /// No date in the output is later than this (seconds since 1970): the reproducible-builds
    /// `SOURCE_DATE_EPOCH`, read from the environment unless set.
    public var sourceDateEpoch: Int? = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Int.init)

    public init(siteDirectory: String, outputDirectory: String? = nil, scanDirectories: [String] = [],
                manifests: [String] = [], strict: Bool = false, jobs: Int, themeDirectory: String) {
        self.siteDirectory = siteDirectory
        self.outputDirectory = outputDirectory
        self.scanDirectories = scanDirectories
        self.manifests = manifests
        self.strict = strict
        self.jobs = max(1, jobs)
        self.themeDirectory = themeDirectory
    }
}

/// What a build did: `atrium build --format json` prints it.
public struct BuildReport: Sendable, Codable {
    public struct Cache: Sendable, Codable {
        /// Repositories whose page was kept from the last build, and those made again.
        public var reused = 0
        public var rebuilt = 0
        /// Cache files that could not be used (damaged, truncated, another version).
        public var problems: [String] = []
    }

    public struct Files: Sendable, Codable {
        /// Files of the published tree written by this build, and kept unchanged (same bytes,
        /// same modification time).
        public var written = 0
        public var kept = 0
    }

    public var outputDirectory: String
    public var projectCount: Int
    /// How each git remote was harvested: fetched, unchanged, stale, failed, cached.
    public var harvest: [String: Int] = [:]
    /// Sorted by repository, file and line.
    public var diagnostics: [Diagnostic]
    public var steps: [StepTiming] = []
    public var cache = Cache()
    public var files = Files()
}

/// `atrium build` as its list of steps: load the site, the repositories (harvest → parse →
/// extract → render → page, each kept when unchanged), the index, the site's own pages, and
/// the commit that swaps the new site in and saves the build cache.
public enum CatalogueBuild {
    public static func run(_ request: BuildRequest, progress: BuildProgress = .silent) async throws(BuildError) -> BuildReport {
        var runner = StepRunner(BuildStep.allCases, progress: progress)
        var report = BuildReport(outputDirectory: "", projectCount: 0, diagnostics: [])
        var bundleDiagnostics: [Diagnostic] = []
        var lock: FileLock?
        defer { lock?.release() }
        let (inputs, cache, record, staging) = try await runner.run(.loadSite) {
            let inputs = try SiteInputs.load(request)
            let lockProblem: String?
            (lock, lockProblem) = await SiteLock.acquire(site: inputs.site, progress: progress)
            if let lockProblem { report.cache.problems.append(lockProblem) }
            for bundle in request.bundles {
                let (_, unlisted) = try SnapshotBundle.load(bundle, into: Harvesting.cacheDirectory(site: inputs.site),
                                                            for: inputs.sources)
                bundleDiagnostics += unlisted.map {
                    .warning(file: bundle, "holds \($0), which this build does not list; ignored")
                }
            }
            let (cache, cacheProblem) = BuildCache.open(site: inputs.site)
            if let cacheProblem { report.cache.problems.append(cacheProblem.description) }
            cache.removeAbandonedRuns()
            let (record, problem) = cache.record()
            if let problem { report.cache.problems.append(problem.description) }
            let staging = try StagingArea(replacing: inputs.output, previous: record?.published)
            return (inputs, cache, record, staging)
        }
        defer { cache.removeTemporary() }
        report.outputDirectory = inputs.output
        do throws(BuildError) {
            let publisher = Publisher(theme: inputs.theme, staging: staging, site: inputs.configuration,
                                      contentPages: inputs.pages, fingerprint: inputs.fingerprint)
            let step = RepositoryStep(inputs: inputs,
                                      harvesting: Harvesting(site: inputs.site, configuration: inputs.configuration,
                                                             offline: request.offline),
                                      publisher: publisher, staging: staging, previous: record?.repositories ?? [:],
                                      postings: PostingsBuilder(slugs: inputs.slugs.values.sorted(),
                                                                directory: cache.spillDirectory))
            defer { step.postings.removeRuns() }
            let advance = runner.advance(.repositories)
            let outcomes = try await runner.run(.repositories) { try await step.run(jobs: request.jobs, advance: advance) }
            report.diagnostics = (inputs.diagnostics + bundleDiagnostics + outcomes.flatMap(\.allDiagnostics)).sorted()
            if request.strict, !report.diagnostics.isEmpty {
                throw BuildError(step: .repositories, StrictFailure(count: report.diagnostics.count),
                                 diagnostics: report.diagnostics)
            }
            var pages = outcomes.filter(\.hasPage).sorted { $0.slug < $1.slug }
            let siteKey = siteKey(of: pages, fingerprint: inputs.fingerprint)
            // The site-wide steps are skipped when their inputs are the last build's and every
            // file they wrote is still in place.
            func keptAll(_ include: (String) -> Bool) -> Bool {
                guard let record, record.site == siteKey else { return false }
                return record.siteFiles.filter(include).allSatisfy { staging.keep($0) }
            }
            let isSearchFile = { (path: String) in path.hasPrefix(SiteLayout.search + "/") }

            var newPostings: ContentDigest?
            try await runner.run(.index) {
                if keptAll(isSearchFile) { return }
                let (digest, vocabulary) = try await savePostings(for: &pages, record: record, cache: cache, step: step,
                                                                  jobs: request.jobs, problems: &report.cache.problems)
                newPostings = digest
                // The shards are planned from every term's size, then made from the postings
                // just written, read again in term order.
                var shards = TermShards(vocabulary: vocabulary)
                let postings = try cache.pendingPostings()
                while let entry = try postings.next() {
                    if let (path, data) = shards.add(entry) { try staging.write(data, to: SiteLayout.search + "/" + path) }
                }
                try SearchIndex.writeDocuments(summaries: pages.map { $0.summary! }, shards: shards.names) { path, data in
                    try staging.write(data, to: SiteLayout.search + "/" + path)
                }
            }
            try await runner.run(.sitePages) {
                if keptAll({ !isSearchFile($0) }) { return }
                let (summaries, made) = (pages.map { $0.summary! }, pages)
                // Home and the lists are made from the cards (summaries) alone, the feed and the
                // portal export from the listings (the cards and when each project changed): a
                // README edited below its summary leaves the first as they were.
                let exports = [SiteLayout.allProjectsJSON, SiteLayout.portalJSON, SiteLayout.feed]
                let (cardsKept, listingsKept) = unchanged(pages, record: record, fingerprint: inputs.fingerprint)
                let pagesKept = cardsKept
                    && record!.siteFiles.filter { !isSearchFile($0) && !exports.contains($0) }.allSatisfy { staging.keep($0) }
                let listingExportsKept = listingsKept
                    && [SiteLayout.portalJSON, SiteLayout.feed].filter(record!.siteFiles.contains).allSatisfy { staging.keep($0) }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    if !pagesKept {
                        group.addTask { try publisher.writeHomeAndLists(summaries) }
                        group.addTask {
                            for page in inputs.pages { try publisher.writeContentPage(page) }
                            try publisher.writeNotFoundPage()
                            try publisher.copyAssets()
                        }
                    }
                    if !listingExportsKept {
                        group.addTask { try writeListingExports(made, inputs: inputs, staging: staging) }
                    }
                    group.addTask { try writeAllProjects(made, staging: staging) }
                    try await group.waitForAll()
                }
            }
            try await runner.run(.commit) {
                let counts = staging.counts
                try staging.commit()
                let published = staging.published
                if let record, record.site == siteKey, newPostings == nil, counts.written == 0,
                   published == record.published {
                    return  // nothing changed: the record is still true
                }
                // The pages' slugs, not every path of theirs: a set of those is hundreds of
                // thousands of strings at 50,000 projects, made when memory is at its highest.
                let slugs = Set(pages.map(\.slug))
                let isProjectFile = { (path: String) in SiteLayout.slug(ofProjectFile: path).map(slugs.contains) ?? false }
                let byName = pages.indices.sorted { pages[$0].source.name < pages[$1].source.name }
                // The site is published by now: a cache that cannot be saved costs the next
                // build its speed, not this build its result.
                do {
                    if newPostings != nil { try cache.commitPostings() }
                    let postingsDigest = newPostings ?? record?.postings
                    try cache.save(BuildCache.Record(
                        fingerprint: inputs.fingerprint, site: siteKey, repositories: [:],
                        siteFiles: published.files.keys.filter { !isProjectFile($0) }.sorted(), published: published,
                        postings: postingsDigest),
                        repositories: (byName.count, { index in
                            let page = pages[byName[index]]
                            return (page.source.name, .init(slug: page.slug, key: page.key!, diagnostics: page.diagnostics,
                                                            listing: page.listing!))
                        }))
                } catch {
                    cache.forget()
                    report.cache.problems.append("\(error)")
                }
            }
            report.projectCount = pages.count
            for outcome in outcomes.compactMap(\.harvest) { report.harvest[outcome.rawValue, default: 0] += 1 }
            report.cache.rebuilt = pages.count { $0.wasMade }
            report.cache.reused = pages.count - report.cache.rebuilt
            (report.files.kept, report.files.written) = staging.counts
            report.steps = runner.timings
            return report
        } catch {
            staging.discard()
            cache.discardPendingPostings()
            throw error
        }
    }

    /// Whether the last build published the same projects under the same fingerprint
    /// (configuration, theme, version), each with the card (summary) it has now, and each with
    /// the whole listing it has now.
    static func unchanged(_ pages: [RepositoryStep.Outcome], record: BuildCache.Record?,
                          fingerprint: ContentDigest) -> (cards: Bool, listings: Bool) {
        guard let record, record.fingerprint == fingerprint, record.repositories.count == pages.count else { return (false, false) }
        var listings = true
        for page in pages {
            guard let old = record.repositories[page.source.name], old.slug == page.slug,
                  old.listing.summary == page.summary else { return (false, false) }
            listings = listings && old.listing == page.listing
        }
        return (true, listings)
    }

    /// Every project's explain JSON in one array, put together from the per-project files
    /// (kept or new).
    static func writeAllProjects(_ pages: [RepositoryStep.Outcome], staging: StagingArea) throws {
        try staging.write(to: SiteLayout.allProjectsJSON) { append in
            func put(_ text: String) throws {
                var text = text
                try text.withUTF8 { try append(UnsafeRawBufferPointer($0)) }
            }
            try put("[\n")
            for (index, page) in pages.enumerated() {
                let path = SiteLayout.projectJSON(slug: page.slug)
                guard let bytes = staging.contents(of: path) else {
                    throw BuildError(step: .sitePages, file: path, StagingArea.PublishError(description: "missing from the staged site"))
                }
                if index > 0 { try put(",\n") }
                let object = bytes.last == 10 ? bytes.dropLast() : bytes[...]  // one line each, no newline inside the array
                try object.withUnsafeBytes { try append($0) }
            }
            try put("\n]\n")
        }
    }

    /// The exports made from the listings: the InnerSource portal's `repos.json` and the feed.
    static func writeListingExports(_ pages: [RepositoryStep.Outcome], inputs: SiteInputs, staging: StagingArea) throws {
        let listings = pages.map { $0.listing! }
        try staging.write(to: SiteLayout.portalJSON) { append in
            try PortalExport.write(site: inputs.configuration, listings: listings, now: inputs.dateLimit, to: append)
        }
        try staging.write(AtomFeed.xml(site: inputs.configuration, listings: listings), to: SiteLayout.feed)
    }

    /// Of what the site-wide steps are made from: every page's slug and key, in order.
    static func siteKey(of outcomes: [RepositoryStep.Outcome], fingerprint: ContentDigest) -> ContentDigest {
        var hasher = ContentHasher()
        hasher.combine(fingerprint)
        hasher.combine(outcomes.count)
        for outcome in outcomes {
            hasher.combine(outcome.slug)
            hasher.combine(outcome.key!)
        }
        return hasher.finalize()
    }

    /// Saves the search postings of `pages` (`BuildCache.savePostings`): the last build's,
    /// updated with those of the pages made in this one; or, when they cannot be used, made
    /// from every page's terms (the pages that were kept are made again for theirs, and the
    /// problem reported).
    static func savePostings(for pages: inout [RepositoryStep.Outcome], record: BuildCache.Record?, cache: BuildCache,
                             step: RepositoryStep, jobs: Int,
                             problems: inout [String]) async throws -> (ContentDigest, [(term: String, pairCount: Int)]) {
        let slugs = pages.map(\.slug)
        if !pages.allSatisfy(\.wasMade) {
            // Pages were kept, so there is a record, and their terms are in its postings.
            do {
                let (oldSlugs, file) = try cache.postings(of: record!).get()
                let mapping = PostingsMerge.mapping(from: oldSlugs, to: slugs, replacing: Set(pages.filter(\.wasMade).map(\.slug)))
                let old = PostingsReader(file, idLimit: oldSlugs.count, mapping: mapping)
                return try cache.savePostings(slugs: slugs, from: [old] + step.postings.runs(inOrderOf: slugs))
            } catch let problem as BuildCache.Problem {
                problems.append(problem.description)
                pages = try await Parallel.map(pages, jobs: jobs) { page in
                    page.wasMade ? page : try await step.process(page.source, reuse: false)
                }
                guard pages.allSatisfy(\.wasMade), pages.map(\.slug) == slugs else {
                    throw BuildError(step: .index, BuildCache.Problem(path: problem.path, reason: "repositories changed while they were read again",
                                                                      consequence: "build again"))
                }
            }
        }
        return try cache.savePostings(slugs: slugs, from: step.postings.runs(inOrderOf: slugs))
    }
}
