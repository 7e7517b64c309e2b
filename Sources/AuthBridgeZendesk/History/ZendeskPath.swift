import Foundation

/// Percent-encoding for opaque ids placed in one path segment.
enum ZendeskPath {
    /// Unreserved characters only (RFC 3986), so `/`, `?`, `#` and `%` in an id cannot change the path.
    static let segmentAllowed: CharacterSet = {
        var allowed = CharacterSet(charactersIn: "a"..."z")
        allowed.formUnion(CharacterSet(charactersIn: "A"..."Z"))
        allowed.formUnion(CharacterSet(charactersIn: "0"..."9"))
        allowed.insert(charactersIn: "-._~")
        return allowed
    }()

    /// `text` as one path segment; `.` and `..` are encoded too, so they cannot walk up the path.
    static func segment(_ text: String) -> String? {
        if text == "." || text == ".." { return text.replacingOccurrences(of: ".", with: "%2E") }
        return text.addingPercentEncoding(withAllowedCharacters: self.segmentAllowed)
    }
}
