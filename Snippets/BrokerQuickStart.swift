// A service credential from the broker: the README's example, compiled.
import AsyncHTTPClient
import AuthBridgeCore
import AuthBridgeGenesys
import Logging

// snippet.hide
let logger = Logger(label: "snippet")
let region = GenesysRegion.euWest1
let credentials = GenesysCredentials(clientID: "client-id", clientSecret: Secret("client-secret"), region: region)
let provider = GenesysTokenProvider(httpClient: HTTPClient.shared, credentials: [credentials], logger: logger)
let clientKey = credentials.client
func serve(_ request: HTTPClientRequest) async throws {
    var request = request
    // snippet.show
    // Any TokenProvider (the Genesys client-credentials provider, a test double, …).
    let broker = TokenBroker(provider: provider, logger: logger)
    let handle = broker.handle(for: clientKey)  // resolve once and keep it
    let token = try await handle.token()  // cache hit: ~20 ns, no allocation, no actor hop
    request.headers.add(name: "Authorization", value: "\(token.type) \(token.value.revealed)")
    // snippet.hide
    await broker.shutdown()
}
