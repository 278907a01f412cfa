import Mustache

// Templates look names up on the views. Without these, swift-mustache finds them by runtime
// reflection (Mirror), which took half of a 10,000-repository build and serialises threads on
// the runtime's metadata locks.

extension SiteView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "description": description
        case "pages": pages
        default: nil
        }
    }
}

extension LinkView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        default: nil
        }
    }
}

extension ProjectCardView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": url
        case "description": description
        case "topics": topics
        case "owners": owners
        case "accepts": accepts
        case "readinessLevel": readinessLevel
        case "readinessScore": readinessScore
        case "ownership": ownership
        default: nil
        }
    }
}

extension FactLineView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "detail": detail
        case "url": url
        case "source": source
        case "sourceURL": sourceURL
        default: nil
        }
    }
}

extension StepView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "text": text
        case "command": command
        case "source": source
        case "sourceURL": sourceURL
        default: nil
        }
    }
}

extension CheckView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "passed": passed
        case "optional": optional
        case "message": message
        default: nil
        }
    }
}

extension FactView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "value": value
        case "source": source
        case "sourceURL": sourceURL
        default: nil
        }
    }
}

extension HeadingView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "anchor": anchor
        case "level": level
        default: nil
        }
    }
}

extension DocumentView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "title": title
        case "path": path
        case "sourceURL": sourceURL
        case "html": html
        case "headings": headings
        default: nil
        }
    }
}

extension FileView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "path": path
        case "url": url
        default: nil
        }
    }
}

extension PageFrame: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "site": site
        case "root": root
        case "pageTitle": pageTitle
        case "description": description
        default: nil
        }
    }
}

extension HomePageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "frame": frame
        case "projectCount": projectCount
        case "projects": projects
        case "facets": facets
        case "moreProjects": moreProjects
        default: nil
        }
    }
}

extension FacetView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "title": title
        case "isVocabulary": isVocabulary
        case "valueCount": valueCount
        case "values": values
        case "more": more
        default: nil
        }
    }
}

extension FacetValueView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        case "count": count
        default: nil
        }
    }
}

extension ListPageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "frame": frame
        case "title": title
        case "intro": intro
        case "projects": projects
        case "groups": groups
        case "previous": previous
        case "next": self.next
        default: nil
        }
    }
}

extension ProjectPageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "frame": frame
        case "slug": slug
        case "similarQuery": similarQuery
        case "topicLinks": topicLinks
        case "name": self.name
        case "repository": repository
        case "description": description
        case "topics": topics
        case "facts": facts
        case "owners": owners
        case "trustedCommitters": trustedCommitters
        case "accepts": accepts
        case "doesNotAccept": doesNotAccept
        case "onboarding": onboarding
        case "reviewCommitment": reviewCommitment
        case "channels": channels
        case "notes": notes
        case "readinessScore": readinessScore
        case "readinessLevel": readinessLevel
        case "checks": checks
        case "activity": activity
        case "review": review
        case "peopleActivity": peopleActivity
        case "codeownersFixes": codeownersFixes
        case "staleNotice": staleNotice
        case "documents": documents
        case "files": files
        default: nil
        }
    }
}

extension ReviewMeasurementView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "line": line
        case "isBroken": isBroken
        case "unmeasured": unmeasured
        default: nil
        }
    }
}

extension NotFoundPageView: MustacheParent {
    func child(named name: String) -> Any? {
        name == "frame" ? frame : nil
    }
}

extension ContentPageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "frame": frame
        case "title": title
        case "document": document
        default: nil
        }
    }
}
