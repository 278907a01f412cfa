public import AtriumModel
import Foundation

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

    public init(theme: Theme, staging: StagingArea, site: SiteConfiguration, contentPages: [ContentPage]) {
        self.theme = theme
        self.staging = staging
        self.site = site
        self.pages = contentPages.map { LinkView(title: $0.title, url: "pages/\($0.slug)/") }
    }

    /// `projects/<slug>/index.html`.
    public func writeProjectPage(_ page: ProjectPage) throws {
        let project = page.project
        let root = "../../"
        let view = ProjectPageView(
            frame: frame(root: root, title: project.name.value, description: project.description?.value),
            name: project.name.value,
            repository: project.repository,
            description: project.description?.value,
            topics: project.topics,
            facts: facts(of: project, links: page.links),
            documents: page.documents.map { document(for: $0, links: page.links) },
            files: project.files.map { FileView(path: $0, url: page.links.page(for: $0)) })
        try write("project", view, to: "projects/\(project.slug)/index.html")
    }

    /// `index.html`: every project, in the order given.
    public func writeHomePage(projects: [Project]) throws {
        let cards = projects.map { project in
            ProjectCardView(name: project.name.value, url: "projects/\(project.slug)/",
                            description: project.description?.value, topics: project.topics,
                            hasContributing: project.contributing != nil,
                            hasOwners: project.codeowners != nil)
        }
        let view = HomePageView(frame: frame(root: "", title: "Projects", description: site.description),
                                projectCount: cards.count, projects: cards)
        try write("index", view, to: "index.html")
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
            try staging.write(try Data(contentsOf: URL(fileURLWithPath: source)), to: "assets/" + path)
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
        for (label, path) in [("README", project.readme), ("Contribution guide", project.contributing),
                              ("Code owners", project.codeowners)] {
            add(label, path == nil ? "Missing" : "Present", path.map { SourceLocation(file: $0) })
        }
        return facts
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

    private func write(_ template: String, _ view: Any, to path: String) throws {
        guard let html = theme.render(template, view) else { throw TemplateMissing(name: template) }
        try staging.write(html, to: path)
    }
}
