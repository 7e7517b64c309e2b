public import AsyncHTTPClient
public import AuthBridgeCore
import Foundation
public import Logging

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
        let chat = try await self.fetch("\(self.tokens.key.apiBaseURL)/chats/\(segment)", operation: "read chat", logger: logger)
        return ZendeskChatNormalizer.history(chatID: chatID, chat: chat)
    }

    /// The chats of the visitor with `visitorEmail`, newest first, found with the Chat API's search
    /// (`GET /api/v2/chat/chats/search?q=visitor_email:"…"`) and then read one by one.
    ///
    /// Chat's visitor object has no external id, so an email address is the only way to find a
    /// visitor's chats. Zendesk's reference documents the search with `timestamp:` queries; the
    /// `visitor_email:` field is what current connectors search by (secondary source, written down in
    /// `Tests/Contracts/zendesk/zendesk-documented.json`, fact `chat.chats.search-by-email`), so each chat
    /// found is kept only when its visitor has exactly that address. Only the first page of results is
    /// read; chats that started before `since` are left out, and one deleted since the search is skipped.
    /// - Parameters:
    ///   - visitorEmail: A verified email address of the customer.
    ///   - maximumChats: The most chats to read.
    ///   - since: The oldest start time to read, in seconds since the Unix epoch.
    ///   - logger: The request's logger.
    /// - Returns: One history per chat.
    /// - Throws: ``ZendeskError`` or the broker's `AuthBridgeError`.
    public func recentHistory(visitorEmail: String, maximumChats: Int, since: Double, logger: Logger) async throws -> [ZendeskHistory] {
        // No quote, backslash, space or control character: the address goes inside a quoted query term.
        guard maximumChats > 0, !visitorEmail.isEmpty, visitorEmail.utf8.count <= 256,
            visitorEmail.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0 != "\"" && $0 != "\\" && $0.value != 0x7F })
        else { return [] }
        let query = PathSegment.escaped("visitor_email:\"\(visitorEmail)\"")
        let found = try await self.fetch("\(self.tokens.key.apiBaseURL)/chats/search?q=\(query)", operation: "search chats", logger: logger)
        let recent = (found["results"]?.elements ?? [])
            .compactMap { result -> (id: String, started: Double)? in
                guard let id = result["id"]?.text else { return nil }
                let started = result["timestamp"]?.timestamp ?? 0
                return started >= since ? (id, started) : nil
            }
            .sorted { $0.started > $1.started }
            .prefix(maximumChats)
        var histories: [ZendeskHistory] = []
        for chat in recent {
            do {
                let history = try await self.read(chatID: chat.id, logger: logger)
                // The search's matching is not documented: only a chat whose visitor has this very address is
                // this customer's.
                guard history.context.email?.lowercased() == visitorEmail.lowercased() else { continue }
                histories.append(history)
            } catch let error as ZendeskError where error.code == .notFound {
                continue
            }
        }
        return histories
    }

    /// GETs `url` as a JSON object; on 401 the token is dropped and the call tried once more.
    private func fetch(_ url: String, operation: String, logger: Logger) async throws -> ContextValue {
        let response = try await ZendeskBearerTransport(tokens: self.tokens, http: self.http).get(url, operation: operation, logger: logger)
        if let error = response.error(operation: operation) { throw error }
        let body = try response.decode(ContextValue.self, operation: operation)
        guard case .object = body else {
            throw ZendeskError(.malformedResponse, "the \(operation) answer is not a JSON object", status: response.status)
        }
        return body
    }
}
