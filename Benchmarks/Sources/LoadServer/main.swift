// The server the load benchmark drives: AuthBridgeHTTPServer with the bridge and an in-process OpenID
// provider for Messenger, a fixed Zendesk Messaging signing key, and no network peer. The Messenger code
// route (validate the Messaging JWT, mint and store a one-time code) is all local work.
//
//   LoadServer [--port 18080] [--bare-port P] [--step-routes]
//                                     serve on 127.0.0.1 until SIGTERM/SIGINT; with --bare-port, also a
//                                     bare Hummingbird /healthz (no front), to price the front; with
//                                     --step-routes, also POST /load/parse, /load/validate and /load/issue:
//                                     the code route's body cut after each step, to price the steps in
//                                     the server (each answers the same fixed 300-byte body)
//   LoadServer --print-jwts N         print N valid Messaging JWTs (one hour), one per line
import AuthBridgeServer
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

let zendeskKeyID = "app_load_benchmark"
let zendeskSecret = "zendesk-messaging-shared-secret-for-load-benchmarks-0123456789"
let clientID = "genesys-messenger"
let arguments = CommandLine.arguments

func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

if let count = option("--print-jwts").flatMap(Int.init) {
    let signer = try JWTSigner(key: JWTKey.hmac(secret: Array(zendeskSecret.utf8), keyID: zendeskKeyID))
    let now = Date().timeIntervalSince1970.rounded(.down)
    var output = ""
    for index in 0..<count {
        let jwt = try signer.sign([
            "scope": "user",
            "external_id": .string("zd-load-\(index)"),
            "name": .string("Load Customer \(index)"),
            "email": .string("load-\(index)@example.com"),
            "email_verified": true,
            "iat": .number(now),
            "exp": .number(now + 3600),
        ])
        output += jwt + "\n"
    }
    FileHandle.standardOutput.write(Data(output.utf8))
    exit(0)
}

let port = option("--port").flatMap(Int.init) ?? 18080
var logger = Logger(label: "authbridge.load")
// Warnings only: an access-log line per request to a terminal would measure the terminal.
logger.logLevel = .warning

let registry = PrometheusCollectorRegistry()
MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

let keyRing = try OpenIDKeyRing(current: try JWTKey.generate(for: .rs256, keyID: "load-1"), next: try JWTKey.generate(for: .rs256, keyID: "load-2"))
let provider = OpenIDProvider(
    configuration: .init(issuer: "http://127.0.0.1:\(port)"),
    keyRing: keyRing,
    clients: [OpenIDClient(id: clientID, secret: Secret("client-secret-for-load-0123456789abcdef"), redirectURIs: ["https://shop.example.com/chat/callback"])],
    // Codes live 60 s and a run mints ~10^5 a second: room for a few million.
    codeStore: InMemoryOneTimeCodeStore(maximumEntries: 4_000_000),
    refreshTokenStore: InMemoryRefreshTokenStore(),
    logger: logger
)
let validator = try ZendeskMessagingJWTValidator(
    configuration: .init(signingKeys: [ZendeskSigningKey(keyID: zendeskKeyID, secret: Secret(zendeskSecret))])
)
let bridge = SessionBridge(validators: [.messagingJWT: validator], messenger: provider, logger: logger)
// The floor: Hummingbird with no middleware, in the same process and ServiceGroup.
var services: [any Service] = []
if let barePort = option("--bare-port").flatMap(Int.init) {
    let router = Router()
    router.get("/healthz") { _, _ in "ok\n" }
    services.append(Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: barePort)), logger: logger))
}
let stepRoutes = arguments.contains("--step-routes")
let server = AuthBridgeHTTPServer(
    configuration: .init(
        host: "127.0.0.1",
        port: port,
        cors: CORSPolicy(allowedOrigins: ["https://shop.example.com"]),
        // One loopback client: a limit it never reaches, so the limiter's cost is measured but not its refusals.
        rateLimit: .init(requestsPerSecond: 1e9, burst: 1_000_000_000)
    ),
    metricsRegistry: registry,
    services: services,
    logger: logger
) { router in
    OpenIDRoutes(provider: provider).register(on: router)
    BridgeRoutes(bridge: bridge).register(on: router)
    guard stepRoutes else { return }
    // Each step route does the code route's work up to one step and answers a fixed body, so the
    // difference between two of them is what that step costs in a loaded server.
    let fixed = ByteBuffer(string: String(repeating: "x", count: 300))
    @Sendable func credential(_ request: Request) async throws -> Secret {
        var request = request
        let body = try await request.collectBody(upTo: 16 << 10)
        return Secret(try JSONValue(parsing: String(buffer: body)).objectValue?["credential"]?.stringValue ?? "")
    }
    router.post("/load/parse") { request, _ in
        _ = try await credential(request)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: fixed))
    }
    router.post("/load/validate") { request, _ in
        _ = try validator.validate(try await credential(request))
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: fixed))
    }
    let codeRequest = AuthorizationCodeRequest(clientID: clientID, redirectURI: "https://shop.example.com/chat/callback", nonce: "nonce-0123456789")
    router.post("/load/issue") { request, _ in
        _ = try await provider.issueCode(for: try validator.validate(try await credential(request)), request: codeRequest)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: fixed))
    }
}
try await server.runService()
