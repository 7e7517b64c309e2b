import AuthBridge
import AuthBridgeServer
import AuthBridgeTesting
import Foundation
import InMemoryTracing
import Logging
import NIOHTTP1
import Testing
import Tracing

@testable import AuthBridgeTestSupport

/// Tracing over real loopback HTTP, with the application built from its configuration as `authbridge
/// serve` builds it and a W3C test tracer passed in (no global bootstrap, so suites run in parallel): the
/// page's `traceparent` is the parent of the request span, the bridge's steps and every Zendesk and
/// Genesys call, which carry it on; no span holds a secret.
@Suite struct RequestTracingTests {
    static let messagingKeyID = "app_64f0c0ffee"
    static let messagingSecret = "zendesk-messaging-shared-secret-0123456789-abcdef"
    static let chatClientSecret = "zendesk-chat-client-secret-0123456789"
    static let oidcClientSecret = "oidc-client-secret-0123456789-abcdef-0123"
    static let redirectURI = "https://shop.example.com/chat/callback"
    static let chatID = "1704.2314815.QHgVx6SOrRuSx"

    /// The page's own trace: W3C ids as a browser's instrumentation makes them.
    static let traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let pageSpanID = "00f067aa0ba902b7"
    static var traceparent: String { "00-\(traceID)-\(pageSpanID)-01" }

    /// The emulators, and AuthBridge's server built from a configuration pointing at them, tracing into
    /// `tracer`.
    struct Stack {
        let zendesk: ZendeskEmulator
        let genesys: GenesysEmulator
        let application: AuthBridgeApplication
        let running: AuthBridgeHTTPServer.Running

        static func start(
            tracer: W3CTestTracer, continuesClientTraces: Bool = true, zendeskSetup: (ZendeskEmulator) -> Void = { _ in }
        ) async throws -> Stack {
            let zendesk = try await ZendeskEmulator.start()
            zendesk.addChatClient(ZendeskEmulatorChatClient(identifier: "authbridge", secret: Secret(RequestTracingTests.chatClientSecret)))
            zendesk.addChat(ZendeskEmulator.sampleChat(id: RequestTracingTests.chatID))
            zendeskSetup(zendesk)
            let genesys = try await GenesysEmulator.start()
            let configuration: JSONValue = [
                "zendesk": [
                    "baseURL": .string(zendesk.baseURL),
                    "messaging": ["keyId": .string(RequestTracingTests.messagingKeyID), "secret": .string(RequestTracingTests.messagingSecret)],
                    "chat": ["client": ["id": "authbridge", "secret": .string(RequestTracingTests.chatClientSecret)]],
                    "oauth": ["enabled": true],
                ],
                "genesys": ["baseURL": .string(genesys.baseURL), "client": ["id": "emulator-client", "secret": "emulator-secret"]],
                "oidc": [
                    "issuer": "https://auth.example.com",
                    "client": ["id": "genesys-messenger", "secret": .string(RequestTracingTests.oidcClientSecret)],
                    "redirectUris": .array([.string(RequestTracingTests.redirectURI)]),
                    "signingKey": .string(try JWTKey.generate(for: .es256, keyID: "a").privateKeyPEM()), "signingKeyId": "a",
                    "nextSigningKey": .string(try JWTKey.generate(for: .es256, keyID: "b").privateKeyPEM()), "nextSigningKeyId": "b",
                    "algorithm": "ES256",
                ],
            ]
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("authbridge-tracing-\(UUID().uuidString).json")
            try Data(configuration.serialized.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let loaded = try await AuthBridgeConfiguration.load(filePath: file.path, environment: [:])
            let logger = Logger(label: "tracing-test", factory: { _ in SwiftLogNoOpLogHandler() })
            let application = try AuthBridgeApplication(configuration: loaded, tracer: tracer, logger: logger)
            let server = AuthBridgeHTTPServer.Configuration(
                port: 0, cors: CORSPolicy(allowedOrigins: [PageClient.origin]), rateLimit: nil, tracer: tracer,
                continuesClientTraces: continuesClientTraces)
            let running = try await AuthBridgeServerRunner(application: application, configuration: server, logger: logger).start()
            return Stack(zendesk: zendesk, genesys: genesys, application: application, running: running)
        }

        func stop() async throws {
            try await self.running.stop()
            await self.application.shutdown()
            await self.genesys.stop()
            await self.zendesk.stop()
        }
    }

    static func messagingJWT() throws -> String {
        let now = Date().timeIntervalSince1970.rounded(.down)
        let signer = try JWTSigner(key: JWTKey.hmac(secret: Array(Self.messagingSecret.utf8), keyID: Self.messagingKeyID))
        return try signer.sign([
            "scope": "user", "external_id": "zd-customer-4711", "name": "Ada King Lovelace", "email": "ada@example.com",
            "email_verified": true, "iat": .number(now), "exp": .number(now + 600),
        ])
    }

    static func codeRequest(credential: String, kind: String, history: Bool) -> JSONValue {
        var body: JSONObject = [
            "credential": .string(credential), "credentialKind": .string(kind), "widget": "messenger",
            "messenger": ["clientId": "genesys-messenger", "redirectUri": .string(Self.redirectURI), "nonce": "nonce-from-the-page-123"],
        ]
        if history { body["history"] = ["zendeskChatId": .string(Self.chatID)] }
        return .object(body)
    }

    /// Every attribute, event, error and name of every span, as one text to search for secrets.
    static func recorded(_ spans: [FinishedInMemorySpan]) -> String {
        spans.map { span in
            "\(span.operationName) \(span.attributes) \(span.errors.map { "\($0.error)" }) \(span.events.map(\.name)) \(String(describing: span.status))"
        }.joined(separator: "\n")
    }

    /// The token in each `Authorization` header a peer received, to check no span holds one.
    static func bearerTokens(_ calls: [RecordedCall]) -> Set<String> {
        Set(calls.compactMap { $0.header("Authorization")?.split(separator: " ").last.map(String.init) })
    }

    @Test func thePagesTraceparentIsTheParentOfTheRouteTheStepsAndEveryPeerCall() async throws {
        let tracer = W3CTestTracer()
        let stack = try await Stack.start(tracer: tracer)
        let jwt = try Self.messagingJWT()
        let reply = try await PageClient.send(
            .POST, stack.running.baseURL + "/authbridge/v1/session",
            json: Self.codeRequest(credential: jwt, kind: "messagingJWT", history: true),
            headers: [("traceparent", Self.traceparent)]
        )
        #expect(reply.status == 200, "\(reply.body)")
        // The contact and the transcript are carried after the answer, in the background.
        await eventually("the context is carried and every span has ended") {
            let names = Set(tracer.finishedSpans.map(\.operationName))
            return names.isSuperset(of: ["authbridge.transferContext", "/authbridge/v1/session"])
        }
        let spans = tracer.finishedSpans
        let inTrace = spans.filter { $0.traceID == Self.traceID }
        let names = Set(inTrace.map(\.operationName))

        let route = try #require(inTrace.first { $0.kind == .server })
        #expect(route.operationName == "/authbridge/v1/session")
        #expect(route.parentSpanID == Self.pageSpanID)
        #expect(route.attributes["http.response.status_code"]?.toSpanAttribute() == .int64(200))
        let start = try #require(inTrace.first { $0.operationName == "authbridge.start" })
        #expect(start.parentSpanID == route.spanID)
        #expect(start.attributes["authbridge.widget"]?.toSpanAttribute() == .string("messenger"))
        for step in ["authbridge.validateSession", "authbridge.issueCode", "authbridge.readHistory", "authbridge.transferContext"] {
            let span = try #require(inTrace.first { $0.operationName == step }, "no \(step) span in the page's trace: \(names.sorted())")
            #expect(span.parentSpanID == start.spanID, "\(step)")
        }
        #expect(names.contains("Zendesk read chat"), "\(names.sorted())")
        #expect(names.contains("Genesys POST /api/v2/externalcontacts/contacts/enrich"), "\(names.sorted())")
        #expect(names.contains("Genesys POST /api/v2/externalcontacts/contacts/{id}/notes"), "\(names.sorted())")
        let readChat = try #require(inTrace.first { $0.operationName == "Zendesk read chat" })
        #expect(readChat.kind == .client)
        #expect(readChat.attributes["http.request.method"]?.toSpanAttribute() == .string("GET"))
        // Zendesk paths name customers: the operation says what was called, the path is not recorded.
        #expect(readChat.attributes["url.path"] == nil)
        #expect(readChat.attributes["authbridge.operation"] != nil)
        #expect(readChat.attributes["http.response.status_code"]?.toSpanAttribute() == .int64(200))
        #expect(readChat.attributes["server.address"]?.toSpanAttribute() == .string("127.0.0.1"))
        if case .int64(let port)? = readChat.attributes["server.port"]?.toSpanAttribute() {
            #expect(stack.zendesk.baseURL.hasSuffix(":\(port)"))
        } else {
            Issue.record("no server.port")
        }

        // Each peer saw the page's trace, and the span that made the call as its parent.
        let clientSpans = Set(inTrace.filter { $0.kind == .client }.map(\.spanID))
        let zendeskChat = try #require(stack.zendesk.calls.all.first { $0.path.hasPrefix("/api/v2/chat/chats/") })
        let genesysNotes = try #require(stack.genesys.calls.all.first { $0.path.hasSuffix("/notes") && "\($0.method)" == "POST" })
        for call in [zendeskChat, genesysNotes] {
            let header = try #require(call.header("traceparent"), "\(call.path) arrived without a traceparent")
            let parts = header.split(separator: "-").map(String.init)
            #expect(parts.count == 4 && parts[1] == Self.traceID, "\(header)")
            #expect(clientSpans.contains(parts.count == 4 ? parts[2] : ""), "\(header) names no client span of the trace")
        }
        // One `traceparent` per request: AuthBridge's, not a second one from the HTTP client.
        for call in stack.zendesk.calls.all + stack.genesys.calls.all {
            #expect("\(call.headers)".components(separatedBy: "traceparent").count <= 2, "\(call.path)")
        }

        let text = Self.recorded(spans)
        let peerTokens = Self.bearerTokens(stack.zendesk.calls.all + stack.genesys.calls.all)
        #expect(!peerTokens.isEmpty)
        let secrets =
            [jwt, Self.messagingSecret, Self.chatClientSecret, "emulator-secret", Self.oidcClientSecret] + Array(peerTokens)
            + [reply.json["authCode"]?.stringValue, reply.json["codeVerifier"]?.stringValue].compactMap { $0 }
        for secret in secrets {
            #expect(!text.contains(secret), "a span holds a secret")
        }
        #expect(!text.contains("Bearer") && !text.contains("Basic "))
        #expect(!text.contains("?"), "a span records a query")
        try await stack.stop()
    }

    /// A public listener that does not continue clients' traces: the page's trace only links the request
    /// span, and what Genesys and Zendesk receive is the server's own trace.
    @Test func aListenerThatDoesNotContinueClientTracesOnlyLinksThem() async throws {
        let tracer = W3CTestTracer()
        let stack = try await Stack.start(tracer: tracer, continuesClientTraces: false)
        let reply = try await PageClient.send(
            .POST, stack.running.baseURL + "/authbridge/v1/session",
            json: Self.codeRequest(credential: try Self.messagingJWT(), kind: "messagingJWT", history: false),
            headers: [("traceparent", Self.traceparent)]
        )
        #expect(reply.status == 200, "\(reply.body)")
        await eventually("the request span has ended") { tracer.finishedSpans.contains { $0.kind == .server } }
        let route = try #require(tracer.finishedSpans.first { $0.kind == .server })
        #expect(route.traceID != Self.traceID)
        #expect(route.parentSpanID == nil)
        #expect(route.links.count == 1)
        #expect(route.links.first?.context.inMemorySpanContext?.traceID == Self.traceID)
        #expect(!tracer.finishedSpans.contains { $0.traceID == Self.traceID })
        try await stack.stop()
    }

    @Test func aRefusedCredentialIsTracedByItsCauseAndCorrelationIDWithoutTheTokenOrTheHeaders() async throws {
        let tracer = W3CTestTracer()
        let token = "zendesk-oauth-access-token-0123456789abcdef"
        let stack = try await Stack.start(tracer: tracer) { zendesk in
            zendesk.addToken(ZendeskEmulatorToken(value: Secret(token), userID: 4242, scopes: ["read"]))
        }
        let accepted = try await PageClient.send(
            .POST, stack.running.baseURL + "/authbridge/v1/session",
            json: Self.codeRequest(credential: token, kind: "oauthToken", history: false),
            headers: [("traceparent", Self.traceparent)]
        )
        #expect(accepted.status == 200, "\(accepted.body)")
        let wrong = "zendesk-oauth-token-that-was-revoked-0123456789"
        let refused = try await PageClient.send(
            .POST, stack.running.baseURL + "/authbridge/v1/session?access_token=query-secret-0123456789&page=checkout",
            json: Self.codeRequest(credential: wrong, kind: "oauthToken", history: false),
            headers: [
                ("traceparent", Self.traceparent), ("Authorization", "Bearer header-secret-0123456789"), ("Cookie", "sid=cookie-secret-0123456789"),
            ]
        )
        #expect(refused.status == 401)
        await eventually("both requests' spans have ended") { tracer.finishedSpans.filter { $0.kind == .server }.count == 2 }
        let spans = tracer.finishedSpans.filter { $0.traceID == Self.traceID }

        let introspections = spans.filter { $0.operationName == "Zendesk token introspection" }
        #expect(introspections.map { $0.attributes["http.response.status_code"]?.toSpanAttribute() } == [.int64(200), .int64(401)])
        #expect(introspections.last?.status?.code == .error)
        let refusal = try #require(spans.first { $0.operationName == "authbridge.validateSession" && $0.status?.code == .error })
        #expect(refusal.attributes["authbridge.status"]?.toSpanAttribute() == .int64(401))
        #expect(refusal.attributes["authbridge.correlation_id"]?.toSpanAttribute() == refused.json["correlationId"]?.stringValue.map { .string($0) })
        if case .string(let type)? = refusal.attributes["error.type"]?.toSpanAttribute() {
            #expect(type.hasPrefix("bridge."), "\(type)")
        } else {
            Issue.record("the refusal has no error.type")
        }
        let route = try #require(spans.last { $0.kind == .server })
        #expect(route.operationName == "/authbridge/v1/session")
        #expect(route.attributes["http.response.status_code"]?.toSpanAttribute() == .int64(401))
        // Nothing of the client's: no path, no query, no header (the user agent included).
        #expect(route.attributes["url.query"] == nil)
        #expect(route.attributes["url.path"] == nil)
        #expect(route.attributes["user_agent.original"] == nil)
        #expect(route.attributes["http.route"]?.toSpanAttribute() == .string("/authbridge/v1/session"))

        let text = Self.recorded(tracer.finishedSpans)
        for secret in [token, wrong, "query-secret-0123456789", "header-secret-0123456789", "cookie-secret-0123456789"] {
            #expect(!text.contains(secret), "a span holds a secret")
        }
        #expect(!text.lowercased().contains("authorization") && !text.lowercased().contains("cookie"))
        try await stack.stop()
    }
}
