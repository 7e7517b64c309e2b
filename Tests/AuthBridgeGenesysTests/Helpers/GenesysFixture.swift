import AsyncHTTPClient
import AuthBridgeCore
import AuthBridgeGenesys
import AuthBridgeTesting
import Logging
import Testing

@testable import AuthBridgeTestSupport

/// An emulator, an HTTP client, a provider, a broker and a Genesys client, torn down after the test.
struct GenesysFixture {
    let emulator: GenesysEmulator
    let httpClient: HTTPClient
    let credentials: GenesysCredentials
    let provider: GenesysTokenProvider
    let broker: TokenBroker<GenesysOAuthClient, CoarseMonotonicClock>
    let genesys: GenesysCloudClient

    static let logger = Logger(label: "genesys-tests", factory: { _ in SwiftLogNoOpLogHandler() })

    static func quickPolicy(timeout: Duration = .seconds(5), attempts: Int = 3) -> GenesysHTTPPolicy {
        GenesysHTTPPolicy(
            requestTimeout: timeout,
            retry: .init(maximumAttempts: attempts, initialBackoff: .milliseconds(10), maximumBackoff: .milliseconds(50))
        )
    }

    /// Runs `body` with a fresh fixture and always tears it down.
    static func with<T>(
        _ emulatorConfiguration: GenesysEmulator.Configuration = .init(legacyWebChat: true),
        clientSecret: String = "emulator-secret",
        configuration: GenesysCloudClient.Configuration = .init(http: quickPolicy()),
        brokerRetry: TokenBroker<GenesysOAuthClient, CoarseMonotonicClock>.Configuration.Retry = .init(
            maximumAttempts: 2,
            initialBackoff: .milliseconds(10),
            maximumBackoff: .milliseconds(20)
        ),
        _ body: (GenesysFixture) async throws -> T
    ) async throws -> T {
        let emulator = try await GenesysEmulator.start(emulatorConfiguration)
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
        let region = try GenesysRegion.custom(baseURL: emulator.baseURL)
        let credentials = GenesysCredentials(
            clientID: emulatorConfiguration.clients[0].id,
            clientSecret: Secret(clientSecret),
            region: region
        )
        let provider = GenesysTokenProvider(
            httpClient: httpClient,
            credentials: [credentials],
            policy: configuration.http,
            logger: logger
        )
        let broker = TokenBroker(
            provider: provider,
            configuration: .init(name: "genesys", retry: brokerRetry),
            logger: logger
        )
        let genesys = GenesysCloudClient(
            httpClient: httpClient,
            serviceToken: broker.handle(for: credentials.client),
            configuration: configuration,
            logger: logger
        )
        let fixture = GenesysFixture(
            emulator: emulator,
            httpClient: httpClient,
            credentials: credentials,
            provider: provider,
            broker: broker,
            genesys: genesys
        )
        do {
            let result = try await body(fixture)
            fixture.checkContract(legacy: emulatorConfiguration.legacyWebChat)
            await fixture.tearDown()
            return result
        } catch {
            await fixture.tearDown()
            throw error
        }
    }

    /// Every request the client sent in the test, checked against Genesys's definitions (responses are
    /// checked by the contract tests; here a test's injected faults may answer anything).
    func checkContract(legacy: Bool) {
        do {
            let contract = try GenesysContract.load()
            for call in self.emulator.calls.all {
                let problems = contract.problems(of: call, legacy: legacy, checkingResponse: false)
                #expect(problems.isEmpty, "\(problems)")
            }
        } catch {
            Issue.record("the Genesys contract extract could not be read: \(error)")
        }
    }

    func tearDown() async {
        await self.broker.shutdown()
        try? await self.httpClient.shutdown()
        await self.emulator.stop()
    }
}
