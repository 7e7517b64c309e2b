import AsyncHTTPClient
import AuthBridgeCore
import AuthBridgeGenesys
import AuthBridgeTesting
import InMemoryLogging
import Logging
import Testing

@Suite struct GenesysSecretHandlingTests {
    @Test func neitherTheClientSecretNorTheAccessTokenIsLoggedOrPrinted() async throws {
        let emulator = try await GenesysEmulator.start(.init(clients: [.init(id: "c", secret: "super-secret-value")], legacyWebChat: true))
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
        let logs = InMemoryLogHandler()
        var logger = Logger(label: "test", factory: { _ in logs })
        logger.logLevel = .trace
        let region = try GenesysRegion.custom(baseURL: emulator.baseURL)
        let credentials = GenesysCredentials(clientID: "c", clientSecret: Secret("super-secret-value"), region: region)
        #expect(!"\(credentials)".contains("super-secret-value"))
        let provider = GenesysTokenProvider(httpClient: httpClient, credentials: [credentials], logger: logger)
        let broker = TokenBroker(provider: provider, logger: logger)
        let genesys = GenesysCloudClient(httpClient: httpClient, serviceToken: broker.handle(for: credentials.client), logger: logger)
        let session = VerifiedSession(subject: "u", credentialKind: .messagingJWT)
        _ = try await genesys.memberToken(for: session)
        emulator.revokeAllTokens()
        _ = try await genesys.memberToken(for: session)
        let token = try await broker.token(for: credentials.client)
        let tokenValue = token.value.revealed
        #expect(!"\(token)".contains(tokenValue))
        let entries = logs.entries
        #expect(!entries.isEmpty)
        for entry in entries {
            let text = "\(entry.message) \(entry.metadata)"
            #expect(!text.contains("super-secret-value"))
            #expect(!text.contains(tokenValue))
        }
        await broker.shutdown()
        try await httpClient.shutdown()
        await emulator.stop()
    }
}
