public import AuthBridgeCore
public import AuthBridgeJWT
import Foundation
import Hummingbird
public import Logging
import Synchronization

/// A local Zendesk that answers the endpoints AuthBridge uses, on `127.0.0.1` and an ephemeral port.
///
/// It follows the reference, not AuthBridge's client: the same paths, JSON shapes, status codes, error
/// bodies and headers (`WWW-Authenticate` on 401, the missing-scope 403 body, `Retry-After` and
/// `X-Rate-Limit` headers). Seed it with OAuth clients, tokens, chats, Sunshine Conversations users,
/// messages and API keys; inject faults per route through ``faults``; assert on ``calls``.
///
/// Endpoints:
/// - `GET /api/v2/oauth/tokens/current.json`: the token the request carries (`read` scope needed).
/// - `POST /oauth/tokens`: Support's client-credentials grant (JSON body); `chat` is no Support scope.
/// - `POST /oauth2/chat/token`: the Chat API's client-credentials grant (form body, confidential clients).
/// - `GET /api/v2/chat/chats/{chat_id}`: a seeded chat, for a Chat token with `read` (a Support token
///   gets 401).
/// - `GET /api/v2/users/{user_id}`: a seeded Support user, for a Support token with `read`, `users:read`
///   or `users`.
/// - `GET /api/v2/tickets/{ticket_id}` and `GET /api/v2/users/{user_id}/tickets/requested` (cursor
///   paging, `sort=-updated_at`): Support tickets, for a Support token with `read`, `tickets:read` or
///   `tickets`.
/// - `GET /api/v2/chat/chats/search?q=visitor_email:"…"`: the visitor's chats (the reference's
///   `timestamp:` queries are not emulated and answer 400).
/// - `GET /sc/v2/apps/{appId}/conversations` and `/users?filter[identities.email]=`: a user's
///   conversations, users by email identity (brand-separated users only with their `brandId`).
/// - `GET /sc/v2/apps/{appId}/conversations/{conversationId}/messages`: cursor pages backwards, newest
///   page first, ``Configuration/messagesPerPage`` per page (100 at Zendesk), Basic authentication.
/// - `GET /sc/v2/apps/{appId}/users/{userIdOrExternalId}`: a seeded user.
///
/// ```swift
/// let zendesk = try await ZendeskEmulator.start()
/// zendesk.addToken(ZendeskEmulatorToken(value: Secret("t0k3n"), scopes: ["read"]))
/// zendesk.faults.inject(ZendeskEmulator.rateLimitFault(retryAfter: 1), on: EmulatorRoute(.get, "/api/v2/oauth/tokens/current.json"))
/// // … point the client at zendesk.baseURL …
/// await zendesk.stop()
/// ```
public final class ZendeskEmulator: Sendable {
    /// How the emulator behaves.
    public struct Configuration: Sendable {
        /// Messages per Sunshine Conversations page; Zendesk's is fixed at 100.
        public var messagesPerPage: Int
        /// The clock token expiry is judged by.
        public var clock: JWTClock
        /// The server's logger; default discards everything.
        public var logger: Logger?

        /// Creates a configuration.
        /// - Parameters:
        ///   - messagesPerPage: Default 100.
        ///   - clock: Default the system clock.
        ///   - logger: Default none.
        public init(messagesPerPage: Int = 100, clock: JWTClock = .system, logger: Logger? = nil) {
            self.messagesPerPage = max(messagesPerPage, 1)
            self.clock = clock
            self.logger = logger
        }
    }

    /// The HTTP server underneath.
    public let server: EmulatorServer
    let store: ZendeskEmulatorStore

    private init(server: EmulatorServer, store: ZendeskEmulatorStore) {
        self.server = server
        self.store = store
    }

    /// `http://127.0.0.1:<port>`: use it as the account's base URL.
    public var baseURL: String { self.server.baseURL }
    /// The faults armed on this emulator.
    public var faults: EmulatorFaults { self.server.faults }
    /// Every request received.
    public var calls: EmulatorCallRecorder { self.server.calls }

    /// Starts an emulator with nothing seeded.
    /// - Parameters:
    ///   - configuration: Page size, clock, logger.
    ///   - port: The loopback port; default 0, an ephemeral one.
    /// - Returns: The running emulator.
    /// - Throws: If the server cannot listen.
    public static func start(configuration: Configuration = Configuration(), port: Int = 0) async throws -> ZendeskEmulator {
        let store = ZendeskEmulatorStore()
        let router = Router(context: EmulatorRequestContext.self)
        ZendeskEmulatorRoutes(store: store, configuration: configuration).register(on: router)
        let server = try await EmulatorServer.start(router: router, port: port, logger: configuration.logger)
        store.baseURL.withLock { $0 = server.baseURL }
        return ZendeskEmulator(server: server, store: store)
    }

    /// Every route the emulator serves, as `METHOD /path/:param`. A contract test checks each against
    /// Zendesk's published definitions (`Tests/Contracts/zendesk/`).
    public static var servedRoutes: [EmulatorRoute] {
        let router = Router(context: EmulatorRequestContext.self)
        ZendeskEmulatorRoutes(store: ZendeskEmulatorStore(), configuration: Configuration()).register(on: router)
        return router.routes.map { EmulatorRoute($0.method, $0.path.description) }
    }

    /// Stops the server; see ``EmulatorServer/stop()``.
    public func stop() async {
        await self.server.stop()
    }

    // MARK: Seeding

    /// Adds (or replaces, by value) an OAuth access token.
    /// - Parameter token: The token.
    public func addToken(_ token: ZendeskEmulatorToken) {
        self.store.state.withLock { state in
            state.tokens.removeAll { $0.value == token.value }
            state.tokens.append(token)
        }
    }

    /// Revokes the token with `value`: later calls with it get 401.
    /// - Parameter value: The bearer value.
    public func revokeToken(_ value: Secret) {
        self.store.state.withLock { state in
            for index in state.tokens.indices where state.tokens[index].value == value {
                state.tokens[index].isRevoked = true
            }
        }
    }

    /// The tokens known now, seeded and issued.
    public var tokens: [ZendeskEmulatorToken] {
        self.store.state.withLock { $0.tokens }
    }

    /// Adds an OAuth client for the client-credentials grant.
    /// - Parameter client: The client.
    public func addOAuthClient(_ client: ZendeskEmulatorOAuthClient) {
        self.store.state.withLock { $0.clients.append(client) }
    }

    /// Adds a Chat API OAuth client for `POST /oauth2/chat/token`.
    /// - Parameter client: The client.
    public func addChatClient(_ client: ZendeskEmulatorChatClient) {
        self.store.state.withLock { $0.chatClients.append(client) }
    }

    /// Adds (or replaces) a chat, as the Chat API's `GET /api/v2/chat/chats/{chat_id}` returns it.
    /// - Parameter chat: A JSON object with at least `id`; see ``sampleChat(id:history:)`` for the shape.
    public func addChat(_ chat: ContextValue) {
        guard let id = chat["id"]?.stringValue else { return }
        self.store.state.withLock { $0.chats[id] = chat }
    }

    /// Adds (or replaces) a Support ticket, as `GET /api/v2/tickets/{ticket_id}` returns it.
    /// - Parameter ticket: A JSON object with at least `id`; see ``sampleTicket(id:requesterID:fromMessaging:)``.
    public func addTicket(_ ticket: ContextValue) {
        guard let id = ticket["id"].flatMap({ $0.stringValue ?? $0.numberValue.map { String(Int64($0)) } }) else { return }
        self.store.state.withLock { $0.tickets[id] = ticket }
    }

    /// Adds (or replaces) a Support user, as `GET /api/v2/users/{user_id}` returns it.
    /// - Parameter user: A JSON object with at least `id` (`external_id`, `email`, `verified`, `name`, …).
    public func addSupportUser(_ user: ContextValue) {
        guard let id = user["id"].flatMap({ $0.stringValue ?? $0.numberValue.map { String(Int64($0)) } }) else { return }
        self.store.state.withLock { $0.supportUsers[id] = user }
    }

    /// Adds a Sunshine Conversations API key accepted as Basic authentication.
    /// - Parameters:
    ///   - keyID: The key id.
    ///   - secret: The secret.
    public func addSunshineKey(keyID: String, secret: Secret) {
        self.store.state.withLock { $0.sunshineKeys.append((keyID, secret)) }
    }

    /// Appends messages to a conversation (creating it), oldest first, as Sunshine Conversations message
    /// objects (`id`, `received`, `author{type,…}`, `content{type,…}`, `source`, `metadata`).
    /// - Parameters:
    ///   - messages: The messages.
    ///   - conversationID: The conversation.
    ///   - appID: The app.
    public func addMessages(_ messages: [ContextValue], conversationID: String, appID: String) {
        self.store.state.withLock { state in
            state.conversations[appID, default: [:]][conversationID, default: []].append(contentsOf: messages)
        }
    }

    /// Adds a Sunshine Conversations user (`id`, `externalId`, `authenticated`, `zendeskId`,
    /// `profile{givenName,surname,email}`, `identities[]`).
    /// - Parameters:
    ///   - user: The user object.
    ///   - appID: The app.
    public func addUser(_ user: ContextValue, appID: String) {
        self.store.state.withLock { $0.users[appID, default: []].append(user) }
    }
}
