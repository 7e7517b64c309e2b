public import AsyncHTTPClient
public import AuthBridgeCore
import Foundation
public import Logging
import NIOHTTP1

/// Reads one legacy Zendesk Chat (`GET /api/v2/chat/chats/{chat_id}`) with a Chat API token (from a
/// ``ZendeskChatTokenProvider``; a Support token is refused there) and normalizes it into a
/// ``ZendeskHistory``.
///
/// Chat ids are opaque (for example `1704.2314815.QHgVx6SOrRuSx`): they are percent-encoded as one path
/// segment, never parsed. Every history type is kept; unknown ones become system entries with their
/// original type. When Zendesk answers 401, the token is dropped from the broker and the read is tried
/// once more with a fresh one.
public struct ZendeskChatHistoryReader<C: Clock>: Sendable where C.Duration == Duration {
    private let tokens: TokenBroker<ZendeskChatAPIClient, C>.Handle
    private let http: ZendeskTransport

    /// Creates a reader.
    /// - Parameters:
    ///   - tokens: The broker handle of the Chat API client whose token reads chats.
    ///   - httpClient: Your application's client; never shut down here.
    ///   - http: Timeouts, body cap and retries.
    public init(
        tokens: TokenBroker<ZendeskChatAPIClient, C>.Handle,
        httpClient: HTTPClient,
        http: ZendeskHTTPPolicy = ZendeskHTTPPolicy()
    ) {
        self.init(tokens: tokens, http: ZendeskTransport(client: httpClient, configuration: http))
    }

    init(tokens: TokenBroker<ZendeskChatAPIClient, C>.Handle, http: ZendeskTransport) {
        self.tokens = tokens
        self.http = http
    }

    /// Reads chat `chatID`.
    /// - Parameters:
    ///   - chatID: The chat's id, as Zendesk gave it.
    ///   - logger: The request's logger.
    /// - Returns: The transcript (source `zendesk.chat`) and customer context.
    /// - Throws: ``ZendeskError`` (`.notFound`, `.unauthorized`, `.forbidden`, `.rateLimited`, …) or the
    ///   broker's `AuthBridgeError` when no token could be fetched.
    public func read(chatID: String, logger: Logger) async throws -> ZendeskHistory {
        guard !chatID.isEmpty, chatID.utf8.count <= 256 else {
            throw ZendeskError(.invalidConfiguration, "a chat id is 1 to 256 bytes", field: "chatID")
        }
        let segment = PathSegment.escaped(chatID)
        let url = "\(self.tokens.key.apiBaseURL)/chats/\(segment)"
        var (response, used) = try await self.get(url, logger: logger)
        if response.status == 401 {
            logger.notice("Zendesk refused the service token; fetching a new one", metadata: ["authbridge.operation": "read chat"])
            // Drop exactly the token Zendesk refused: if another reader already replaced it, the
            // broker keeps the fresh one.
            self.tokens.invalidate(used)
            (response, used) = try await self.get(url, logger: logger)
        }
        if let error = response.error(operation: "read chat") { throw error }
        let chat = try response.decode(ContextValue.self, operation: "read chat")
        guard case .object = chat else {
            throw ZendeskError(.malformedResponse, "the chat is not a JSON object", status: response.status)
        }
        return ZendeskChatNormalizer.history(chatID: chatID, chat: chat)
    }

    /// The response and the token it was sent with.
    private func get(_ url: String, logger: Logger) async throws -> (ZendeskResponse, AccessToken) {
        let token = try await self.tokens.token()
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: "Bearer \(token.value.revealed)")
        return (try await self.http.send(ZendeskRequest(.GET, url, operation: "read chat", headers: headers), logger: logger), token)
    }
}
