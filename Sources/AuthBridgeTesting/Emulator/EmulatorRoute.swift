public import Hummingbird

/// Which requests a fault or a query applies to: an HTTP method (or any) and a path pattern.
///
/// The pattern is split on `/`. A segment `*` or `:name` matches exactly one path segment, `**` (only as
/// the last segment) matches whatever remains, including nothing; any other segment matches itself
/// exactly. The query string is never part of the match.
///
/// ```swift
/// EmulatorRoute(.get, "/api/v2/chat/chats/:id")    // one chat, any id
/// EmulatorRoute(nil, "/oauth/**")                   // every method, everything under /oauth
/// ```
public struct EmulatorRoute: Hashable, Sendable, CustomStringConvertible {
    /// The method to match; `nil` matches every method.
    public let method: HTTPRequest.Method?
    /// The path pattern as given.
    public let pattern: String
    private let segments: [Substring]

    /// Creates a route.
    /// - Parameters:
    ///   - method: The method to match, or `nil` for any.
    ///   - pattern: The path pattern, starting with `/`.
    public init(_ method: HTTPRequest.Method?, _ pattern: String) {
        self.method = method
        self.pattern = pattern
        self.segments = pattern.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// Whether a request with `method` and `path` (without its query) matches.
    /// - Parameters:
    ///   - method: The request's method.
    ///   - path: The request's path, without the query string.
    /// - Returns: `true` when both match.
    public func matches(method: HTTPRequest.Method, path: String) -> Bool {
        if let expected = self.method, expected != method { return false }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        var index = 0
        for segment in self.segments {
            if segment == "**" { return true }
            guard index < parts.count else { return false }
            if segment != "*", !segment.hasPrefix(":"), segment != parts[index] { return false }
            index += 1
        }
        return index == parts.count
    }

    /// `GET /api/v2/chat/chats/:id`, or `* /path` for any method.
    public var description: String {
        "\(self.method?.rawValue ?? "*") \(self.pattern)"
    }

    /// Routes are equal when method and pattern are.
    public static func == (lhs: EmulatorRoute, rhs: EmulatorRoute) -> Bool {
        lhs.method == rhs.method && lhs.pattern == rhs.pattern
    }

    /// Hashes method and pattern.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.method?.rawValue)
        hasher.combine(self.pattern)
    }
}
