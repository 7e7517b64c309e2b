// A load run of the messaging-context data action (issue 17): AuthBridge's route over loopback, Genesys
// emulated with a fixed latency on every platform call, Zendesk's history read slow. It reports the
// action's latency percentiles (what the flow waits for, against its 1–60 s timeout) and the Genesys
// calls per conversation, answered and background apart.
//
//   cd Benchmarks && swift run -c release MessagingContextLoad [conversations] [concurrency] [genesysLatencyMs] [historyLatencyMs]
import AsyncHTTPClient
import AuthBridgeServer
import AuthBridgeTesting
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let conversations = arguments.count > 0 ? arguments[0] : 400
let concurrency = arguments.count > 1 ? arguments[1] : 16
let genesysLatency = Duration.milliseconds(arguments.count > 2 ? arguments[2] : 20)
let historyLatency = Duration.milliseconds(arguments.count > 3 ? arguments[3] : 3_000)

let logger = Logger(label: "load") { _ in SwiftLogNoOpLogHandler() }
let zendesk = try await ZendeskEmulator.start()
zendesk.addChatClient(ZendeskEmulatorChatClient(identifier: "authbridge", secret: Secret("zendesk-client-secret")))
// One earlier chat per customer, its visitor the customer (distinct emails: a Genesys contact holds at
// most 10 ExternalIds, so customers sharing an email would merge into one contact and then be refused).
for index in 0..<conversations {
    guard case .object(var members) = ZendeskEmulator.sampleChat(id: "chat-\(index)"), case .object(var visitor)? = members["visitor"] else {
        fatalError("the sample chat changed shape")
    }
    visitor["email"] = .string("load-\(index)@example.com")
    members["visitor"] = .object(visitor)
    zendesk.addChat(.object(members))
}
zendesk.faults.inject(.delay(historyLatency), on: EmulatorRoute(.get, "/api/v2/chat/chats/*"), count: .always)
let genesys = try await GenesysEmulator.start(.init(rateLimitPerToken: 1_000_000))

let zendeskClient = ZendeskChatAPIClient(clientID: "authbridge", baseURL: try ZendeskBaseURL(overriding: zendesk.baseURL))
let zendeskBroker = TokenBroker(
    provider: ZendeskChatTokenProvider(
        client: zendeskClient, clientSecret: Secret("zendesk-client-secret"), httpClient: .shared, logger: logger),
    logger: logger
)
let credentials = GenesysCredentials(
    clientID: "emulator-client", clientSecret: Secret("emulator-secret"), region: try GenesysRegion.custom(baseURL: genesys.baseURL))
let genesysBroker = TokenBroker(
    provider: GenesysTokenProvider(httpClient: .shared, credentials: [credentials], logger: logger),
    logger: logger
)
let bindings = SubjectBindings()
let provider = OpenIDProvider(
    configuration: .init(issuer: "https://auth.example.com"),
    keyRing: try OpenIDKeyRing(current: .generate(for: .es256, keyID: "a"), next: .generate(for: .es256, keyID: "b")),
    clients: [OpenIDClient(id: "genesys", secret: Secret("client-secret-0123456789abcdef-0123"), redirectURIs: ["https://shop.example.com/cb"])],
    codeStore: InMemoryOneTimeCodeStore(),
    refreshTokenStore: InMemoryRefreshTokenStore(),
    subjectObserver: bindings,
    logger: logger
)
let signingSecret = "load-messaging-signing-secret-0123456789abcdef"
let bridge = SessionBridge(
    validators: [
        .messagingJWT: try ZendeskMessagingJWTValidator(
            configuration: .init(signingKeys: [ZendeskSigningKey(keyID: "app_load", secret: Secret(signingSecret))]))
    ],
    messenger: provider,
    genesys: GenesysTarget(
        client: GenesysCloudClient(httpClient: .shared, serviceToken: genesysBroker.handle(for: credentials.client), logger: logger)),
    history: HistorySources(zendeskChat: ZendeskChatHistoryReader(tokens: zendeskBroker.handle(for: zendeskClient), httpClient: .shared)),
    subjectBindings: bindings,
    logger: logger
)
let server = try await AuthBridgeHTTPServer(configuration: .init(port: 0, rateLimit: nil, accessLogLevel: .trace), logger: logger) { router in
    MessagingContextRoutes(bridge: bridge, userName: "load", secret: Secret("load-data-action-secret-0123456789")).register(on: router)
}.start()

// Every customer signs in to Messenger (the binding), then sends a first message (the conversation).
let signer = try JWTSigner(key: JWTKey.hmac(secret: Array(signingSecret.utf8), keyID: "app_load"))
let now = Date().timeIntervalSince1970.rounded(.down)
var ids: [String] = []
for index in 0..<conversations {
    let jwt = try signer.sign([
        // Verified: a Chat is the customer's only by a verified email.
        "scope": "user", "external_id": .string("load-\(index)"), "name": "Ada Load", "email": .string("load-\(index)@example.com"),
        "email_verified": true, "iat": .number(now), "exp": .number(now + 3_600),
    ])
    _ = try await bridge.start(
        WidgetRequest(
            credential: Secret(jwt), credentialKind: .messagingJWT,
            widget: .messenger(AuthorizationCodeRequest(clientID: "genesys", redirectURI: "https://shop.example.com/cb", nonce: "n")),
            history: .zendeskChat(chatID: "chat-\(index)")
        ))
    ids.append(genesys.openMessagingConversation(subject: "load-\(index)").id)
}
_ = try await genesysBroker.handle(for: credentials.client).token()
genesys.faults.inject(.delay(genesysLatency), on: EmulatorRoute(nil, "/api/v2/**"), count: .always)

let conversationIDs = ids
let basic = "Basic " + Data("load:load-data-action-secret-0123456789".utf8).base64EncodedString()
let callsBefore = genesys.calls.all.filter { $0.path.hasPrefix("/api/v2/") }.count
let started = ContinuousClock.now
let results = try await withThrowingTaskGroup(of: (Duration, String).self) { group in
    var results: [(Duration, String)] = []
    var next = 0
    func add() {
        let id = conversationIDs[next]
        let subject = "load-\(next)"
        next += 1
        group.addTask {
            var request = HTTPClientRequest(url: server.baseURL + "/authbridge/v1/genesys/messaging-context")
            request.method = .POST
            request.headers.add(name: "Authorization", value: basic)
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: #"{"conversationId": "\#(id)", "sub": "\#(subject)", "isAuthenticated": true}"#))
            let start = ContinuousClock.now
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
            let body = String(buffer: try await response.body.collect(upTo: 1 << 16))
            let status = (try? JSONValue(parsing: body).objectValue?["status"]?.stringValue) ?? "HTTP \(response.status.code)"
            return (ContinuousClock.now - start, status)
        }
    }
    for _ in 0..<min(concurrency, conversationIDs.count) { add() }
    for try await result in group {
        results.append(result)
        if next < conversationIDs.count { add() }
    }
    return results
}
let elapsed = ContinuousClock.now - started
let answeredCalls = genesys.calls.all.filter { $0.path.hasPrefix("/api/v2/") }.count - callsBefore

// The background part: every transcript lands as notes (the slow history read, then the writes).
let deadline = ContinuousClock.now + .seconds(180)
let backgroundStarted = ContinuousClock.now
while ContinuousClock.now < deadline {
    let carried = genesys.messagingConversations.filter { !$0.contactNotes.isEmpty }.count
    if carried >= conversations { break }
    try await Task.sleep(for: .milliseconds(250))
}
let backgroundElapsed = ContinuousClock.now - backgroundStarted
let totalCalls = genesys.calls.all.filter { $0.path.hasPrefix("/api/v2/") }.count - callsBefore

func percentile(_ sorted: [Duration], _ p: Double) -> Double {
    let index = min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)
    let value = sorted[max(index, 0)]
    return Double(value.components.seconds) * 1_000 + Double(value.components.attoseconds) / 1e15
}
let latencies = results.map(\.0).sorted()
var statuses: [String: Int] = [:]
for (_, status) in results { statuses[status, default: 0] += 1 }
print(
    "messaging-context data action: \(conversations) conversations, concurrency \(concurrency), Genesys latency \(genesysLatency) per call, Zendesk history read \(historyLatency)"
)
print(
    String(
        format: "latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f   throughput %.1f/s", percentile(latencies, 0.5), percentile(latencies, 0.9),
        percentile(latencies, 0.99), percentile(latencies, 1.0),
        Double(conversations) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)))
print("statuses: \(statuses.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
print(
    String(
        format: "Genesys calls per conversation: %.2f before the answer, %.2f in all (history included)",
        Double(answeredCalls) / Double(conversations), Double(totalCalls) / Double(conversations)))
let carried = genesys.messagingConversations.filter { !$0.contactNotes.isEmpty }.count
print(
    "transcripts carried: \(carried) of \(conversations), \(backgroundElapsed) after the last answer (the history reads share the HTTP client's connection pool)"
)
var byRoute: [String: Int] = [:]
for call in genesys.calls.all where call.path.hasPrefix("/api/v2/") {
    let shape = call.path.split(separator: "/").map { $0.count > 30 ? "{id}" : String($0) }.joined(separator: "/")
    byRoute["\(call.method) /\(shape)", default: 0] += 1
}
for (route, count) in byRoute.sorted(by: { $0.key < $1.key }) { print("  \(route): \(count)") }

try await server.stop()
await genesysBroker.shutdown()
await zendeskBroker.shutdown()
await genesys.stop()
await zendesk.stop()
