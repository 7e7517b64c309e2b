package import AsyncHTTPClient
package import AuthBridgeJWT
import Foundation
package import NIOCore
package import NIOHTTP1

/// One HTTP request by hand over loopback, as every test target sends them: a method, a URL, headers,
/// and a body as text, JSON or a form; the whole answer back.
package enum TestHTTP {
    /// An answer: status, headers and body.
    package struct Reply: Sendable {
        package var status: Int
        package var headers: HTTPHeaders
        package var bytes: [UInt8]
        /// The body as UTF-8 text.
        package var body: String { String(decoding: self.bytes, as: UTF8.self) }
        /// The body as a JSON object, if it is one.
        package var json: JSONObject? { (try? JSONValue(parsing: self.body))?.objectValue }
    }

    /// A request body.
    package enum Body: Sendable {
        case text(String)
        case json(JSONValue)
        case form([(String, String)])
        /// Sent in 512-byte chunks without a length.
        case chunked(String)
    }

    /// Sends one request and collects the answer (up to 1 MiB).
    package static func send(
        _ method: HTTPMethod = .GET,
        _ url: String,
        headers: [(String, String)] = [],
        body: Body? = nil,
        client: HTTPClient = .shared,
        timeout: TimeAmount = .seconds(10)
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        switch body {
        case nil:
            break
        case .text(let text):
            request.body = .bytes(ByteBuffer(string: text))
        case .json(let json):
            if !request.headers.contains(name: "Content-Type") { request.headers.add(name: "Content-Type", value: "application/json") }
            request.body = .bytes(ByteBuffer(string: json.serialized))
        case .form(let pairs):
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            let text = pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
            request.body = .bytes(ByteBuffer(string: text))
        case .chunked(let text):
            let bytes = Array(text.utf8)
            let chunks = stride(from: 0, to: bytes.count, by: 512).map { ByteBuffer(bytes: bytes[$0..<min($0 + 512, bytes.count)]) }
            request.body = .stream(BufferSequence(buffers: chunks), length: .unknown)
        }
        let response = try await client.execute(request, timeout: timeout)
        let collected = try await response.body.collect(upTo: 1 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, bytes: Array(collected.readableBytesView))
    }
}

/// A finite async sequence of buffers, for chunked request bodies.
private struct BufferSequence: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let buffers: [ByteBuffer]

    struct AsyncIterator: AsyncIteratorProtocol {
        var index = 0
        let buffers: [ByteBuffer]
        mutating func next() async -> ByteBuffer? {
            guard self.index < self.buffers.count else { return nil }
            defer { self.index += 1 }
            return self.buffers[self.index]
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(buffers: self.buffers) }
}
