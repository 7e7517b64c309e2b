import NIOCore

/// The page route's and the data action route's body readers as the fuzz targets (`authbridge-fuzz`) and
/// their corpus tests drive them: outside bytes in, a request or a refusal out. Never traps.
package enum ServerFuzzedParsers {
    /// Reads `bytes` as the page's widget request, and as its session-end request.
    package static func pageRequest(_ bytes: UnsafeRawBufferPointer) {
        let buffer = ByteBuffer(bytes: bytes)
        _ = try? BridgeRequestBody.widgetRequest(buffer)
        _ = try? BridgeRequestBody.credential(buffer)
    }

    /// Reads `bytes` as the messaging-context data action's input.
    package static func dataActionInput(_ bytes: UnsafeRawBufferPointer) {
        _ = try? MessagingContextBody.request(ByteBuffer(bytes: bytes))
    }
}
