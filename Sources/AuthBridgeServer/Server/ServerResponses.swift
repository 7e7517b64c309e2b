import Hummingbird
import NIOCore

/// The small answers the server front gives itself (refusals, probes), never cached.
enum ServerResponses {
    /// `{"error": message}` with `status`; `message` is a fixed string, never request data.
    static func error(_ status: HTTPResponse.Status, _ message: StaticString, headers extra: HTTPFields = [:]) -> Response {
        let body = "{\"error\":\"\(message)\"}"
        var headers: HTTPFields = [
            .contentType: "application/json; charset=utf-8",
            .cacheControl: "no-store",
            .contentLength: String(body.utf8.count),
        ]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
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
