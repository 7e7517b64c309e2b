import AsyncHTTPClient
import AuthBridge
import NIOCore
import NIOHTTP1

/// The browser's side of the demo: JSON over loopback, with the shop's `Origin`.
struct DemoHTTP {
    struct Reply {
        let status: Int
        let json: JSONObject
        /// The answer as a peer response, for ``Diagnosis``.
        let peer: PeerResponse
    }

    let client: HTTPClient

    func send(_ method: HTTPMethod, _ url: String, json: JSONValue? = nil, headers: [(String, String)] = []) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Origin", value: DemoEnvironment.origin)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json.serialized))
        }
        let response = try await self.client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        let object = (try? JSONValue(parsing: String(buffer: body)))?.objectValue ?? [:]
        let peer = PeerResponse(
            status: Int(response.status.code),
            headers: response.headers.map { PeerResponse.Header(name: $0.name, value: $0.value) },
            body: Array(buffer: body)
        )
        return Reply(status: Int(response.status.code), json: object, peer: peer)
    }
}
