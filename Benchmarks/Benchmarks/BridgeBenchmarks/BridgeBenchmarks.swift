import AuthBridge
import AuthBridgeServer
import Benchmark
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded

// The Messenger code route's own work, without sockets: what `load/run.sh` measures end to end, split
// into its steps so the share of each is visible, and the whole route through Hummingbird's router (body
// collection, the page's JSON, the bridge, the JSON answer) with no network and no front. The floor is
// the HS256 verification of the same JWT (`JWTVerifier.verify`), the one step no implementation can skip.

let zendeskKeyID = "app_bridge_benchmark"
let zendeskSecret = "zendesk-messaging-shared-secret-for-bridge-benchmarks-0123456789"
let quietLogger = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })

func makeJWTs(_ count: Int) throws -> [String] {
    let signer = try JWTSigner(key: JWTKey.hmac(secret: Array(zendeskSecret.utf8), keyID: zendeskKeyID))
    let now = Date().timeIntervalSince1970.rounded(.down)
    return try (0..<count).map { index in
        try signer.sign([
            "scope": "user",
            "external_id": .string("zd-bench-\(index)"),
            "name": .string("Bench Customer \(index)"),
            "email": .string("bench-\(index)@example.com"),
            "email_verified": true,
            "iat": .number(now),
            "exp": .number(now + 3600),
        ])
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 3,
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 30
    )
    let jwts = try! makeJWTs(1000)
    let verifier = JWTVerifier(
        keys: try! JWTKeyCollection(keys: [JWTKey.hmac(secret: Array(zendeskSecret.utf8), keyID: zendeskKeyID)]),
        options: JWTValidationOptions(requiredClaims: ["exp", "external_id"])
    )
    let validator = try! ZendeskMessagingJWTValidator(
        configuration: .init(signingKeys: [ZendeskSigningKey(keyID: zendeskKeyID, secret: Secret(zendeskSecret))])
    )
    let keyRing = try! OpenIDKeyRing(
        current: try JWTKey.generate(for: .rs256, keyID: "bench-1"), next: try JWTKey.generate(for: .rs256, keyID: "bench-2"))
    let provider = OpenIDProvider(
        configuration: .init(issuer: "https://authbridge.example.com"),
        keyRing: keyRing,
        clients: [
            OpenIDClient(
                id: "genesys-messenger",
                secret: Secret("client-secret-for-bench-0123456789abcdef"),
                redirectURIs: ["https://shop.example.com/chat/callback"]
            )
        ],
        codeStore: InMemoryOneTimeCodeStore(maximumEntries: 4_000_000),
        refreshTokenStore: InMemoryRefreshTokenStore(),
        logger: quietLogger
    )
    let bridge = SessionBridge(validators: [.messagingJWT: validator], messenger: provider, logger: quietLogger)
    let codeRequest = AuthorizationCodeRequest(
        clientID: "genesys-messenger",
        redirectURI: "https://shop.example.com/chat/callback",
        nonce: "nonce-bench-0123456789",
        codeChallengeMethod: "S256"
    )
    let credentials = jwts.map { Secret($0) }

    Benchmark("HS256VerifyFloor") { benchmark in
        for index in benchmark.scaledIterations {
            blackHole(try verifier.verify(jwts[index % jwts.count]))
        }
    }

    Benchmark("MessagingJWTValidate") { benchmark in
        for index in benchmark.scaledIterations {
            blackHole(try await validator.validate(credentials[index % credentials.count], logger: quietLogger))
        }
    }

    let session = try! validator.validate(credentials[0])
    Benchmark("IssueCode") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try await provider.issueCode(for: session, request: codeRequest))
        }
    }

    Benchmark("BridgeStartMessenger") { benchmark in
        for index in benchmark.scaledIterations {
            let request = WidgetRequest(
                credential: credentials[index % credentials.count], credentialKind: .messagingJWT, widget: .messenger(codeRequest))
            let start = try await bridge.start(request)
            blackHole(JSONValue.object(start.json).serialized)
        }
    }

    let router = Router(context: BasicRequestContext.self)
    BridgeRoutes(bridge: bridge).register(on: router)
    let responder = router.buildResponder()
    let channel = EmbeddedChannel()
    let bodies = jwts.enumerated().map { index, jwt in
        ByteBuffer(
            string: #"{"credential":""# + jwt
                + #"","credentialKind":"messagingJWT","widget":"messenger","messenger":{"clientId":"genesys-messenger","#
                + #""redirectUri":"https://shop.example.com/chat/callback","nonce":"nonce-\#(index)-0123456789","codeChallengeMethod":"S256"}}"#
        )
    }
    let head = HTTPRequest(
        method: .post, scheme: "http", authority: "127.0.0.1", path: "/authbridge/v1/session", headerFields: [.contentType: "application/json"])
    Benchmark("CodeRouteInProcess") { benchmark in
        for index in benchmark.scaledIterations {
            let request = Request(head: head, body: RequestBody(buffer: bodies[index % bodies.count]))
            let context = BasicRequestContext(source: ApplicationRequestContextSource(channel: channel, logger: quietLogger))
            let response = try await responder.respond(to: request, context: context)
            precondition(response.status == .ok, "the code route refused a valid request")
            blackHole(response)
        }
    }
}
