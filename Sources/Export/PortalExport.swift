public import AtriumModel
public import Foundation
import Digest

/// `repos.json` in the format of the SAP InnerSource Portal (`docs/CRAWLING.md` of the portal):
/// the GitHub API's repository fields that the portal reads, and `_InnerSourceMetadata` with what
/// Atrium extracted. The portal puts some values into `href`/`src` and some into HTML without
/// escaping them, so every URL here is http(s) and every text is plain (`PlainText`).
public enum PortalExport {
    /// The portal's own placeholder image, beside its `index.html`.
    public static let defaultAvatar = "./images/default1.png"

    public static func json(site: SiteConfiguration, listings: [ProjectListing], now: Int?) -> Data {
        var data = Data()
        write(site: site, listings: listings, now: now) { data.append(contentsOf: $0) }
        return data
    }

    /// The same, a project at a time (one per line), so that 10,000 of them never sit in memory
    /// as one tree.
    public static func write(site: SiteConfiguration, listings: [ProjectListing], now: Int?,
                             to append: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let base = site.baseURL.flatMap(WebAddress.plainHTTP).map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var used: Set<Int> = []
        func put(_ text: String) throws {
            var text = text
            try text.withUTF8 { try append(UnsafeRawBufferPointer($0)) }
        }
        try put("[")
        for (index, listing) in listings.sorted(by: { $0.slug < $1.slug }).enumerated() {
            var id = stableID(listing.slug)
            while !used.insert(id).inserted { id += 1 }
            let reference = now ?? listing.updated
            let entry = Repository(listing, id: id, reference: reference, catalogue: base)
            guard let bytes = try? encoder.encode(entry) else { continue }
            try put(index == 0 ? "\n" : ",\n")
            try bytes.withUnsafeBytes { try append($0) }
        }
        try put("\n]\n")
    }

    /// A number the portal can put into `showModal(id)` (it quotes string ids into an
    /// `onclick`), the same for a slug in every build: 52 bits of the slug's SHA-256.
    static func stableID(_ slug: String) -> Int {
        Int(ContentDigest.of(Array(slug.utf8)).hex.prefix(13), radix: 16)!
    }

    struct Owner: Encodable {
        var login: String
        var avatar_url: String
    }

    struct Metadata: Encodable {
        struct Extracted: Encodable {
            var page: String?
            var owners: [String]
            var readiness: String?
            var readinessScore: Int?
            var reviewHours: Int?
            var channels: [String]
            var accepts: [String]
        }

        var title: String
        var motivation: String?
        var topics: [String]
        var contributions: [String]
        var skills: [String]?
        var guidelines: String?
        var docs: String?
        var score: Int
        /// What Atrium read, for tools beyond the portal (the portal ignores keys it does not know).
        var atrium: Extracted
    }

    struct Repository: Encodable {
        var id: Int
        var name: String
        var full_name: String
        var html_url: String?
        var description: String?
        var updated_at: String
        var pushed_at: String
        var language: String?
        var default_branch: String?
        var owner: Owner
        var _InnerSourceMetadata: Metadata

        init(_ listing: ProjectListing, id: Int, reference: Int, catalogue: String?) {
            self.id = id
            let parts = listing.repository.split(separator: "/")
            name = PlainText.of(parts.last.map(String.init) ?? listing.slug, limit: 100)
            let login = parts.count > 1 ? parts.dropLast().joined(separator: "/")
                : listing.summary.owners.first.map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 } ?? "unowned"
            owner = Owner(login: PlainText.of(login, limit: 100), avatar_url: PortalExport.defaultAvatar)
            full_name = owner.login + "/" + name
            let page = catalogue.map { $0 + SiteLayout.projectURL(slug: listing.slug) }
            html_url = listing.webURL ?? page
            description = listing.summary.description.map { PlainText.of($0) }
            updated_at = CalendarDay.timestamp(from: listing.updated)
            pushed_at = updated_at
            language = listing.summary.language.map { PlainText.of($0, limit: 40) }
            // The portal makes the Contribute link `html_url/blob/default_branch/guidelines`;
            // where the guide's page is not there, it is given as `docs`.
            var guidelines: String?, docs: String?
            if let path = listing.guidePath, let url = listing.guideURL {
                let branch = listing.branch ?? "HEAD"
                if let html = listing.webURL, url == html + "/blob/" + branch + "/" + path {
                    guidelines = path
                    default_branch = branch
                } else {
                    docs = url
                }
            }
            if default_branch == nil { default_branch = listing.branch.map { PlainText.of($0, limit: 100) } }
            let words = listing.summary.accepts.map { $0.replacingOccurrences(of: "-", with: " ") }
            _InnerSourceMetadata = Metadata(
                title: PlainText.of(listing.summary.name, limit: 100), motivation: description,
                topics: listing.summary.topics.map { PlainText.of($0, limit: 50) }, contributions: words,
                skills: language.map { [$0] }, guidelines: guidelines.map { PlainText.of($0, limit: 300) }, docs: docs,
                score: PortalExport.activityScore(listing, reference: reference, hasGuide: listing.guidePath != nil),
                atrium: .init(page: page, owners: listing.summary.owners.map { PlainText.of($0, limit: 100) },
                              readiness: listing.summary.level?.rawValue, readinessScore: listing.summary.score,
                              reviewHours: listing.reviewHours, channels: listing.channelURLs, accepts: listing.summary.accepts))
        }
    }

    /// The InnerSource Commons "Repository Activity Score", from what git tells: no stars,
    /// forks or watchers (not in git); recency of the last change; commits a week over the
    /// last 13 weeks, when the history was read; a meaningful description; a contribution guide.
    static func activityScore(_ listing: ProjectListing, reference: Int, hasGuide: Bool) -> Int {
        var score = 50.0
        let days = max(0, Double(reference - listing.updated) / 86400)
        score *= (1 + (100 - min(days, 100))) / 100
        if let commits = listing.recentCommits {
            let perWeek = Double(commits) / 13
            score *= (1 + min(max(perWeek - 3, 0), 7)) / 7
        }
        score += (listing.summary.description?.count ?? 0) > 30 ? 50 : 0
        score += hasGuide ? 100 : 0
        if score > 3000 { score = 3000 + log(score) * 100 }
        return max(0, Int((score - 50).rounded()))
    }
}
