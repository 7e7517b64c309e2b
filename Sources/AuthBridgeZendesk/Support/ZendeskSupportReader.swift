public import AsyncHTTPClient
public import AuthBridgeCore
import Foundation
public import Logging

/// Reads Zendesk Support with a Support OAuth token (from ``ZendeskClientCredentialsProvider``, scopes
/// `tickets:read` and `users:read`; `read` covers both): the ticket behind a customer's conversation, and
/// the user behind an OAuth session (whose token names only the user id).
///
/// A Chat names its ticket (`zendesk_ticket_id`, with version 2 of the Chat-Support integration). A
/// Messaging conversation does not: Zendesk links it to a ticket internally and exposes no field for it
/// (fact `support.ticket.messaging-link`), so the ticket taken is the customer's most recently updated
/// requested ticket that came from a messaging channel (`from_messaging_channel`), through
/// `GET /api/v2/users/{zendeskId}/tickets/requested?sort=-updated_at`.
public struct ZendeskSupportReader<C: Clock>: Sendable where C.Duration == Duration {
    private let tokens: TokenBroker<ZendeskOAuthClient, C>.Handle
    private let http: ZendeskTransport
    /// The custom fields whose values are carried, by id.
    public let customFieldIDs: Set<String>

    /// Creates a reader.
    /// - Parameters:
    ///   - tokens: The broker handle of the Support OAuth client.
    ///   - customFieldIDs: The ticket fields to carry, by id; others are left out.
    ///   - httpClient: Your application's client; never shut down here.
    ///   - http: Timeouts, body cap and retries.
    public init(
        tokens: TokenBroker<ZendeskOAuthClient, C>.Handle,
        customFieldIDs: Set<String> = [],
        httpClient: HTTPClient,
        http: ZendeskHTTPPolicy = ZendeskHTTPPolicy()
    ) {
        self.init(tokens: tokens, customFieldIDs: customFieldIDs, http: ZendeskTransport(client: httpClient, configuration: http))
    }

    init(tokens: TokenBroker<ZendeskOAuthClient, C>.Handle, customFieldIDs: Set<String>, http: ZendeskTransport) {
        self.tokens = tokens
        self.customFieldIDs = customFieldIDs
        self.http = http
    }

    /// The ticket with `id` (`GET /api/v2/tickets/{ticket_id}`), or `nil` when Zendesk has none.
    /// - Parameters:
    ///   - id: The ticket id.
    ///   - logger: The request's logger.
    /// - Returns: The ticket.
    /// - Throws: ``ZendeskError`` or the broker's `AuthBridgeError`.
    public func ticket(id: String, logger: Logger) async throws -> CustomerTicket? {
        guard !id.isEmpty, id.utf8.count <= 32 else { return nil }
        let body = try await self.fetch("/api/v2/tickets/\(PathSegment.escaped(id))", operation: "show ticket", logger: logger)
        return body.flatMap { $0["ticket"] }.flatMap(self.ticket)
    }

    /// The Support user `id` (`GET /api/v2/users/{user_id}`), or `nil` when Zendesk has none.
    /// - Parameters:
    ///   - id: The Support user id.
    ///   - logger: The request's logger.
    /// - Returns: The user's ids, primary email and Zendesk's `verified` (some identity is verified).
    /// - Throws: ``ZendeskError`` or the broker's `AuthBridgeError`.
    public func user(id: String, logger: Logger) async throws -> ZendeskSupportUser? {
        guard !id.isEmpty, id.utf8.count <= 32 else { return nil }
        let body = try await self.fetch("/api/v2/users/\(PathSegment.escaped(id))", operation: "show user", logger: logger)
        guard let user = body.flatMap({ $0["user"] }), let userID = user["id"]?.text else { return nil }
        return ZendeskSupportUser(
            id: userID,
            externalID: user["external_id"]?.text.flatMap { $0.isEmpty ? nil : $0 },
            email: user["email"]?.text.flatMap { $0.isEmpty ? nil : $0 },
            isVerified: user["verified"]?.boolValue == true
        )
    }

    /// The requester's most recently updated ticket that came from a messaging channel, or `nil`.
    /// - Parameters:
    ///   - requesterID: The Support user id (a Sunshine Conversations user's `zendeskId`).
    ///   - logger: The request's logger.
    /// - Returns: The ticket.
    /// - Throws: ``ZendeskError`` or the broker's `AuthBridgeError`.
    public func latestMessagingTicket(requesterID: String, logger: Logger) async throws -> CustomerTicket? {
        guard !requesterID.isEmpty, requesterID.utf8.count <= 32 else { return nil }
        let path = "/api/v2/users/\(PathSegment.escaped(requesterID))/tickets/requested?sort=-updated_at&page%5Bsize%5D=25"
        guard let body = try await self.fetch(path, operation: "list requested tickets", logger: logger) else { return nil }
        let tickets = body["tickets"]?.elements ?? []
        return tickets.first { $0["from_messaging_channel"]?.boolValue == true }.flatMap(self.ticket)
    }

    private func ticket(_ value: ContextValue) -> CustomerTicket? {
        guard let id = value["id"]?.text else { return nil }
        var fields: [String: String] = [:]
        for field in value["custom_fields"]?.elements ?? [] {
            guard let fieldID = field["id"]?.text, self.customFieldIDs.contains(fieldID) else { continue }
            switch field["value"] {
            case .array(let values)?: fields[fieldID] = values.compactMap(\.text).joined(separator: ",")
            case .bool(let flag)?: fields[fieldID] = flag ? "true" : "false"
            case let other?: if let text = other.text { fields[fieldID] = text }
            case nil: break
            }
        }
        return CustomerTicket(
            id: id,
            subject: value["subject"]?.text,
            status: value["status"]?.text,
            priority: value["priority"]?.text,
            tags: (value["tags"]?.elements ?? []).compactMap(\.text),
            customFields: fields
        )
    }

    /// GETs `path` on the account; `nil` for 404.
    private func fetch(_ path: String, operation: String, logger: Logger) async throws -> ContextValue? {
        let url = self.tokens.key.baseURL.appending(path)
        let response = try await ZendeskBearerTransport(tokens: self.tokens, http: self.http).get(url, operation: operation, logger: logger)
        if response.status == 404 { return nil }
        if let error = response.error(operation: operation) { throw error }
        return try response.decode(ContextValue.self, operation: operation)
    }
}
