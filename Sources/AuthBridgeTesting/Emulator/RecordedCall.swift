import Foundation
public import Hummingbird

/// One request an emulator received, as it arrived.
///
/// ``description`` redacts the values of `Authorization` and `Proxy-Authorization` headers and never
/// prints the body, so a recorded call is safe to log in a failing test. The fields themselves hold the
/// real values, for assertions.
public struct RecordedCall: Sendable, CustomStringConvertible, CustomReflectable {
    /// The HTTP method.
    public let method: HTTPRequest.Method
    /// The path, without the query string, still percent-encoded.
    public let path: String
    /// The query string without `?`, if there was one.
    public let query: String?
    /// The request headers.
    public let headers: HTTPFields
    /// The request body (up to the emulator's request size limit).
    public let body: [UInt8]
    /// The status the emulator answered, once it answered (`nil` for a dropped connection).
    public var responseStatus: Int?
    /// The response body as the emulator wrote it, once written; for contract checks of what the
    /// emulator serves.
    public var responseBody: [UInt8] = []

    /// Creates a record; emulators do this for each request.
    /// - Parameters:
    ///   - method: The method.
    ///   - path: The path without the query.
    ///   - query: The query string, if any.
    ///   - headers: The headers.
    ///   - body: The body bytes.
    public init(method: HTTPRequest.Method, path: String, query: String?, headers: HTTPFields, body: [UInt8]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The value of the first header named `name`, if any.
    /// - Parameter name: The header name, for example `"Authorization"`.
    /// - Returns: The value.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return self.headers.first { $0.name.canonicalName == wanted }?.value
    }

    /// The body as UTF-8 text.
    public var bodyText: String {
        String(decoding: self.body, as: UTF8.self)
    }

    /// The decoded value of the query parameter `name`, if present (`+` counts as a space).
    /// - Parameter name: The parameter name, for example `page[before]`.
    /// - Returns: The first value.
    public func queryValue(_ name: String) -> String? {
        Self.queryValue(name, in: self.query)
    }

    /// The decoded value of `name` in a raw query string; emulators use it for keys like `page[before]`.
    static func queryValue(_ name: String, in query: String?) -> String? {
        guard let query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            if key == name { return parts.count > 1 ? Self.decode(parts[1]) : "" }
        }
        return nil
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// Method, path, query and headers, with credentials shown as `<redacted>`, and the body's size.
    public var description: String {
        var text = "\(self.method.rawValue) \(self.path)"
        if let query = self.query { text += "?\(query)" }
        let headers = self.headers.map { field -> String in
            let name = field.name.canonicalName
            let value = name == "authorization" || name == "proxy-authorization" ? "<redacted>" : field.value
            return "\(field.name.rawName): \(value)"
        }
        text += " [\(headers.joined(separator: ", "))] body: \(self.body.count) bytes"
        return text
    }

    /// What `dump` and test failure messages show: the method, path, query and body size, never the
    /// headers (credentials) or the body (client secrets in token requests).
    public var customMirror: Mirror {
        Mirror(
            self, children: ["method": self.method, "path": self.path, "query": self.query as Any, "bodyBytes": self.body.count],
            displayStyle: .struct)
    }
}
