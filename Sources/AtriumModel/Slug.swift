import Foundation

/// URL path segments for projects: lower-case ASCII letters, digits and single hyphens.
public enum Slug {
    /// A slug for a name. Accented Latin letters keep their base letter (`ü` → `u`); every
    /// other character separates words. Never empty, at most 80 characters.
    public static func make(from name: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in name.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.append(Character(scalar).lowercased())
            } else {
                pendingHyphen = true
            }
        }
        if slug.isEmpty { return "project" }
        var trimmed = String(slug.prefix(80))
        while trimmed.hasSuffix("-") { trimmed.removeLast() }
        return trimmed
    }

    /// Gives each name its own slug. Names are taken in sorted order, so the same set of names
    /// always gets the same slugs; a slug already taken, or reserved for the site's own paths,
    /// gets the first free `-2`, `-3`, … suffix.
    /// A name that is already a slug keeps it, so that adding "Payments SDK" never takes the
    /// page of an existing "payments-sdk".
    public static func assign(to names: [String], reserved: Set<String> = []) -> [String: String] {
        var taken = reserved
        var result: [String: String] = [:]
        for name in Set(names).sorted() where make(from: name) == name && !taken.contains(name) {
            taken.insert(name)
            result[name] = name
        }
        for name in Set(names).sorted() where result[name] == nil {
            let base = make(from: name)
            var candidate = base
            var counter = 2
            while taken.contains(candidate) {
                candidate = "\(base)-\(counter)"
                counter += 1
            }
            taken.insert(candidate)
            result[name] = candidate
        }
        return result
    }
}
