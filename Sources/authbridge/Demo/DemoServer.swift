import AuthBridgeTesting
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// `authbridge demo --serve`: the demo's emulators and AuthBridge, and the example shop page in front of
/// them, on loopback until SIGINT or SIGTERM.
struct DemoServer {
    let port: Int
    let json: Bool

    func run() async throws {
        // The page's origin must be known before AuthBridge starts (its CORS allow-list) and before the
        // Messenger deployment is made (its allowed domains).
        let port = self.port == 0 ? try await DemoEnvironment.freePort() : self.port
        let pageURL = "http://127.0.0.1:\(port)"
        let environment = try await DemoEnvironment.start(logLevel: .info, legacyWebChat: false, pageOrigins: [pageURL])
        let logger = Logger(label: "authbridge.demo", factory: { _ in SwiftLogNoOpLogHandler() })
        let json = self.json
        let app = Application(
            router: ExampleShopPage(
                configuration: .init(
                    authBridge: environment.baseURL,
                    genesys: environment.genesys.baseURL,
                    deploymentID: DemoEnvironment.messengerDeploymentID,
                    customerName: "Ada King Lovelace",
                    messagingJWT: { try DemoEnvironment.messagingJWT() }
                ),
                httpClient: environment.httpClient
            ).router(),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { _ in
                let text =
                    json
                    ? #"{"page":"\#(pageURL)","authbridge":"\#(environment.baseURL)","genesys":"\#(environment.genesys.baseURL)","zendesk":"\#(environment.zendesk.baseURL)"}"#
                    : "open     \(pageURL)/\nauthbridge \(environment.baseURL)\ngenesys  \(environment.genesys.baseURL)\nready: Ctrl-C stops"
                // Unbuffered: a test or a script waits for this line on a pipe.
                FileHandle.standardOutput.write(Data((text + "\n").utf8))
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            await environment.stop()
            throw error
        }
        await environment.stop()
    }
}
