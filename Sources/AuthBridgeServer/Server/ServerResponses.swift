import AuthBridgeJWT
import Hummingbird
import NIOCore

/// The small answers the server front gives itself (refusals, probes), never cached.
enum ServerResponses {
    /// `{"error": message}` with `status`; `message` is a fixed string, never request data.
    static func error(_ status: HTTPResponse.Status, _ message: StaticString, headers extra: HTTPFields = [:]) -> Response {
        Self.error(status, text: "\(message)", headers: extra)
    }

    /// `{"error": text}` with `status`, `text` escaped as a JSON string; our own text, never request data.
    static func error(_ status: HTTPResponse.Status, text: String, headers extra: HTTPFields = [:]) -> Response {
        let body = JSONValue.object(["error": .string(text)]).serialized
        var headers: HTTPFields = [
            .contentType: "application/json; charset=utf-8",
            .cacheControl: "no-store",
            .contentLength: String(body.utf8.count),
        ]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    /// JSON bytes with `status`.
    static func json(_ status: HTTPResponse.Status, _ bytes: [UInt8]) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store", .contentLength: String(bytes.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }

    /// Plain text with `status`.
    static func text(_ status: HTTPResponse.Status, _ text: String, contentType: String = "text/plain; charset=utf-8") -> Response {
        Response(
            status: status,
            headers: [.contentType: contentType, .cacheControl: "no-store", .contentLength: String(text.utf8.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }
}
