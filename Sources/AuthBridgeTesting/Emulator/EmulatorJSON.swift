import Foundation
public import Hummingbird

/// Builds JSON responses the way the emulated services send them.
public enum EmulatorJSON {
    /// A response whose body is `value` encoded as JSON (keys sorted, so bodies are stable in tests).
    /// - Parameters:
    ///   - value: The body.
    ///   - status: The status; default `200 OK`.
    ///   - headers: Extra headers; `Content-Type: application/json; charset=utf-8` is added.
    /// - Returns: The response.
    /// - Throws: If `value` cannot be encoded.
    public static func response(
        _ value: some Encodable,
        status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:]
    ) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return self.response(bytes: Array(data), status: status, headers: headers)
    }

    /// A response with a JSON body given as text, byte for byte (for error bodies that must match a
    /// reference exactly).
    /// - Parameters:
    ///   - json: The body.
    ///   - status: The status; default `200 OK`.
    ///   - headers: Extra headers; `Content-Type: application/json; charset=utf-8` is added.
    /// - Returns: The response.
    public static func response(json: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        self.response(bytes: Array(json.utf8), status: status, headers: headers)
    }

    static func response(bytes: [UInt8], status: HTTPResponse.Status, headers: HTTPFields) -> Response {
        var headers = headers
        if headers[.contentType] == nil {
            headers[.contentType] = "application/json; charset=utf-8"
        }
        headers[.contentLength] = String(bytes.count)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
