import AsyncHTTPClient
import AuthBridgeJWT
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
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let origin { request.headers.add(name: "Origin", value: origin) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json.serialized))
        } else if let form {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            let text = form.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
            request.body = .bytes(ByteBuffer(string: text))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: String(buffer: body))
    }
}
