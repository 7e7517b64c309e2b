import AsyncHTTPClient
import AuthBridgeJWT
import AuthBridgeTestSupport
import Foundation
import NIOCore
import NIOHTTP1

/// What the customer's browser does: JSON requests with the shop's `Origin`.
struct PageClient {
    static let origin = "https://shop.example.com"

    struct Reply {
        let status: Int
        let headers: HTTPHeaders
        let body: String
        var json: JSONObject { (try? JSONValue(parsing: self.body))?.objectValue ?? [:] }
    }

    static func send(
        _ method: HTTPMethod,
        _ url: String,
        json: JSONValue? = nil,
        form: [(String, String)]? = nil,
        headers: [(String, String)] = [],
        origin: String? = PageClient.origin
    ) async throws -> Reply {
        var headers = headers
        if let origin { headers.insert(("Origin", origin), at: 0) }
        let body: TestHTTP.Body? = json.map { .json($0) } ?? form.map { .form($0) }
        let reply = try await TestHTTP.send(method, url, headers: headers, body: body)
        return Reply(status: reply.status, headers: reply.headers, body: reply.body)
    }
}
