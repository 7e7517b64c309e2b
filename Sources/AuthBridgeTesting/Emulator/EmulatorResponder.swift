import Hummingbird
import NIOCore

/// Records each request, applies the first matching fault, then hands the request to the emulator's own
/// routes.
struct EmulatorResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == EmulatorRequestContext {
    let inner: Inner
    let faults: EmulatorFaults
    let recorder: EmulatorCallRecorder
    let maximumRequestBodySize: Int

    func respond(to request: Request, context: EmulatorRequestContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: self.maximumRequestBodySize)
        let path = request.uri.path
        let index = self.recorder.append(
            RecordedCall(
                method: request.method,
                path: path,
                query: request.uri.query,
                headers: request.headers,
                body: Array(buffer: body)
            )
        )
        let response = try await self.answer(request, path: path, context: context)
        self.recorder.recordResponse(at: index, status: Int(response.status.code))
        var recorded = response
        let recorder = self.recorder
        let mapped = response.body.map { buffer in
            recorder.recordResponseBytes(at: index, Array(buffer: buffer))
            return buffer
        }
        // `map` drops the length; keep it, so answers keep their Content-Length.
        recorded.body = ResponseBody(contentLength: response.body.contentLength) { writer in try await mapped.write(writer) }
        return recorded
    }

    private func answer(_ request: Request, path: String, context: EmulatorRequestContext) async throws -> Response {
        guard let fault = self.faults.take(method: request.method, path: path) else {
            return try await self.inner.respond(to: request, context: context)
        }
        switch fault.kind {
        case .respond(let status, let headers, let bytes):
            var headers = headers
            headers[.contentLength] = String(bytes.count)
            return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        case .delay(let duration):
            try await Task.sleep(for: duration)
            return try await self.inner.respond(to: request, context: context)
        case .dropConnection:
            // Close before any byte of a response is written; the server's attempt to answer then fails.
            try? await context.channel.close()
            throw EmulatorError.connectionDropped
        case .malformedBody:
            return EmulatorJSON.response(json: "{\"truncated\": [1, 2,", status: .ok, headers: [:])
        case .oversizedBody(let byteCount):
            var bytes = Array("{\"padding\":\"".utf8)
            let tail = Array("\"}".utf8)
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "x"), count: max(byteCount - bytes.count - tail.count, 0)))
            bytes.append(contentsOf: tail)
            return EmulatorJSON.response(bytes: bytes, status: .ok, headers: [:])
        }
    }
}
