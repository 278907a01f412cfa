/// What a link or image URL in untrusted Markdown is, and whether it may stay.
enum URLTarget: Equatable {
    /// `https://…`, `mailto:…`: the scheme, lower-cased.
    case absolute(scheme: String)
    /// `//host/path`: takes the page's scheme.
    case schemeRelative
    /// `#section`, within the same document.
    case fragment(String)
    /// A path in the repository, with what followed it (`?…`, `#…`).
    case relative(path: String, suffix: String)
    case empty

    init(_ url: String) {
        // Browsers drop tabs and newlines anywhere in a URL and leading controls and spaces,
        // so `java\tscript:` is a scheme: judge the URL the way they will read it.
        let cleaned = String(String.UnicodeScalarView(url.unicodeScalars.filter {
            $0 != "\t" && $0 != "\n" && $0 != "\r"
        })).drop { $0.unicodeScalars.first!.value <= 0x20 }
        if cleaned.isEmpty {
            self = .empty
        } else if cleaned.hasPrefix("#") {
            self = .fragment(String(cleaned.dropFirst()))
        } else if cleaned.hasPrefix("//") || cleaned.hasPrefix("\\\\") || cleaned.hasPrefix("/\\") {
            self = .schemeRelative
        } else if let scheme = URLTarget.scheme(of: Substring(cleaned)) {
            self = .absolute(scheme: scheme)
        } else {
            let cut = cleaned.firstIndex { $0 == "?" || $0 == "#" } ?? cleaned.endIndex
            self = .relative(path: String(cleaned[..<cut]), suffix: String(cleaned[cut...]))
        }
    }

    /// The scheme of `url` if it has one: letters, digits, `+ - .` up to a colon that comes
    /// before any `/ ? #`.
    private static func scheme(of url: Substring) -> String? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let candidate = url[..<colon]
        guard let first = candidate.unicodeScalars.first, first.isASCII,
              first.properties.isAlphabetic else { return nil }
        let allowed = candidate.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0))
        }
        return allowed ? candidate.lowercased() : nil
    }

    static let linkSchemes: Set<String> = ["http", "https", "mailto"]
    static let imageSchemes: Set<String> = ["http", "https"]
}

/// Resolves a path written in a repository document against the document's folder, the way
/// a git server does: `/` starts at the repository root, `..` never leaves it.
func resolveRepositoryPath(_ path: String, from documentPath: String) -> String {
    var parts: [Substring] = path.hasPrefix("/")
        ? []
        : documentPath.split(separator: "/").dropLast()
    let decoded = path.removingPercentEncodingIfValid
    for segment in decoded.split(separator: "/", omittingEmptySubsequences: true) {
        switch segment {
        case ".": continue
        case "..": if !parts.isEmpty { parts.removeLast() }
        default: parts.append(segment)
        }
    }
    return parts.joined(separator: "/")
}

extension String {
    /// Percent-decodes when the string is validly encoded; otherwise it is taken as written.
    fileprivate var removingPercentEncodingIfValid: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue),
                      let low = iterator.next().flatMap(hexValue) else { return self }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? self
    }
}

private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}
