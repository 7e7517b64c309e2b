import AuthBridgeCore
import NIOHTTP1

/// Zendesk's answers as the fuzz targets (`authbridge-fuzz`) and their corpus tests drive the readers:
/// outside bytes in as a response body, read as each reader reads it. Never traps.
package enum ZendeskFuzzedParsers {
    /// Reads `bytes` as an error answer, a token answer, a Chat (its transcript and context) and a Sunshine
    /// Conversations message list (every message normalized).
    package static func response(_ bytes: UnsafeRawBufferPointer) {
        let response = ZendeskResponse(status: 200, headers: HTTPHeaders(), body: Array(bytes))
        _ = ZendeskResponse(status: 400, headers: HTTPHeaders(), body: Array(bytes)).error(operation: "fuzz")
        _ = try? response.decode(ZendeskGrantResponse.self, operation: "fuzz")
        _ = try? response.decode(ZendeskTokenInfo.self, operation: "fuzz")
        guard let body = try? response.decode(ContextValue.self, operation: "fuzz") else { return }
        _ = ZendeskChatNormalizer.history(chatID: "fuzz", chat: body)
        if case .array(let messages)? = body["messages"] {
            for message in messages { _ = SunshineMessageNormalizer.message(message) }
        }
    }
}
