public import AtriumModel
import Digest

/// `feed.xml`: an Atom feed (RFC 4287) of the projects whose documentation changed most
/// recently, newest first. An entry's id is derived from its slug alone, so a reader sees a
/// changed project as an update of the same entry; dates come from the repositories (see
/// `ProjectListing.updated`), never from the clock, so the same input gives the same feed.
public enum AtomFeed {
    public static let entryLimit = 50

    public static func xml(site: SiteConfiguration, listings: [ProjectListing]) -> String {
        let base = site.baseURL.flatMap(WebAddress.plainHTTP).map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        let entries = listings.sorted { ($0.updated, $1.slug) > ($1.updated, $0.slug) }.prefix(entryLimit)
        let updated = entries.map(\.updated).max() ?? 0
        func link(_ path: String) -> String { XMLText.escaped((base ?? "") + path) }
        var out = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>\(XMLText.escaped(site.title))</title>
          <subtitle>Projects added or whose documentation changed</subtitle>
          <id>\(base.map { XMLText.escaped($0 + "feed.xml") } ?? uuid("feed\n" + site.title))</id>
          <link rel="self" href="\(link("feed.xml"))"/>
          <link rel="alternate" type="text/html" href="\(link(""))"/>
          <updated>\(CalendarDay.timestamp(from: updated))</updated>
          <author><name>\(XMLText.escaped(site.title))</name></author>
          <generator version="\(AtriumVersion.current)">Atrium</generator>

        """
        for listing in entries {
            let page = SiteLayout.projectURL(slug: listing.slug)
            out += """
              <entry>
                <title>\(XMLText.escaped(listing.summary.name))</title>
                <id>\(uuid("project\n" + listing.slug))</id>
                <link rel="alternate" type="text/html" href="\(link(page))"/>
                <updated>\(CalendarDay.timestamp(from: listing.updated))</updated>
                <summary>\(XMLText.escaped(summary(of: listing)))</summary>

            """
            for topic in listing.summary.topics {
                out += "    <category term=\"\(XMLText.escaped(topic))\"/>\n"
            }
            out += "  </entry>\n"
        }
        return out + "</feed>\n"
    }

    static func summary(of listing: ProjectListing) -> String {
        var parts = [listing.summary.description ?? listing.repository]
        if let level = listing.summary.level { parts.append("Readiness: \(level.rawValue)") }
        if !listing.summary.owners.isEmpty { parts.append("Owners: " + listing.summary.owners.joined(separator: ", ")) }
        return parts.joined(separator: " · ")
    }

    /// A name-based UUID URN (the layout of RFC 9562's version 5, from SHA-256).
    static func uuid(_ name: String) -> String {
        var bytes = Array(ContentDigest.of(Array(name.utf8)).hex.utf8.prefix(32))
        bytes[12] = UInt8(ascii: "5")
        let variant = "89ab".utf8.map { $0 }
        bytes[16] = variant[Int(hexValue(bytes[16]) & 3)]
        let hex = String(decoding: bytes, as: UTF8.self)
        let cuts = [8, 4, 4, 4, 12]
        var parts: [Substring] = []
        var start = hex.startIndex
        for length in cuts {
            let end = hex.index(start, offsetBy: length)
            parts.append(hex[start..<end])
            start = end
        }
        return "urn:uuid:" + parts.joined(separator: "-")
    }

    private static func hexValue(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "a") ? byte - UInt8(ascii: "a") + 10 : byte - UInt8(ascii: "0")
    }
}
