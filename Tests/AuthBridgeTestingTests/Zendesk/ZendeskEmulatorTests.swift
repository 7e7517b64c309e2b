import AsyncHTTPClient
import AuthBridgeCore
import AuthBridgeTestSupport
import AuthBridgeTesting
import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1
import Testing

@Suite("ZendeskEmulator answers as the reference says")
struct ZendeskEmulatorTests {
    private struct Answer {
        var status: Int
        var headers: HTTPHeaders
        var body: String
        var json: ContextValue? { try? JSONDecoder().decode(ContextValue.self, from: Data(self.body.utf8)) }
    }

    private static func send(
        _ client: HTTPClient,
        _ url: String,
        method: HTTPMethod = .GET,
        authorization: String? = nil,
        headers extra: [String: String] = [:],
        body: String? = nil
    ) async throws -> Answer {
        var headers = authorization.map { [("Authorization", $0)] } ?? []
        if body != nil, extra["content-type"] == nil { headers.append(("Content-Type", "application/json")) }
        headers += extra.map { ($0.key, $0.value) }
        let reply = try await TestHTTP.send(method, url, headers: headers, body: body.map { .text($0) }, client: client, timeout: .seconds(10))
        return Answer(status: reply.status, headers: reply.headers, body: reply.body)
    }

    private static func withEmulator(_ body: (ZendeskEmulator, HTTPClient) async throws -> Void) async throws {
        let emulator = try await ZendeskEmulator.start(configuration: .init(messagesPerPage: 2))
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await body(emulator, client)
        } catch {
            try? await client.shutdown()
            await emulator.stop()
            throw error
        }
        try await client.shutdown()
        await emulator.stop()
    }

    @Test func tokenIntrospectionShapesAndErrors() async throws {
        try await Self.withEmulator { (emulator: ZendeskEmulator, client: HTTPClient) async throws in
            emulator.addToken(
                ZendeskEmulatorToken(value: Secret("abcdefghijklmnop"), id: 7, userID: 8, clientID: 9, scopes: ["read"], expiresAt: 4_102_444_800))
            emulator.addToken(ZendeskEmulatorToken(value: Secret("no-read-scope"), scopes: ["tickets:write"]))
            let url = emulator.baseURL + "/api/v2/oauth/tokens/current.json"

            let ok = try await Self.send(client, url, authorization: "Bearer abcdefghijklmnop")
            #expect(ok.status == 200)
            let token = try #require(ok.json?["token"])
            #expect(token["id"] == 7)
            #expect(token["user_id"] == 8)
            #expect(token["client_id"] == 9)
            #expect(token["scopes"] == ["read"])
            #expect(token["token"] == "abcdefghij")
            #expect(token["expires_at"] == "2100-01-01T00:00:00Z")
            #expect(ok.headers.first(name: "X-Rate-Limit") == "700")

            for authorization in [nil, "Bearer unknown", "Basic abc"] {
                let denied = try await Self.send(client, url, authorization: authorization)
                #expect(denied.status == 401)
                #expect(denied.headers.first(name: "WWW-Authenticate")?.hasPrefix("Bearer") == true)
                #expect(denied.json?["error"] == "invalid_token")
            }
            emulator.revokeToken(Secret("abcdefghijklmnop"))
            #expect(try await Self.send(client, url, authorization: "Bearer abcdefghijklmnop").status == 401)

            let forbidden = try await Self.send(client, url, authorization: "Bearer no-read-scope")
            #expect(forbidden.status == 403)
            #expect(forbidden.body == #"{"error":"Forbidden","description":"You are missing the following required scopes: read"}"#)

            emulator.faults.inject(ZendeskEmulator.rateLimitFault(retryAfter: 7), on: EmulatorRoute(.get, "/api/v2/oauth/tokens/current.json"))
            let limited = try await Self.send(client, url, authorization: "Bearer no-read-scope")
            #expect(limited.status == 429)
            #expect(limited.headers.first(name: "Retry-After") == "7")
            #expect(limited.headers.first(name: "X-Rate-Limit-Remaining") == "0")
        }
    }

    @Test func clientCredentialsGrant() async throws {
        try await Self.withEmulator { (emulator: ZendeskEmulator, client: HTTPClient) async throws in
            emulator.addOAuthClient(
                ZendeskEmulatorOAuthClient(identifier: "bridge", secret: Secret("s3cret"), allowedScopes: ["read"], tokenLifetime: 300))
            let url = emulator.baseURL + "/oauth/tokens"
            let granted = try await Self.send(
                client, url, method: .POST,
                body: #"{"grant_type":"client_credentials","client_id":"bridge","client_secret":"s3cret","scope":"read"}"#
            )
            #expect(granted.status == 201)
            #expect(granted.json?["token_type"] == "bearer")
            #expect(granted.json?["expires_in"] == 300)
            #expect(granted.json?["scope"] == "read")
            let issued = try #require(granted.json?["access_token"]?.stringValue)
            let check = try await Self.send(client, emulator.baseURL + "/api/v2/oauth/tokens/current.json", authorization: "Bearer \(issued)")
            #expect(check.status == 200)

            let badClient = try await Self.send(
                client, url, method: .POST, body: #"{"grant_type":"client_credentials","client_id":"bridge","client_secret":"nope"}"#)
            #expect(badClient.status == 401)
            #expect(badClient.json?["error"] == "invalid_client")
            let badGrant = try await Self.send(client, url, method: .POST, body: #"{"grant_type":"password"}"#)
            #expect(badGrant.status == 400)
            #expect(badGrant.json?["error"] == "unsupported_grant_type")
            let badScope = try await Self.send(
                client, url, method: .POST,
                body: #"{"grant_type":"client_credentials","client_id":"bridge","client_secret":"s3cret","scope":"write"}"#)
            #expect(badScope.json?["error"] == "invalid_scope")
            #expect(try await Self.send(client, url, method: .POST, body: "not json").status == 400)
        }
    }

    @Test func chatsNeedAChatTokenAndExist() async throws {
        try await Self.withEmulator { (emulator: ZendeskEmulator, client: HTTPClient) async throws in
            emulator.addToken(ZendeskEmulatorToken(value: Secret("chat-token"), scopes: ["read"], api: .chat))
            emulator.addToken(ZendeskEmulatorToken(value: Secret("support-token"), scopes: ["read", "write"]))
            emulator.addToken(ZendeskEmulatorToken(value: Secret("chat-only"), scopes: ["chat"], api: .chat))
            emulator.addChat(ZendeskEmulator.sampleChat())
            let url = emulator.baseURL + "/api/v2/chat/chats/1704.2314815.QHgVx6SOrRuSx"
            let chat = try await Self.send(client, url, authorization: "Bearer chat-token")
            #expect(chat.status == 200)
            #expect(chat.json?["history"]?.elementsCount == 14)
            #expect(try await Self.send(client, url).status == 401)
            // A Support token, whatever its scopes, means nothing to the Chat API; nor does a Chat token to Support.
            #expect(try await Self.send(client, url, authorization: "Bearer support-token").status == 401)
            let current = emulator.baseURL + "/api/v2/oauth/tokens/current.json"
            #expect(try await Self.send(client, current, authorization: "Bearer chat-token").status == 401)
            #expect(try await Self.send(client, url, authorization: "Bearer chat-only").status == 403)
            #expect(try await Self.send(client, emulator.baseURL + "/api/v2/chat/chats/missing", authorization: "Bearer chat-token").status == 404)
        }
    }

    @Test func theChatTokenEndpointTakesAFormAndConfidentialChatClientsOnly() async throws {
        try await Self.withEmulator { (emulator: ZendeskEmulator, client: HTTPClient) async throws in
            emulator.addChatClient(ZendeskEmulatorChatClient(identifier: "chat", secret: Secret("s3cret")))
            emulator.addChatClient(ZendeskEmulatorChatClient(identifier: "public", secret: Secret("s3cret"), isConfidential: false))
            emulator.addOAuthClient(ZendeskEmulatorOAuthClient(identifier: "support", secret: Secret("s3cret")))
            let url = emulator.baseURL + "/oauth2/chat/token"
            let form = ["content-type": "application/x-www-form-urlencoded"]
            let granted = try await Self.send(
                client, url, method: .POST, headers: form, body: "grant_type=client_credentials&client_id=chat&client_secret=s3cret&scope=read")
            #expect(granted.status == 200)
            #expect(granted.json?["scope"] == "read")
            let token = try #require(granted.json?["access_token"]?.stringValue)
            emulator.addChat(ZendeskEmulator.sampleChat())
            let chat = try await Self.send(
                client, emulator.baseURL + "/api/v2/chat/chats/1704.2314815.QHgVx6SOrRuSx", authorization: "Bearer \(token)")
            #expect(chat.status == 200)
            for body in [
                "grant_type=client_credentials&client_id=public&client_secret=s3cret",
                "grant_type=client_credentials&client_id=support&client_secret=s3cret",
            ] {
                let refused = try await Self.send(client, url, method: .POST, headers: form, body: body)
                #expect(refused.status == 401)
                #expect(refused.json?["error"] == "invalid_client")
            }
            let json = try await Self.send(
                client, url, method: .POST, body: #"{"grant_type":"client_credentials","client_id":"chat","client_secret":"s3cret"}"#)
            #expect(json.status == 400)
            // And `chat` is no Support scope: the Support endpoint refuses it.
            let support = try await Self.send(
                client, emulator.baseURL + "/oauth/tokens", method: .POST,
                body: #"{"grant_type":"client_credentials","client_id":"support","client_secret":"s3cret","scope":"read chat"}"#)
            #expect(support.json?["error"] == "invalid_scope")
        }
    }

    @Test func sunshineMessagesPageBackwards() async throws {
        try await Self.withEmulator { (emulator: ZendeskEmulator, client: HTTPClient) async throws in
            emulator.addSunshineKey(keyID: "app_1", secret: Secret("sc"))
            emulator.addMessages(ZendeskEmulator.sampleMessages(count: 5), conversationID: "c1", appID: "a1")
            emulator.addUser(ZendeskEmulator.sampleUser(), appID: "a1")
            let basic = "Basic " + Data("app_1:sc".utf8).base64EncodedString()
            let base = emulator.baseURL + "/sc/v2/apps/a1"

            let latest = try await Self.send(client, base + "/conversations/c1/messages", authorization: basic)
            #expect(latest.json?["messages"]?.ids == [3, 4].map(ZendeskEmulator.sunshineID))
            #expect(latest.json?["meta"]?["hasMore"] == true)
            let before = try #require(latest.json?["meta"]?["beforeCursor"]?.stringValue)
            // Cursors are the spec's 24-character record ids; times carry milliseconds.
            #expect(before == ZendeskEmulator.sunshineID(3))
            #expect(latest.json?["messages"]?.first?["received"] == "2025-11-25T10:00:03.000Z")
            let short = try await Self.send(client, base + "/conversations/c1/messages?page%5Bbefore%5D=abc", authorization: basic)
            #expect(short.status == 400)
            #expect(latest.json?["links"]?["prev"]?.stringValue?.contains("page%5Bbefore%5D=") == true)

            let older = try await Self.send(client, base + "/conversations/c1/messages?page%5Bbefore%5D=\(before)", authorization: basic)
            #expect(older.json?["messages"]?.ids == [1, 2].map(ZendeskEmulator.sunshineID))
            #expect(older.json?["meta"]?["afterCursor"] != nil)
            let oldest = try await Self.send(
                client, base + "/conversations/c1/messages?page[before]=\(older.json?["meta"]?["beforeCursor"]?.stringValue ?? "")",
                authorization: basic
            )
            #expect(oldest.json?["messages"]?.ids == [ZendeskEmulator.sunshineID(0)])
            #expect(oldest.json?["meta"]?["hasMore"] == false)

            let both = try await Self.send(
                client, base + "/conversations/c1/messages?page%5Bbefore%5D=\(before)&page%5Bafter%5D=\(before)", authorization: basic)
            #expect(both.status == 400)
            let unauthorized = try await Self.send(client, base + "/conversations/c1/messages")
            #expect(unauthorized.status == 401)
            #expect(unauthorized.json?["errors"]?.firstCode == "unauthorized")
            #expect(try await Self.send(client, base + "/conversations/none/messages", authorization: basic).status == 404)

            let user = try await Self.send(client, base + "/users/customer-42", authorization: basic)
            #expect(user.json?["user"]?["id"] == "user-1")
            #expect(try await Self.send(client, base + "/users/nobody", authorization: basic).status == 404)
        }
    }
}

extension ContextValue {
    fileprivate var elementsCount: Int? {
        if case .array(let elements) = self { return elements.count }
        return nil
    }

    fileprivate var ids: [String] {
        guard case .array(let elements) = self else { return [] }
        return elements.compactMap { $0["id"]?.stringValue }
    }

    fileprivate var first: ContextValue? {
        guard case .array(let elements) = self else { return nil }
        return elements.first
    }

    fileprivate var firstCode: String? {
        guard case .array(let elements) = self else { return nil }
        return elements.first?["code"]?.stringValue
    }
}
