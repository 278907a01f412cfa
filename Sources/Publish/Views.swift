public import AtriumModel

// Plain view models: the templates read only these, never the pipeline's types. Every string
// here is text; the templates escape it. The one exception is `DocumentView.html`, which is the
// renderer's output and is inserted as it is.

/// What every page shows: the site's name and its navigation.
struct SiteView {
    var title: String
    var description: String?
    var pages: [LinkView]
}

struct LinkView {
    var title: String
    var url: String
}

struct ProjectCardView {
    var name: String
    var url: String
    var description: String?
    var topics: [LinkView]
    var owners: [LinkView]
    var accepts: [String]
    var readinessLevel: String?
    var readinessScore: Int?
    /// On an owner's page: where the project's files name that owner.
    var ownership: String?
}

/// One extracted fact as a line: what it says, a detail, where it links, and where it was read.
struct FactLineView {
    var text: String
    var detail: String?
    var url: String?
    var source: String
    var sourceURL: String?
}

struct StepView {
    var number: Int
    var text: String
    var command: String?
    var source: String
    var sourceURL: String?
}

struct CheckView {
    var id: String
    var passed: Bool
    var optional: Bool
    var message: String
}

struct FactView {
    var label: String
    var value: String
    var source: String?
    var sourceURL: String?
}

struct HeadingView {
    var text: String
    var anchor: String
    var level: Int
}

struct DocumentView {
    var id: String
    var title: String
    var path: String
    var sourceURL: String?
    var html: String
    var headings: [HeadingView]
}

struct FileView {
    var path: String
    var url: String?
}

struct PageFrame {
    var site: SiteView
    /// The way from this page back to the site's root (`../../`), so the site works from any
    /// folder or address.
    var root: String
    var pageTitle: String
    var description: String?
}

struct HomePageView {
    var frame: PageFrame
    var projectCount: Int
    var projects: [ProjectCardView]
    var facets: [FacetView]
    /// Set when the home page lists only the first projects; the rest are in the lists.
    var moreProjects: Int?
}

/// One facet on the home page: its values with counts, and, where there is one, the list page.
struct FacetView {
    var name: String
    var title: String
    /// Values that are words of Atrium's vocabulary (`bug-fixes`), shown as words.
    var isVocabulary: Bool
    /// How many values the facet has in all; the page shows the most common.
    var valueCount: Int
    var values: [FacetValueView]
    /// The list of every value, when the facet has more than the page shows and has lists.
    var more: LinkView?
}

struct FacetValueView {
    var value: String
    var label: String
    var count: Int
}

/// A page listing projects: an owner team's, a topic's, or all of them.
struct ListPageView {
    var frame: PageFrame
    var title: String
    var intro: String?
    var projects: [ProjectCardView]
    var groups: [LinkView]
    /// Links to the neighbouring pages of a long list.
    var previous: String?
    var next: String?
}

struct ProjectPageView {
    var frame: PageFrame
    var slug: String
    /// Words the similar projects are found by: the topics and the name.
    var similarQuery: String
    var topicLinks: [LinkView]
    var name: String
    var repository: String
    var description: String?
    var topics: [String]
    var facts: [FactView]
    var owners: [FactLineView]
    var trustedCommitters: [FactLineView]
    var accepts: [FactLineView]
    var doesNotAccept: [FactLineView]
    var onboarding: [StepView]
    var reviewCommitment: FactLineView?
    var channels: [FactLineView]
    var notes: [FactLineView]
    var readinessScore: Int?
    var readinessLevel: String?
    var checks: [CheckView]
    /// "Last human commit 2026-11-02 · 14 commits by 5 authors in the 90 days before the
    /// harvest"; nil for a folder that is not a git checkout.
    var activity: String?
    /// What the history measured of reviews; nil without a history.
    var review: ReviewMeasurementView?
    /// "3 of 4 Trusted Committers active in the last 180 days": counts only, never who.
    var peopleActivity: String?
    /// CODEOWNERS rules to fix: the pattern, what is wrong with it, and its file and line.
    var codeownersFixes: [FactLineView]
    /// "Shown from the last good snapshot of 2026-11-20: …"; nil when current.
    var staleNotice: String?
    var documents: [DocumentView]
    var files: [FileView]
}

/// The review promise beside its measurement, "first commit to merge".
struct ReviewMeasurementView {
    /// "Promise: 48 h · Measured: median 31 h, 90% within 70 h, over 42 merges in the last 365 days".
    var line: String
    /// Set when enough merges were measured and their median is over the promise.
    var isBroken: Bool
    /// "3 merges could not be measured (squash or rebase)".
    var unmeasured: String?
}

struct NotFoundPageView {
    var frame: PageFrame
}

struct ContentPageView {
    var frame: PageFrame
    var title: String
    var document: DocumentView
}

/// A project ready to publish: what was extracted, its rendered documents, and where its
/// files live on the git server.
public struct ProjectPage: Sendable {
    public var project: Project
    public var documents: [RenderedDocument]
    public var links: WebLinks

    public init(project: Project, documents: [RenderedDocument], links: WebLinks) {
        self.project = project
        self.documents = documents
        self.links = links
    }
}

/// A hand-written page of the site (`content/pages/*.md`).
public struct ContentPage: Sendable {
    public var slug: String
    public var title: String
    public var document: RenderedDocument

    public init(slug: String, title: String, document: RenderedDocument) {
        self.slug = slug
        self.title = title
        self.document = document
    }
}
