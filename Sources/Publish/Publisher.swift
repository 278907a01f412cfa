public import AtriumModel
public import Digest
import Foundation
import SafeFiles

/// Writes the catalogue's pages into a staging area from the theme's templates.
public struct Publisher: Sendable {
    public struct TemplateMissing: Error, CustomStringConvertible {
        public var name: String
        public var description: String { "the theme has no \(name).mustache template" }
    }

    let theme: Theme
    let staging: StagingArea
    let site: SiteConfiguration
    let pages: [LinkView]
    /// Of everything besides a page's own data that shapes it (theme, configuration, the
    /// site's pages): part of each list page's key.
    let fingerprint: ContentDigest

    public init(theme: Theme, staging: StagingArea, site: SiteConfiguration, contentPages: [ContentPage],
                fingerprint: ContentDigest) {
        self.theme = theme
        self.staging = staging
        self.site = site
        self.pages = contentPages.map { LinkView(title: $0.title, url: "pages/\($0.slug)/") }
        self.fingerprint = fingerprint
    }

    /// `projects/<slug>/index.html`.
    /// - Parameter source: the digest of everything the page is made from (its repository's
    ///   build key), so that the next build can keep it without making it.
    public func writeProjectPage(_ page: ProjectPage, madeFrom source: ContentDigest? = nil) throws {
        let project = page.project
        let root = "../../"
        let view = ProjectPageView(
            frame: frame(root: root, title: project.name.value, description: project.description?.value),
            slug: project.slug,
            similarQuery: (project.topics + [project.name.value]).joined(separator: " "),
            topicLinks: project.topics.map { LinkView(title: $0, url: root + SiteLayout.valueList(folder: "topics", value: $0)) },
            name: project.name.value,
            repository: project.repository,
            description: project.description?.value,
            topics: project.topics,
            facts: facts(of: project, links: page.links),
            owners: project.owners.map { person($0, links: page.links) },
            trustedCommitters: project.trustedCommitters.map { person($0, links: page.links) },
            accepts: project.accepts.map { contribution($0, links: page.links) },
            doesNotAccept: project.doesNotAccept.map { contribution($0, links: page.links) },
            onboarding: project.onboarding.enumerated().map { index, step in
                StepView(number: index + 1, text: step.text, command: step.command, source: step.source.description,
                         sourceURL: link(step.source, page.links))
            },
            reviewCommitment: project.reviewCommitment.map { review in
                FactLineView(text: review.text, detail: review.hours.map(Self.duration), url: nil,
                             source: review.source.description, sourceURL: link(review.source, page.links))
            },
            channels: project.channels.map { channel in
                FactLineView(text: channel.name ?? channel.url ?? channel.kind.rawValue,
                             detail: channel.kind.rawValue.replacingOccurrences(of: "-", with: " "),
                             url: channel.url.flatMap(WebAddress.http), source: channel.source.description,
                             sourceURL: link(channel.source, page.links))
            },
            notes: project.notes.map { note in
                FactLineView(text: note.value, detail: nil, url: nil, source: note.source?.description ?? "",
                             sourceURL: note.source.flatMap { link($0, page.links) })
            },
            readinessScore: project.readiness?.score,
            readinessLevel: project.readiness?.level.rawValue,
            checks: (project.readiness?.checks ?? []).map {
                CheckView(id: $0.id, passed: $0.passed, optional: $0.optional, message: $0.message)
            },
            activity: activityLine(project),
            review: reviewMeasurement(project),
            peopleActivity: peopleActivity(project),
            codeownersFixes: codeownersFixes(project, links: page.links),
            staleNotice: project.staleSince.map {
                "The repository could not be read this time: shown from the last good snapshot, of \(CalendarDay.string(from: $0))."
            },
            documents: page.documents.map { document(for: $0, links: page.links) },
            files: project.files.map { FileView(path: $0, url: page.links.page(for: $0)) })
        try write("project", view, to: SiteLayout.projectPage(slug: project.slug), madeFrom: source)
    }

    /// The home page shows at most this many project cards; the lists show them all.
    static let homeLimit = 50

    /// A facet on the home page shows this many values, the most common first, so that the
    /// page stays the same size however many teams and topics there are: the search data has
    /// every value for the script to show on request, and the lists have them without it.
    static let facetValuesShown = 8

    /// `index.html`: the search box, facets with counts, and the projects in the order given;
    /// and the lists that make every project reachable without JavaScript: all projects,
    /// by owner team, by topic. A page whose inputs are the last build's is kept, not made.
    public func writeHomeAndLists(_ projects: [ProjectSummary]) throws {
        let groupsByFacet = Facet.all.map { facet in (facet, groups(projects, facet.values)) }
        let facets = groupsByFacet.map { facet, groups in
            let common = groups.sorted { ($0.members.count, $1.value) > ($1.members.count, $0.value) }
            return FacetView(
                name: facet.name, title: facet.title, isVocabulary: facet.listFolder == nil, valueCount: groups.count,
                values: common.prefix(Self.facetValuesShown).map { group in
                    // Handles and topics keep their spelling; vocabulary words read as words.
                    FacetValueView(value: group.value,
                                   label: facet.listFolder == nil ? group.value.replacingOccurrences(of: "-", with: " ") : group.value,
                                   count: group.members.count)
                },
                more: groups.count > Self.facetValuesShown
                    ? facet.listFolder.map { LinkView(title: "All \(groups.count) \(facet.title.lowercased())s", url: "\($0)/") }
                    : nil)
        }.filter { !$0.values.isEmpty }
        let shown = projects.prefix(Self.homeLimit)
        var key = pageKey("index")
        key.combine(projects.count)
        for project in shown { key.combine(project) }
        for facet in facets {
            key.combine(facet.name)
            key.combine(facet.valueCount)
            for value in facet.values {
                key.combine(value.value)
                key.combine(value.count)
            }
        }
        try write("index", to: "index.html", key: key) {
            HomePageView(frame: frame(root: "", title: "Projects", description: site.description),
                         projectCount: projects.count, projects: shown.map { card($0, root: "") }, facets: facets,
                         moreProjects: projects.count > shown.count ? projects.count - shown.count : nil)
        }

        try writeList(title: "All projects", projects: projects, groups: [], to: SiteLayout.allProjects)
        for (facet, groups) in groupsByFacet {
            guard let folder = facet.listFolder else { continue }
            let links = groups.map { LinkView(title: "\($0.value) (\($0.members.count))", url: "\($0.slug)/") }
            try writeList(title: facet.title + "s", projects: [], groups: links, to: folder)
            for group in groups {
                let members = group.members.map { projects[$0] }
                try writeList(title: Self.listHeading(facet: facet.name, value: group.value), intro: Self.intro(of: members),
                              projects: members, groups: [], to: "\(folder)/\(group.slug)",
                              ownership: facet.name == "owner" ? { Self.ownership(of: $0, by: group.value) } : nil)
            }
        }
    }

    /// How many of a list's projects are at each readiness level, best first.
    static func intro(of projects: [ProjectSummary]) -> String {
        let counted = Readiness.Level.allCases.reversed().compactMap { level -> String? in
            let count = projects.count { $0.level == level }
            return count == 0 ? nil : "\(count) \(level.rawValue)"
        }
        let total = "\(projects.count) project\(projects.count == 1 ? "" : "s")"
        return counted.isEmpty ? total : total + ": " + counted.joined(separator: ", ")
    }

    /// Where a project's files name `owner`: the file's word and place, for the owner's page.
    static func ownership(of project: ProjectSummary, by owner: String) -> String? {
        let places = project.owners.indices.filter { Slug.make(from: project.owners[$0]) == Slug.make(from: owner) }
            .compactMap { index -> String? in
                guard index < project.ownerSources.count, index < project.ownerRoles.count else { return nil }
                return "\(project.ownerRoles[index]) in \(project.ownerSources[index])"
            }
        return places.isEmpty ? nil : "Named as " + places.joined(separator: "; ")
    }

    /// The heading of the list of one facet value's projects.
    static func listHeading(facet: String, value: String) -> String {
        facet == "owner" ? "Owned by \(value)" : "Topic: \(value)"
    }

    /// Projects a list page shows; longer lists continue on `<folder>/2/`, `<folder>/3/`…
    static let listPageSize = 200

    private func writeList(title: String, intro: String? = nil, projects: [ProjectSummary], groups: [LinkView], to folder: String,
                           ownership: ((ProjectSummary) -> String?)? = nil) throws {
        let pageCount = max(1, (projects.count + Self.listPageSize - 1) / Self.listPageSize)
        for page in 1...pageCount {
            let path = page == 1 ? folder : "\(folder)/\(page)"
            let root = String(repeating: "../", count: path.split(separator: "/").count)
            let back = page == 1 ? "" : "../"  // from <folder>/<n>/ to <folder>/
            func link(_ target: Int) -> String { back + (target == 1 ? "" : "\(target)/") }
            let slice = projects[min((page - 1) * Self.listPageSize, projects.count)..<min(page * Self.listPageSize, projects.count)]
            let pageTitle = pageCount > 1 ? "\(title) (page \(page) of \(pageCount))" : title
            let pageGroups = page == 1 ? groups : []
            var key = pageKey("list")
            key.combine(path)
            key.combine(pageTitle)
            key.combine(intro ?? "")
            key.combine(page)
            key.combine(pageCount)
            for group in pageGroups {
                key.combine(group.title)
                key.combine(group.url)
            }
            key.combine(slice.count)
            for project in slice { key.combine(project) }
            try write("list", to: "\(path)/index.html", key: key) {
                ListPageView(
                    frame: frame(root: root, title: pageTitle, description: nil), title: pageTitle, intro: intro,
                    projects: slice.map { card($0, root: root, ownership: ownership?($0)) }, groups: pageGroups,
                    previous: page > 1 ? link(page - 1) : nil, next: page < pageCount ? link(page + 1) : nil)
            }
        }
    }

    /// Values of a facet with the projects (by position) that have them, sorted by value.
    private func groups(_ projects: [ProjectSummary], _ values: (ProjectSummary) -> [String])
        -> [(value: String, slug: String, members: [Int])] {
        // Keyed by the value's slug, so that any page can link to a list without knowing the
        // whole catalogue; values that read the same ("Go", "go") share one list.
        var members: [String: (value: String, members: [Int])] = [:]
        for (index, project) in projects.enumerated() {
            for value in Set(values(project)).sorted() where !value.isEmpty {
                let slug = Slug.make(from: value)
                if members[slug] == nil { members[slug] = (value, []) }
                if members[slug]!.members.last != index { members[slug]!.members.append(index) }
            }
        }
        return members.sorted { ($0.value.value, $0.key) < ($1.value.value, $1.key) }.map { ($0.value.value, $0.key, $0.value.members) }
    }

    private func card(_ project: ProjectSummary, root: String, ownership: String? = nil) -> ProjectCardView {
        ProjectCardView(name: project.name, url: root + SiteLayout.projectURL(slug: project.slug),
                        description: project.description,
                        topics: project.topics.map { LinkView(title: $0, url: root + SiteLayout.valueList(folder: "topics", value: $0)) },
                        owners: project.owners.prefix(3).map { LinkView(title: $0, url: root + SiteLayout.valueList(folder: "owners", value: $0)) },
                        accepts: project.accepts, readinessLevel: project.level?.rawValue, readinessScore: project.score,
                        ownership: ownership)
    }

    /// A page's key so far: the site's fingerprint and the template it is made with.
    private func pageKey(_ template: String) -> ContentHasher {
        var key = ContentHasher()
        key.combine(fingerprint)
        key.combine(template)
        return key
    }

    /// `pages/<slug>/index.html`.
    public func writeContentPage(_ page: ContentPage) throws {
        let view = ContentPageView(
            frame: frame(root: "../../", title: page.title, description: nil), title: page.title,
            document: DocumentView(id: "page", title: page.title, path: page.document.path, sourceURL: nil,
                                   html: page.document.html, headings: headings(page.document)))
        try write("page", view, to: "pages/\(page.slug)/index.html")
    }

    /// `404.html`, with links from the site root (a server shows it at any depth).
    public func writeNotFoundPage() throws {
        let view = NotFoundPageView(frame: frame(root: "/", title: "Page not found", description: nil))
        try write("404", view, to: "404.html")
    }

    /// Copies the theme's assets to `assets/`.
    public func copyAssets() throws {
        for (path, source) in theme.assets.sorted(by: { $0.key < $1.key }) {
            let bytes = try RegularFile.read(source, limit: RegularFile.siteFileLimit, followingLinks: true)
                .mapError { Theme.LoadError(description: "\(source): \($0)") }.get()
            try staging.write(Data(bytes), to: "assets/" + path)
        }
    }

    // MARK: - Views

    private func frame(root: String, title: String, description: String?) -> PageFrame {
        PageFrame(site: SiteView(title: site.title, description: site.description, pages: pages),
                  root: root, pageTitle: title, description: description)
    }

    private func facts(of project: Project, links: WebLinks) -> [FactView] {
        var facts: [FactView] = []
        func add(_ label: String, _ value: String, _ source: SourceLocation?) {
            facts.append(FactView(label: label, value: value, source: source?.description,
                                  sourceURL: source.flatMap { links.page(for: $0.file, line: $0.line) }))
        }
        add("Name", project.name.value, project.name.source)
        if let description = project.description { add("Description", description.value, description.source) }
        return facts
    }

    // MARK: - History

    /// "Last human commit 2026-11-02 · 14 commits by 5 authors in the 90 days before the
    /// harvest"; the date alone for a checkout (no 90-day figures); a plain folder has none.
    private func activityLine(_ project: Project) -> String? {
        if let activity = project.activity {
            let more = activity.isCapped ? "+" : ""
            return "Last human commit \(CalendarDay.string(from: activity.lastCommit)) · \(activity.recentCommits)\(more) commits by "
                + "\(activity.recentAuthors)\(more) authors in the 90 days before the harvest"
        }
        guard let history = project.history else { return nil }
        return history.lastHumanCommit.map { "Last human commit \(CalendarDay.string(from: $0))" }
            ?? "No human commit in the last \(history.windowDays) days (only bots)"
    }

    /// "3 of 4 Trusted Committers active in the last 180 days", or of the owners who are
    /// persons when no Trusted Committer is; counts, so that the page ranks nobody.
    private func peopleActivity(_ project: Project) -> String? {
        let accountable = project.accountable
        guard project.history != nil, !accountable.people.isEmpty else { return nil }
        return accountable.summary(activeDays: project.activeDays)
    }

    private func reviewMeasurement(_ project: Project) -> ReviewMeasurementView? {
        let measurement = ReviewMeasurement(project)
        return measurement.line.map { ReviewMeasurementView(line: $0, isBroken: measurement.isBroken, unmeasured: measurement.unmeasured) }
    }

    private func codeownersFixes(_ project: Project, links: WebLinks) -> [FactLineView] {
        guard let hygiene = project.history?.codeowners else { return [] }
        func line(_ rule: RepositoryHistory.CodeOwnersHygiene.Rule, _ problem: String) -> FactLineView {
            FactLineView(text: rule.pattern, detail: problem, url: nil, source: rule.source,
                         sourceURL: link(SourceLocation(parsing: rule.source), links))
        }
        return hygiene.unmatched.map { line($0, "matches no file: fix the pattern or remove the rule") }
            + hygiene.shadowed.map { line($0, "has no effect: a later rule matches every file it matches") }
    }

    private func person(_ person: Person, links: WebLinks) -> FactLineView {
        let who = person.handle ?? person.name ?? ""
        let name = person.handle != nil ? person.name : nil
        let detail = [name, person.role, person.kind == .team ? "team" : nil].compactMap { $0 }.joined(separator: " · ")
        return FactLineView(text: who, detail: detail, url: nil, source: person.source.description,
                            sourceURL: link(person.source, links))
    }

    private func contribution(_ contribution: Contribution, links: WebLinks) -> FactLineView {
        FactLineView(text: contribution.type.rawValue.replacingOccurrences(of: "-", with: " "), detail: contribution.text,
                     url: nil, source: contribution.source.description, sourceURL: link(contribution.source, links))
    }

    private func link(_ source: SourceLocation, _ links: WebLinks) -> String? {
        links.page(for: source.file, line: source.line)
    }

    /// 48 → "2 days", 168 → "1 week", 4 → "4 hours".
    static func duration(_ hours: Int) -> String {
        if hours % 168 == 0 { return hours == 168 ? "1 week" : "\(hours / 168) weeks" }
        if hours % 24 == 0 { return hours == 24 ? "1 day" : "\(hours / 24) days" }
        return hours == 1 ? "1 hour" : "\(hours) hours"
    }

    private func document(for rendered: RenderedDocument, links: WebLinks) -> DocumentView {
        let name = (rendered.path as NSString).lastPathComponent
        let stem = name.split(separator: ".").first.map { String($0).lowercased() } ?? "document"
        return DocumentView(id: stem, title: name, path: rendered.path,
                            sourceURL: links.page(for: rendered.path), html: rendered.html,
                            headings: headings(rendered))
    }

    private func headings(_ rendered: RenderedDocument) -> [HeadingView] {
        rendered.headings.filter { $0.level <= 3 }.map {
            HeadingView(text: $0.text, anchor: $0.anchor, level: $0.level)
        }
    }

    private func write(_ template: String, _ view: Any, to path: String, madeFrom source: ContentDigest? = nil) throws {
        guard let html = theme.render(template, view) else { throw TemplateMissing(name: template) }
        try staging.write(html, to: path, madeFrom: source)
    }

    /// Keeps the published page when it was made from the same `key`, else makes the view and
    /// writes the page.
    private func write(_ template: String, to path: String, key: consuming ContentHasher, view: () -> Any) throws {
        let source = key.finalize()
        if staging.reuse(path, madeFrom: source) { return }
        try write(template, view(), to: path, madeFrom: source)
    }
}
