import AuthBridgeCore
import AuthBridgeJWT
import Foundation
import Hummingbird
import Synchronization

/// The emulator's route handlers.
struct ZendeskEmulatorRoutes: Sendable {
    let store: ZendeskEmulatorStore
    let configuration: ZendeskEmulator.Configuration

    func register(on router: Router<EmulatorRequestContext>) {
        router.get("/api/v2/oauth/tokens/current.json") { request, _ in self.currentToken(request) }
        router.post("/oauth/tokens") { request, context in try await self.grant(request, context: context) }
        router.post("/oauth2/chat/token") { request, _ in try await self.chatGrant(request) }
        router.get("/api/v2/users/:user_id") { request, context in self.supportUser(request, context: context) }
        router.get("/api/v2/tickets/:ticket_id") { request, context in self.ticket(request, context: context) }
        router.get("/api/v2/users/:user_id/tickets/requested") { request, context in self.requestedTickets(request, context: context) }
        router.get("/api/v2/chat/chats/search") { request, _ in self.searchChats(request) }
        router.get("/api/v2/chat/chats/:chat_id") { request, context in self.chat(request, context: context) }
        router.get("/sc/v2/apps/:app_id/conversations/:conversation_id/messages") { request, context in
            self.messages(request, context: context)
        }
        router.get("/sc/v2/apps/:app_id/conversations") { request, context in self.conversations(request, context: context) }
        router.get("/sc/v2/apps/:app_id/users") { request, context in self.users(request, context: context) }
        router.get("/sc/v2/apps/:app_id/users/:user_id") { request, context in self.user(request, context: context) }
    }

    // MARK: Support OAuth

    /// The live token the request carries, if the API it calls accepts it.
    func bearerToken(_ request: Request, api: ZendeskEmulatorToken.API = .support) -> ZendeskEmulatorToken? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else { return nil }
        let value = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard let token = self.store.state.withLock({ $0.token(value) }), !token.isRevoked, token.api == api else { return nil }
        if let expiresAt = token.expiresAt, expiresAt <= self.configuration.clock.now { return nil }
        return token
    }

    private func currentToken(_ request: Request) -> Response {
        guard let token = self.bearerToken(request) else { return ZendeskEmulator.invalidTokenResponse() }
        guard token.scopes.contains("read") || token.scopes.contains("tokens:read") else {
            return ZendeskEmulator.missingScopeResponse("read")
        }
        let baseURL = self.store.baseURL.withLock { $0 }
        var body: [String: ContextValue] = [
            "id": .number(Double(token.id)),
            "client_id": .number(Double(token.clientID)),
            "user_id": .number(Double(token.userID)),
            "scopes": .array(token.scopes.map(ContextValue.string)),
            "created_at": .string(Self.iso(token.createdAt)),
            "expires_at": token.expiresAt.map { .string(Self.iso($0)) } ?? .null,
            "used_at": .string(Self.iso(self.configuration.clock.now)),
            "refresh_token": .null,
            "refresh_token_expires_at": .null,
            "url": .string("\(baseURL)/api/v2/oauth/tokens/\(token.id).json"),
        ]
        // Zendesk shows only the first 10 characters of the token.
        body["token"] = .string(String(token.value.revealed.prefix(10)))
        return (try? EmulatorJSON.response(["token": ContextValue.object(body)], headers: ZendeskEmulator.rateLimitHeaders))
            ?? Response(status: .internalServerError)
    }

    private func grant(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: 64 * 1024)
        guard let body = try? JSONDecoder().decode(ContextValue.self, from: Data(buffer.readableBytesView)), case .object = body else {
            return ZendeskEmulator.oauthError("invalid_request", "The request is missing a required parameter.", status: .badRequest)
        }
        guard body["grant_type"]?.stringValue == "client_credentials" else {
            return ZendeskEmulator.oauthError(
                "unsupported_grant_type",
                "The authorization grant type is not supported by the authorization server.",
                status: .badRequest
            )
        }
        let identifier = body["client_id"]?.stringValue ?? ""
        let secret = Secret(body["client_secret"]?.stringValue ?? "")
        let requested = (body["scope"]?.stringValue ?? "read").split(separator: " ").map(String.init)
        let now = self.configuration.clock.now
        let outcome = self.store.state.withLock { state -> Result<(ZendeskEmulatorToken, Int?), GrantFailure> in
            guard let client = state.clients.first(where: { $0.identifier == identifier && $0.secret == secret }) else {
                return .failure(.invalidClient)
            }
            // `chat` is a Chat API scope, never a Support one, whatever the client allows.
            guard requested.allSatisfy({ client.allowedScopes.contains($0) && $0 != "chat" }) else { return .failure(.invalidScope) }
            state.issued += 1
            let value = Secret("zdk_emulated_\(state.issued)_\(UInt64.random(in: 0...UInt64.max))")
            let token = ZendeskEmulatorToken(
                value: value,
                id: 900_000 + state.issued,
                userID: client.userID,
                clientID: client.id,
                scopes: requested,
                createdAt: now,
                expiresAt: client.tokenLifetime.map { now + Double($0) }
            )
            state.tokens.append(token)
            return .success((token, client.tokenLifetime))
        }
        // Create Token for Grant Type answers 201.
        return self.grantAnswer(outcome, status: .created)
    }

    private func grantAnswer(_ outcome: Result<(ZendeskEmulatorToken, Int?), GrantFailure>, status: HTTPResponse.Status = .ok) -> Response {
        switch outcome {
        case .failure(.invalidClient):
            return ZendeskEmulator.oauthError(
                "invalid_client",
                "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.",
                status: .unauthorized
            )
        case .failure(.invalidScope):
            return ZendeskEmulator.oauthError("invalid_scope", "The requested scope is invalid, unknown, or malformed.", status: .badRequest)
        case .success(let (token, lifetime)):
            var answer: [String: ContextValue] = [
                "access_token": .string(token.value.revealed),
                "token_type": "bearer",
                "scope": .string(token.scopes.joined(separator: " ")),
            ]
            if let lifetime { answer["expires_in"] = .number(Double(lifetime)) }
            return (try? EmulatorJSON.response(answer, status: status)) ?? Response(status: .internalServerError)
        }
    }

    private enum GrantFailure: Error {
        case invalidClient
        case invalidScope
    }

    // MARK: Support tickets

    /// A Support token that may read tickets (`read`, `tickets:read` or the bare `tickets`), or the answer.
    private func ticketReader(_ request: Request) -> Response? {
        guard let token = self.bearerToken(request) else { return ZendeskEmulator.invalidTokenResponse() }
        guard token.scopes.contains(where: { ["read", "tickets:read", "tickets"].contains($0) }) else {
            return ZendeskEmulator.missingScopeResponse("read")
        }
        return nil
    }

    private func supportUser(_ request: Request, context: EmulatorRequestContext) -> Response {
        guard let token = self.bearerToken(request) else { return ZendeskEmulator.invalidTokenResponse() }
        guard token.scopes.contains(where: { ["read", "users:read", "users"].contains($0) }) else {
            return ZendeskEmulator.missingScopeResponse("read")
        }
        var id = Self.parameter(context, "user_id")
        if id.hasSuffix(".json") { id.removeLast(5) }
        guard let user = self.store.state.withLock({ $0.supportUsers[id] }) else { return ZendeskEmulator.notFound() }
        return (try? EmulatorJSON.response(["user": user], headers: ZendeskEmulator.rateLimitHeaders)) ?? Response(status: .internalServerError)
    }

    private func ticket(_ request: Request, context: EmulatorRequestContext) -> Response {
        if let refused = self.ticketReader(request) { return refused }
        var id = Self.parameter(context, "ticket_id")
        if id.hasSuffix(".json") { id.removeLast(5) }
        guard let ticket = self.store.state.withLock({ $0.tickets[id] }) else { return ZendeskEmulator.notFound() }
        return (try? EmulatorJSON.response(["ticket": ticket], headers: ZendeskEmulator.rateLimitHeaders)) ?? Response(status: .internalServerError)
    }

    /// The user's requested tickets, cursor-paged: `sort` is `updated_at` or `-updated_at` (or `id`), one
    /// page of `page[size]` (at most 100).
    private func requestedTickets(_ request: Request, context: EmulatorRequestContext) -> Response {
        if let refused = self.ticketReader(request) { return refused }
        let userID = Self.parameter(context, "user_id")
        let sort = RecordedCall.queryValue("sort", in: request.uri.query) ?? "id"
        let size = Int(RecordedCall.queryValue("page[size]", in: request.uri.query) ?? "100") ?? 100
        guard (1...100).contains(size), ["id", "-id", "updated_at", "-updated_at"].contains(sort) else {
            return EmulatorJSON.response(
                json: #"{"error":"InvalidPaginationParameter","description":"Invalid sort or page[size]"}"#, status: .badRequest)
        }
        var tickets = self.store.state.withLock { state in
            state.tickets.values.filter { $0["requester_id"]?.numberValue.map { String(Int64($0)) } == userID }
        }
        let key = sort.hasSuffix("updated_at") ? "updated_at" : "id"
        tickets.sort { left, right in
            let l = left[key]?.stringValue ?? left[key]?.numberValue.map { String(format: "%020.0f", $0) } ?? ""
            let r = right[key]?.stringValue ?? right[key]?.numberValue.map { String(format: "%020.0f", $0) } ?? ""
            return sort.hasPrefix("-") ? l > r : l < r
        }
        // Cursor paging: `page[after]` is the last ticket of the previous page (opaque to clients).
        if let after = RecordedCall.queryValue("page[after]", in: request.uri.query) {
            guard let index = tickets.firstIndex(where: { $0["id"]?.numberValue.map { String(Int64($0)) } == after }) else {
                return EmulatorJSON.response(
                    json: #"{"error":"InvalidPaginationParameter","description":"Invalid page[after]"}"#, status: .badRequest)
            }
            tickets.removeFirst(index + 1)
        }
        let page = Array(tickets.prefix(size))
        let hasMore = tickets.count > size
        let cursor: ContextValue = hasMore ? (page.last?["id"]?.numberValue.map { .string(String(Int64($0))) } ?? .null) : .null
        let baseURL = self.store.baseURL.withLock { $0 }
        let next: ContextValue =
            cursor.stringValue.map { .string("\(baseURL)\(request.uri.path)?sort=\(sort)&page%5Bsize%5D=\(size)&page%5Bafter%5D=\($0)") } ?? .null
        let body: ContextValue = [
            "tickets": .array(page),
            "meta": ["has_more": .bool(hasMore), "after_cursor": cursor, "before_cursor": .null],
            "links": ["next": next, "prev": .null],
        ]
        return (try? EmulatorJSON.response(body, headers: ZendeskEmulator.rateLimitHeaders)) ?? Response(status: .internalServerError)
    }

    // MARK: Chat

    /// `POST /oauth2/chat/token`: the Chat API's client-credentials grant, form-encoded, for a confidential
    /// Chat client only.
    private func chatGrant(_ request: Request) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: 64 * 1024)
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            return ZendeskEmulator.oauthError("invalid_request", "The request is missing a required parameter.", status: .badRequest)
        }
        let form = EmulatorForm.fields(buffer.readableBytesView)
        guard form["grant_type"] == "client_credentials" else {
            return ZendeskEmulator.oauthError(
                "unsupported_grant_type",
                "The authorization grant type is not supported by the authorization server.",
                status: .badRequest
            )
        }
        let identifier = form["client_id"] ?? ""
        let secret = Secret(form["client_secret"] ?? "")
        let requested = (form["scope"] ?? "read").split(separator: " ").map(String.init)
        let now = self.configuration.clock.now
        let outcome = self.store.state.withLock { state -> Result<(ZendeskEmulatorToken, Int?), GrantFailure> in
            // A client that is not confidential may not use this grant: Zendesk answers invalid_client.
            guard let client = state.chatClients.first(where: { $0.identifier == identifier && $0.secret == secret }), client.isConfidential
            else { return .failure(.invalidClient) }
            guard requested.allSatisfy(client.allowedScopes.contains) else { return .failure(.invalidScope) }
            state.issued += 1
            let token = ZendeskEmulatorToken(
                value: Secret("zdc_emulated_\(state.issued)_\(UInt64.random(in: 0...UInt64.max))"),
                id: 800_000 + state.issued,
                scopes: requested,
                createdAt: now,
                expiresAt: client.tokenLifetime.map { now + Double($0) },
                api: .chat
            )
            state.tokens.append(token)
            return .success((token, client.tokenLifetime))
        }
        return self.grantAnswer(outcome)
    }

    /// `GET /api/v2/chat/chats/search?q=`: the `visitor_email:"…"` term connectors use. The reference's
    /// own `timestamp:` queries are not emulated: they answer 400 (a limit of this emulator, documented).
    private func searchChats(_ request: Request) -> Response {
        guard let token = self.bearerToken(request, api: .chat) else { return ZendeskEmulator.invalidTokenResponse() }
        guard token.scopes.contains("read") else { return ZendeskEmulator.missingScopeResponse("read") }
        let query = RecordedCall.queryValue("q", in: request.uri.query) ?? ""
        guard query.hasPrefix("visitor_email:") else {
            return EmulatorJSON.response(json: #"{"error":"BadRequest","description":"unsupported query"}"#, status: .badRequest)
        }
        var email = String(query.dropFirst("visitor_email:".count))
        if email.hasPrefix("\""), email.hasSuffix("\""), email.count >= 2 { email = String(email.dropFirst().dropLast()) }
        let baseURL = self.store.baseURL.withLock { $0 }
        let results = self.store.state.withLock { state in
            state.chats.values.filter { $0["visitor"]?["email"]?.stringValue?.lowercased() == email.lowercased() }
        }
        .sorted { ($0["timestamp"]?.stringValue ?? "") > ($1["timestamp"]?.stringValue ?? "") }
        .map { chat -> ContextValue in
            let id = chat["id"]?.stringValue ?? ""
            return [
                "id": .string(id), "type": chat["type"] ?? "chat", "timestamp": chat["timestamp"] ?? .null,
                "url": .string("\(baseURL)/api/v2/chat/chats/\(id)"),
                "preview": .string(chat["history"]?.elementsArray.first { $0["type"] == "chat.msg" }?["msg"]?.stringValue ?? ""),
            ]
        }
        let body: ContextValue = ["results": .array(results), "next_url": .null, "count": .number(Double(results.count))]
        return (try? EmulatorJSON.response(body, headers: ZendeskEmulator.rateLimitHeaders)) ?? Response(status: .internalServerError)
    }

    private func chat(_ request: Request, context: EmulatorRequestContext) -> Response {
        // The Chat API takes only Chat tokens: a Support token is as unknown to it as a made-up one.
        guard let token = self.bearerToken(request, api: .chat) else { return ZendeskEmulator.invalidTokenResponse() }
        guard token.scopes.contains("read") else { return ZendeskEmulator.missingScopeResponse("read") }
        let id = Self.parameter(context, "chat_id")
        guard let chat = self.store.state.withLock({ $0.chats[id] }) else { return ZendeskEmulator.notFound() }
        return (try? EmulatorJSON.response(chat, headers: ZendeskEmulator.rateLimitHeaders)) ?? Response(status: .internalServerError)
    }

    // MARK: Sunshine Conversations

    private func isAuthorized(_ request: Request) -> Bool {
        guard let header = request.headers[.authorization], header.hasPrefix("Basic "),
            let data = Data(base64Encoded: String(header.dropFirst("Basic ".count))),
            let pair = String(data: data, encoding: .utf8), let colon = pair.firstIndex(of: ":")
        else { return false }
        let keyID = String(pair[..<colon])
        let secret = Secret(String(pair[pair.index(after: colon)...]))
        return self.store.state.withLock { state in
            state.sunshineKeys.contains { $0.keyID == keyID && $0.secret == secret }
        }
    }

    private func messages(_ request: Request, context: EmulatorRequestContext) -> Response {
        guard self.isAuthorized(request) else {
            return ZendeskEmulator.sunshineError("unauthorized", "Authorization is required", status: .unauthorized)
        }
        let appID = Self.parameter(context, "app_id")
        let conversationID = Self.parameter(context, "conversation_id")
        guard let all = self.store.state.withLock({ $0.conversations[appID]?[conversationID] }) else {
            return ZendeskEmulator.sunshineError("conversation_not_found", "Conversation not found", status: .notFound)
        }
        let before = RecordedCall.queryValue("page[before]", in: request.uri.query)
        let after = RecordedCall.queryValue("page[after]", in: request.uri.query)
        if before != nil, after != nil {
            return ZendeskEmulator.sunshineError("bad_request", "page[before] and page[after] cannot be used together", status: .badRequest)
        }
        // Cursors are record ids, exactly 24 characters (the spec's page[before]/page[after] limits); the
        // page holds the messages strictly before or after that record.
        for cursor in [before, after].compactMap({ $0 }) where cursor.count != 24 {
            return ZendeskEmulator.sunshineError(
                "bad_request", "Invalid page parameter: \(cursor.count) characters, 24 expected", status: .badRequest)
        }
        let size = self.configuration.messagesPerPage
        let range: Range<Int>
        if let before {
            guard let end = all.firstIndex(where: { $0["id"]?.stringValue == before }) else {
                return ZendeskEmulator.sunshineError("bad_request", "Invalid cursor", status: .badRequest)
            }
            range = max(0, end - size)..<end
        } else if let after {
            guard let index = all.firstIndex(where: { $0["id"]?.stringValue == after }) else {
                return ZendeskEmulator.sunshineError("bad_request", "Invalid cursor", status: .badRequest)
            }
            range = (index + 1)..<min(all.count, index + 1 + size)
        } else {
            range = max(0, all.count - size)..<all.count
        }
        let baseURL = self.store.baseURL.withLock { $0 }
        let path = "\(baseURL)\(request.uri.path)"
        var meta: [String: ContextValue] = ["hasMore": .bool(after == nil ? range.lowerBound > 0 : range.upperBound < all.count)]
        var links: [String: ContextValue] = [:]
        if range.lowerBound > 0, let cursor = all[range.lowerBound]["id"]?.stringValue {
            meta["beforeCursor"] = .string(cursor)
            links["prev"] = .string("\(path)?page%5Bbefore%5D=\(cursor)")
        }
        if range.upperBound < all.count, range.upperBound > 0, let cursor = all[range.upperBound - 1]["id"]?.stringValue {
            meta["afterCursor"] = .string(cursor)
            links["next"] = .string("\(path)?page%5Bafter%5D=\(cursor)")
        }
        let body: [String: ContextValue] = [
            "messages": .array(Array(all[range])),
            "meta": .object(meta),
            "links": .object(links),
        ]
        return (try? EmulatorJSON.response(body)) ?? Response(status: .internalServerError)
    }

    /// `GET /v2/apps/{appId}/conversations`: exactly one of `filter[userId]` and `filter[userExternalId]`;
    /// a conversation is the user's when one of its messages is theirs. Times are its first and last
    /// message's.
    private func conversations(_ request: Request, context: EmulatorRequestContext) -> Response {
        guard self.isAuthorized(request) else {
            return ZendeskEmulator.sunshineError("unauthorized", "Authorization is required", status: .unauthorized)
        }
        let appID = Self.parameter(context, "app_id")
        let byID = RecordedCall.queryValue("filter[userId]", in: request.uri.query)
        let byExternalID = RecordedCall.queryValue("filter[userExternalId]", in: request.uri.query)
        guard (byID == nil) != (byExternalID == nil) else {
            return ZendeskEmulator.sunshineError(
                "bad_request", "Exactly one of filter[userId] or filter[userExternalId] is required", status: .badRequest)
        }
        let size = Int(RecordedCall.queryValue("page[size]", in: request.uri.query) ?? "25") ?? 25
        guard (1...100).contains(size) else { return ZendeskEmulator.sunshineError("bad_request", "Invalid page[size]", status: .badRequest) }
        let found: [ContextValue]? = self.store.state.withLock { state in
            guard
                let user = state.users[appID]?.first(where: { user in
                    byID.map { user["id"]?.stringValue == $0 } ?? (user["externalId"]?.stringValue == byExternalID)
                }), let userID = user["id"]?.stringValue
            else { return nil }
            return (state.conversations[appID] ?? [:]).sorted { $0.key < $1.key }.compactMap { id, messages -> ContextValue? in
                guard messages.contains(where: { $0["author"]?["userId"]?.stringValue == userID }) else { return nil }
                return [
                    "id": .string(id), "type": "personal", "isDefault": false,
                    "createdAt": messages.first?["received"] ?? .null, "lastUpdatedAt": messages.last?["received"] ?? .null,
                    "metadata": .null,
                ]
            }
        }
        guard let found else { return ZendeskEmulator.sunshineError("user_not_found", "User not found", status: .notFound) }
        let page = Array(found.prefix(size))
        let body: ContextValue = ["conversations": .array(page), "meta": ["hasMore": .bool(found.count > size)], "links": [:]]
        return (try? EmulatorJSON.response(body)) ?? Response(status: .internalServerError)
    }

    /// `GET /v2/apps/{appId}/users?filter[identities.email]=`: users whose email identity (never
    /// `profile.email`) is that address, in the brand asked for.
    private func users(_ request: Request, context: EmulatorRequestContext) -> Response {
        guard self.isAuthorized(request) else {
            return ZendeskEmulator.sunshineError("unauthorized", "Authorization is required", status: .unauthorized)
        }
        let appID = Self.parameter(context, "app_id")
        guard let email = RecordedCall.queryValue("filter[identities.email]", in: request.uri.query) else {
            return ZendeskEmulator.sunshineError("bad_request", "filter[identities.email] is required", status: .badRequest)
        }
        let brand = RecordedCall.queryValue("brandId", in: request.uri.query)
        let users = self.store.state.withLock { state in
            (state.users[appID] ?? []).filter { user in
                Self.inBrand(user, brand)
                    && user["identities"]?.elementsArray.contains {
                        $0["type"] == "email" && $0["value"]?.stringValue?.lowercased() == email.lowercased()
                    }
                        == true
            }
        }
        // The spec's userListResponse has only `users`.
        let body: ContextValue = ["users": .array(users)]
        return (try? EmulatorJSON.response(body)) ?? Response(status: .internalServerError)
    }

    /// A brand-separated user (one with a `brandId`) is found only with that `brandId`.
    private static func inBrand(_ user: ContextValue, _ brand: String?) -> Bool {
        guard let own = user["brandId"]?.stringValue else { return true }
        return own == brand
    }

    private func user(_ request: Request, context: EmulatorRequestContext) -> Response {
        guard self.isAuthorized(request) else {
            return ZendeskEmulator.sunshineError("unauthorized", "Authorization is required", status: .unauthorized)
        }
        let appID = Self.parameter(context, "app_id")
        let userID = Self.parameter(context, "user_id")
        let brand = RecordedCall.queryValue("brandId", in: request.uri.query)
        let user = self.store.state.withLock { state in
            state.users[appID]?.first {
                ($0["id"]?.stringValue == userID || $0["externalId"]?.stringValue == userID) && Self.inBrand($0, brand)
            }
        }
        guard let user else { return ZendeskEmulator.sunshineError("user_not_found", "User not found", status: .notFound) }
        return (try? EmulatorJSON.response(["user": user])) ?? Response(status: .internalServerError)
    }

    // MARK: Helpers

    private static func parameter(_ context: EmulatorRequestContext, _ name: String) -> String {
        let raw = context.parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    static func iso(_ seconds: Double) -> String {
        Date(timeIntervalSince1970: seconds).formatted(.iso8601)
    }
}

extension ContextValue {
    /// The elements of an array, or none.
    fileprivate var elementsArray: [ContextValue] {
        if case .array(let elements) = self { return elements }
        return []
    }
}
