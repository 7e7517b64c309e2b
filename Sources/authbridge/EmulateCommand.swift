import ArgumentParser
import AsyncHTTPClient
import AuthBridgeTesting
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// `authbridge emulate`: the Zendesk and Genesys emulators as a standalone process on chosen loopback
/// ports, seeded from a JSON file, with a control API for faults and recorded calls, until SIGINT or
/// SIGTERM.
struct EmulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulate",
        abstract: "Run the Zendesk and Genesys emulators on loopback for any language's tests and load tools (until Ctrl-C)."
    )

    @Option(name: .long, help: "The Zendesk emulator's port (0: any free one).")
    var zendeskPort = 0

    @Option(name: .long, help: "The Genesys emulator's port (0: any free one).")
    var genesysPort = 0

    @Option(name: .long, help: "The control API's port (0: any free one).")
    var controlPort = 0

    @Option(name: .long, help: "With the seed's examplePage: the example shop page's port (0: any free one).")
    var pagePort = 0

    @Option(
        name: .long,
        help:
            "A JSON seed file: Genesys clients, deployments and OpenID integrations; Zendesk clients, tokens, chats, users, conversations, tickets; faults."
    )
    var seed: String?

    @Flag(name: .long, help: "Print the base URLs as one JSON line.")
    var json = false

    func run() async throws {
        let seed = try self.seed.map { try EmulatorSeed(json: String(contentsOfFile: $0, encoding: .utf8)) } ?? EmulatorSeed()
        let genesys = try await GenesysEmulator.start(seed.genesys, port: self.genesysPort)
        let zendesk: ZendeskEmulator
        do {
            zendesk = try await ZendeskEmulator.start(port: self.zendeskPort)
        } catch {
            await genesys.stop()
            throw error
        }
        seed.zendesk(zendesk)
        // A load test runs for hours: keep the newest calls only, so memory stays bounded.
        zendesk.calls.limit = 10_000
        genesys.calls.limit = 10_000
        let control = EmulatorControl(zendesk: zendesk, genesys: genesys)
        seed.faults.forEach(control.arm)
        let logger = Logger(label: "authbridge.emulate", factory: { _ in SwiftLogNoOpLogHandler() })
        let json = self.json
        // The URLs are printed once every listener is up: a script may use any of them at once.
        let listening = Mutex<(control: String?, page: String?, pageExpected: Bool, announced: Bool)>((nil, nil, seed.examplePage != nil, false))
        let announce: @Sendable () -> Void = {
            let ready = listening.withLock { state -> (String, String?)? in
                guard !state.announced, let control = state.control, !state.pageExpected || state.page != nil else { return nil }
                state.announced = true
                return (control, state.page)
            }
            guard let (controlURL, page) = ready else { return }
            let pageJSON = page.map { #","page":"\#($0)""# } ?? ""
            let pageText = page.map { "page     \($0)/\n" } ?? ""
            let text =
                json
                ? #"{"zendesk":"\#(zendesk.baseURL)","genesys":"\#(genesys.baseURL)","control":"\#(controlURL)"\#(pageJSON)}"#
                : "zendesk  \(zendesk.baseURL)\ngenesys  \(genesys.baseURL)\ncontrol  \(controlURL)\n\(pageText)ready: Ctrl-C stops"
            // Unbuffered: a test or a script waits for this line on a pipe.
            FileHandle.standardOutput.write(Data((text + "\n").utf8))
        }
        var services: [any Service] = []
        if let seed = seed.examplePage {
            let page = ExampleShopPage(
                configuration: .init(
                    authBridge: seed.authBridge, genesys: genesys.baseURL, deploymentID: seed.deploymentID,
                    customerName: seed.customerName, messagingJWT: { try seed.messagingJWT() }),
                httpClient: .shared
            )
            services.append(
                Application(
                    router: page.router(), configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: self.pagePort)),
                    onServerRunning: { channel in
                        listening.withLock { $0.page = "http://127.0.0.1:\(channel.localAddress?.port ?? 0)" }
                        announce()
                    },
                    logger: logger))
        }
        let app = Application(
            router: control.router(),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: self.controlPort)),
            onServerRunning: { channel in
                listening.withLock { $0.control = "http://127.0.0.1:\(channel.localAddress?.port ?? 0)" }
                announce()
            },
            logger: logger
        )
        let group = ServiceGroup(
            configuration: .init(services: services + [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            await zendesk.stop()
            await genesys.stop()
            throw error
        }
        await zendesk.stop()
        await genesys.stop()
    }
}
