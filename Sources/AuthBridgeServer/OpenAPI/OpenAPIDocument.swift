package import AuthBridgeJWT

/// AuthBridge's OpenAPI 3.1 document, committed as `OpenAPI/openapi.json` and compiled into the binary,
/// and the copy a running server answers `GET /openapi.json` with: the operations it serves, at the
/// paths it serves them.
package enum OpenAPIDocument {
    /// One operation: an upper-case HTTP method and a path.
    package struct Operation: Hashable, Sendable, CustomStringConvertible {
        package let method: String
        package let path: String

        package init(method: String, path: String) {
            self.method = method.uppercased()
            self.path = path
        }

        package var description: String { "\(self.method) \(self.path)" }
    }

    /// Where the server answers the document.
    package static let servedPath = "/openapi.json"

    /// The committed document's bytes.
    package static var committed: [UInt8] { PackageResources.openapi_json }

    /// The committed document, parsed; `nil` only if the committed file is not a JSON object, which
    /// `OpenAPIDocumentTests` rules out.
    package static func committedObject() -> JSONObject? {
        // Deeper than any token: an OpenAPI schema nests about ten levels.
        try? JSONValue(parsing: String(decoding: Self.committed, as: UTF8.self), maximumDepth: 32).objectValue
    }

    /// The operations `document` lists.
    package static func operations(of document: JSONObject) -> [Operation] {
        guard let paths = document["paths"]?.objectValue else { return [] }
        return paths.flatMap { path, item in
            (item.objectValue ?? [:]).compactMap { method, _ in Self.methods.contains(method) ? Operation(method: method, path: path) : nil }
        }
    }

    /// `document` cut down to `routes`: each documented operation that is served, at its served path, and
    /// no other. An OpenID operation's documented path is relative to the issuer's path, so a route that
    /// ends with it under a path prefix is that operation.
    package static func served(_ document: JSONObject, routes: [Operation]) -> JSONObject {
        guard let paths = document["paths"]?.objectValue else { return document }
        var servedPaths = JSONObject()
        for (documentedPath, item) in paths {
            guard let item = item.objectValue else { continue }
            let isOpenID = item.contains { _, operation in
                operation.objectValue?["tags"]?.arrayValue?.contains(.string("openid")) ?? false
            }
            for route in routes where Self.path(route.path, serves: documentedPath, underPrefix: isOpenID) {
                guard let operation = item[route.method.lowercased()] else { continue }
                var served = servedPaths[route.path]?.objectValue ?? JSONObject()
                served[route.method.lowercased()] = operation
                servedPaths[route.path] = .object(served)
            }
        }
        var result = document
        result["paths"] = .object(servedPaths)
        return result
    }

    /// The served document's bytes for `routes`.
    package static func servedBytes(routes: [Operation]) -> [UInt8]? {
        Self.committedObject().map { JSONValue.object(Self.served($0, routes: routes)).serializedBytes }
    }

    private static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    private static func path(_ path: String, serves documented: String, underPrefix: Bool) -> Bool {
        if path == documented { return true }
        guard underPrefix, path.hasSuffix(documented) else { return false }
        return path.hasPrefix("/")
    }
}
