public import AsyncHTTPClient
import AuthBridgeCore
import Foundation
public import Logging
import NIOHTTP1

/// Reads a Zendesk Messaging conversation through Sunshine Conversations: the user
/// (`GET /v2/apps/{appId}/users/{userIdOrExternalId}`) and the messages
/// (`GET /v2/apps/{appId}/conversations/{conversationId}/messages`), following cursor pages backwards
/// from the most recent until ``Configuration/maximumPages`` or ``Configuration/maximumMessages``.
///
/// Every message is kept, mapped as the normalizer describes: roles from the author's type
/// and subtype (activity lines are system lines), readable text for every content type, attachments
/// marked as needing Zendesk access.
public struct SunshineConversationsReader: Sendable {
    /// Where to read and how much.
    public struct Configuration: Sendable {
        /// The account's base URL; the API lives under `/sc` (`https://<subdomain>.zendesk.com/sc`).
        public var baseURL: ZendeskBaseURL
        /// The Sunshine Conversations app id.
        public var appID: String
        /// The brand whose users are looked up, for accounts that separate users by brand (then a user
        /// is found only with `?brandId=`); `nil` for accounts that do not.
        public var brandID: String?
        /// The most pages to read (each holds up to 100 messages); default 10.
        public var maximumPages: Int
        /// The most messages to keep (the most recent); default 1000.
        public var maximumMessages: Int
        /// Timeouts, body cap and retries.
        public var http: ZendeskHTTPPolicy

        /// Creates a configuration.
        /// - Parameters:
        ///   - baseURL: The account's base URL.
        ///   - appID: The app id.
        ///   - brandID: The brand of brand-separated users; default none.
        ///   - maximumPages: Default 10.
        ///   - maximumMessages: Default 1000.
        ///   - http: Timeouts, body cap and retries.
        public init(
            baseURL: ZendeskBaseURL,
            appID: String,
            brandID: String? = nil,
            maximumPages: Int = 10,
            maximumMessages: Int = 1000,
            http: ZendeskHTTPPolicy = ZendeskHTTPPolicy()
        ) {
            self.baseURL = baseURL
            self.appID = appID
            self.brandID = brandID
            self.maximumPages = max(maximumPages, 1)
            self.maximumMessages = max(maximumMessages, 1)
            self.http = http
        }
    }

    static let source = "zendesk.messaging"

    let configuration: Configuration
    private let credential: SunshineConversationsCredential
    private let http: ZendeskTransport

    /// Creates a reader.
    /// - Parameters:
    ///   - configuration: Where and how much.
    ///   - credential: The API key.
    ///   - httpClient: Your application's client; never shut down here.
    public init(configuration: Configuration, credential: SunshineConversationsCredential, httpClient: HTTPClient) {
        self.init(
            configuration: configuration,
            credential: credential,
            http: ZendeskTransport(client: httpClient, configuration: configuration.http)
        )
    }

    init(configuration: Configuration, credential: SunshineConversationsCredential, http: ZendeskTransport) {
        self.configuration = configuration
        self.credential = credential
        self.http = http
    }

    /// Reads a conversation and, if `userID` is given, its user.
    /// - Parameters:
    ///   - conversationID: The conversation id.
    ///   - userID: The user's id or external id, for the customer context; `nil` skips the user read.
    ///   - logger: The request's logger.
    /// - Returns: The transcript (source `zendesk.messaging`, oldest first, `Transcript.isTruncated` when
    ///   a cap stopped the paging) and the customer context.
    /// - Throws: ``ZendeskError``.
    public func read(conversationID: String, userID: String?, logger: Logger) async throws -> ZendeskHistory {
        let app = try Self.segment(self.configuration.appID, field: "appID")
        let conversation = try Self.segment(conversationID, field: "conversationID")
        let base = self.configuration.baseURL.appending("/sc/v2/apps/\(app)")
        var messages: [ContextValue] = []
        var cursor: String?
        var pages = 0
        var hasMore = false
        repeat {
            var url = "\(base)/conversations/\(conversation)/messages"
            if let cursor { url += "?page%5Bbefore%5D=\(PathSegment.escaped(cursor))" }
            let page = try await self.get(url, operation: "list messages", logger: logger)
            pages += 1
            // Pages run backwards: each older page goes in front.
            messages.insert(contentsOf: page["messages"]?.elements ?? [], at: 0)
            let meta = page["meta"] ?? .null
            hasMore = meta["hasMore"]?.boolValue ?? false
            cursor = meta["beforeCursor"]?.text
        } while hasMore && cursor != nil && pages < self.configuration.maximumPages
            && messages.count < self.configuration.maximumMessages
        var truncated = hasMore
        var normalized = messages.map(SunshineMessageNormalizer.message)
        // Order inside a page is not documented: sort by `received`, keeping the source order for ties.
        normalized = normalized.enumerated().sorted { left, right in
            switch (left.element.timestamp, right.element.timestamp) {
            case (let l?, let r?) where l != r: return l < r
            default: return left.offset < right.offset
            }
        }.map(\.element)
        if normalized.count > self.configuration.maximumMessages {
            normalized.removeFirst(normalized.count - self.configuration.maximumMessages)
            truncated = true
        }
        var context = CustomerContext()
        if let userID {
            let user = try Self.segment(userID, field: "userID")
            let body = try await self.get("\(base)/users/\(user)\(self.brandQuery(first: true))", operation: "get user", logger: logger)
            context = Self.context(body["user"] ?? .null)
        }
        let transcript = Transcript(source: Self.source, conversationID: conversationID, messages: normalized, isTruncated: truncated)
        return ZendeskHistory(transcript: transcript, context: context)
    }

    func get(_ url: String, operation: String, logger: Logger) async throws(ZendeskError) -> ContextValue {
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: self.credential.authorization)
        let response = try await self.http.send(ZendeskRequest(.GET, url, operation: operation, headers: headers), logger: logger)
        if let error = response.error(operation: operation) { throw error }
        let body = try response.decode(ContextValue.self, operation: operation)
        guard case .object = body else {
            throw ZendeskError(.malformedResponse, "the \(operation) response is not a JSON object", status: response.status)
        }
        return body
    }

    static func segment(_ text: String, field: String) throws(ZendeskError) -> String {
        guard !text.isEmpty, text.utf8.count <= 256 else {
            throw ZendeskError(.invalidConfiguration, "\(field) is 1 to 256 bytes", field: field)
        }
        return PathSegment.escaped(text)
    }

    static func context(_ user: ContextValue) -> CustomerContext {
        let profile = user["profile"] ?? .null
        let name = [profile["givenName"]?.text, profile["surname"]?.text].compactMap { $0 }.joined(separator: " ")
        var attributes: [String: ContextValue] = [:]
        for key in ["authenticated", "zendeskId", "identities", "signedUpAt", "metadata", "brandId"] {
            if let value = user[key], value != .null { attributes[key] = value }
        }
        if let locale = profile["locale"] { attributes["locale"] = locale }
        // A verified identity is the primary email; `profile.email` is what the user typed, if anything.
        let identities = (user["identities"]?.elements ?? []).filter { $0["type"]?.text == "email" }
        let email = identities.first?["value"]?.text ?? profile["email"]?.text
        return CustomerContext(
            sourceUserID: user["id"]?.text,
            externalID: user["externalId"]?.text,
            name: name.isEmpty ? nil : name,
            email: email,
            attributes: attributes
        )
    }
}
