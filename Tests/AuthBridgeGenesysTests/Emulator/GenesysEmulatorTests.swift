import AsyncHTTPClient
import AuthBridgeCore
import AuthBridgeGenesys
import AuthBridgeJWT
import AuthBridgeTestSupport
import AuthBridgeTesting
import Hummingbird
import NIOCore
import NIOHTTP1
import Testing

/// The emulator itself, over raw HTTP: what users' own tests can rely on.
@Suite struct GenesysEmulatorTests {
    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var json: JSONObject?
    }

    static func send(
        _ client: HTTPClient,
        _ method: HTTPMethod,
        _ url: String,
        headers: [(String, String)] = [],
        body: String? = nil
    ) async throws -> Reply {
        let reply = try await TestHTTP.send(method, url, headers: headers, body: body.map { .text($0) }, client: client, timeout: .seconds(5))
        return Reply(status: reply.status, headers: reply.headers, json: reply.json)
    }

    static func withEmulator(
        _ configuration: GenesysEmulator.Configuration = .init(legacyWebChat: true),
        _ body: (GenesysEmulator, HTTPClient) async throws -> Void
    ) async throws {
        let emulator = try await GenesysEmulator.start(configuration)
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

    static let form = [("Content-Type", "application/x-www-form-urlencoded")]
    static let basic = ("Authorization", "Basic ZW11bGF0b3ItY2xpZW50OmVtdWxhdG9yLXNlY3JldA==")

    static func token(_ emulator: GenesysEmulator, _ client: HTTPClient) async throws -> String {
        let reply = try await send(client, .POST, emulator.baseURL + "/oauth/token", headers: form + [basic], body: "grant_type=client_credentials")
        return try #require(reply.json?["access_token"]?.stringValue)
    }

    @Test func theTokenEndpointAnswersLikeGenesys() async throws {
        try await Self.withEmulator(
            .init(clients: [.init(id: "emulator-client", secret: "emulator-secret", tokenLifetime: .seconds(600))], legacyWebChat: true)
        ) { emulator, client in
            let url = emulator.baseURL + "/oauth/token"
            let ok = try await Self.send(client, .POST, url, headers: Self.form + [Self.basic], body: "grant_type=client_credentials")
            #expect(ok.status == 200)
            #expect(ok.json?["token_type"] == "bearer")
            #expect(ok.json?["expires_in"] == 600)
            #expect(ok.headers.first(name: "inin-correlation-id") != nil)

            let wrongSecret = try await Self.send(
                client, .POST, url,
                headers: Self.form + [("Authorization", "Basic ZW11bGF0b3ItY2xpZW50Ondyb25n")],
                body: "grant_type=client_credentials"
            )
            #expect(wrongSecret.status == 401)
            #expect(wrongSecret.json?["error"] == "invalid_client")
            let unknown = try await Self.send(
                client, .POST, url,
                headers: Self.form + [("Authorization", "Basic bm9ib2R5Onc=")],
                body: "grant_type=client_credentials"
            )
            #expect(unknown.status == 400)
            let wrongGrant = try await Self.send(client, .POST, url, headers: Self.form + [Self.basic], body: "grant_type=password")
            #expect(wrongGrant.json?["error"] == "unsupported_grant_type")
            let json = try await Self.send(client, .POST, url, headers: [("Content-Type", "application/json"), Self.basic], body: "{}")
            #expect(json.status == 400)
            #expect(emulator.tokensIssued == 1)
            #expect(emulator.tokensIssued(to: "emulator-client") == 1)
        }
    }

    @Test func platformCallsNeedAValidTokenAndAnswerWithErrorBodies() async throws {
        try await Self.withEmulator { emulator, client in
            let url = emulator.baseURL + "/api/v2/externalcontacts/identifierlookup/contacts"
            let body = #"{"type":"Email","value":"x@example.com"}"#
            let anonymous = try await Self.send(client, .POST, url, body: body)
            #expect(anonymous.status == 401)
            #expect(anonymous.json?["code"] == "bad.credentials")
            let correlation = anonymous.headers.first(name: "inin-correlation-id")
            #expect(correlation != nil && anonymous.json?["contextId"]?.stringValue == correlation)
            for member in ["message", "code", "status", "contextId", "details", "errors"] {
                #expect(anonymous.json?[member] != nil, "ErrorBody member \(member)")
            }
            let token = try await Self.token(emulator, client)
            let missing = try await Self.send(client, .POST, url, headers: [("Authorization", "Bearer \(token)")], body: body)
            #expect(missing.status == 404)
            #expect(missing.json?["code"] == "not.found")
            let phone = try await Self.send(
                client, .POST, url,
                headers: [("Authorization", "Bearer \(token)")],
                body: #"{"type":"Phone","value":"7042984733"}"#
            )
            #expect(phone.status == 400)
            let notes = try await Self.send(
                client, .GET,
                emulator.baseURL + "/api/v2/externalcontacts/contacts/x/notes?pageSize=200",
                headers: [("Authorization", "Bearer \(token)")]
            )
            #expect(notes.status == 400)
        }
    }

    @Test func faultsFromTheSharedModelApplyPerRoute() async throws {
        try await Self.withEmulator { emulator, client in
            emulator.faults.inject(.dropConnection, on: EmulatorRoute(.post, "/oauth/token"))
            await #expect(throws: (any Error).self) {
                _ = try await Self.send(
                    client, .POST, emulator.baseURL + "/oauth/token", headers: Self.form + [Self.basic], body: "grant_type=client_credentials")
            }
            _ = try await Self.token(emulator, client)
            #expect(emulator.calls.count(matching: EmulatorRoute(.post, "/oauth/token")) == 2)
            #expect(emulator.tokensIssued == 1)
            #expect(emulator.calls.all.first.map { "\($0)".contains("ZW11bGF0b3") } == false)
        }
    }

    @Test func guestFollowUpsUseTheConversationJWT() async throws {
        try await Self.withEmulator { emulator, client in
            let created = try await Self.send(
                client, .POST, emulator.baseURL + "/api/v2/webchat/guest/conversations",
                headers: [("Content-Type", "application/json")],
                body:
                    #"{"organizationId":"emulated-org","deploymentId":"emulated-deployment","routingTarget":{"targetType":"QUEUE","targetAddress":"Q"},"memberInfo":{"displayName":"Guest","customFields":{"a":"b"}}}"#
            )
            #expect(created.status == 200)
            let id = try #require(created.json?["id"]?.stringValue)
            let jwt = try #require(created.json?["jwt"]?.stringValue)
            let member = try #require(created.json?["member"]?.objectValue?["id"]?.stringValue)
            #expect(emulator.verifiedClaims(of: jwt) != nil)
            let base = emulator.baseURL + "/api/v2/webchat/guest/conversations/\(id)"
            let bearer = [("Authorization", "Bearer \(jwt)")]
            #expect(try await Self.send(client, .POST, base + "/members/\(member)/typing", headers: bearer).status == 200)
            #expect(try await Self.send(client, .GET, base + "/members/\(member)", headers: bearer).json?["state"] == "CONNECTED")
            #expect(try await Self.send(client, .GET, base + "/messages?maxResults=101", headers: bearer).status == 400)
            #expect(try await Self.send(client, .DELETE, base + "/members/\(member)", headers: bearer).status == 204)
            #expect(emulator.conversations.first?.hasLeft == true)
            // A platform token is not a conversation JWT.
            let token = try await Self.token(emulator, client)
            #expect(try await Self.send(client, .GET, base + "/messages", headers: [("Authorization", "Bearer \(token)")]).status == 401)

            let noName = try await Self.send(
                client, .POST, emulator.baseURL + "/api/v2/webchat/guest/conversations",
                headers: [("Content-Type", "application/json")],
                body:
                    #"{"organizationId":"emulated-org","deploymentId":"emulated-deployment","routingTarget":{"targetType":"QUEUE","targetAddress":"Q"},"memberInfo":{}}"#
            )
            #expect(noName.status == 400)
        }
    }

    @Test func theRateLimitIsPerToken() async throws {
        try await Self.withEmulator(.init(rateLimitPerToken: 2, legacyWebChat: true)) { emulator, client in
            let first = try await Self.token(emulator, client)
            let second = try await Self.token(emulator, client)
            let url = emulator.baseURL + "/api/v2/externalcontacts/identifierlookup/contacts"
            let body = #"{"type":"Email","value":"x@example.com"}"#
            var statuses: [Int] = []
            for _ in 0..<3 {
                statuses.append(try await Self.send(client, .POST, url, headers: [("Authorization", "Bearer \(first)")], body: body).status)
            }
            #expect(statuses == [404, 404, 429])
            let limited = try await Self.send(client, .POST, url, headers: [("Authorization", "Bearer \(first)")], body: body)
            #expect(Int(limited.headers.first(name: "Retry-After") ?? "") ?? 0 >= 1)
            #expect(limited.json?["code"] == "too.many.requests")
            #expect(try await Self.send(client, .POST, url, headers: [("Authorization", "Bearer \(second)")], body: body).status == 404)
        }
    }
}
