import ArgumentParser
import AuthBridge
import AuthBridgeServer
import Hummingbird
import Logging

/// `authbridge serve --config FILE`: the production server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the AuthBridge server (SIGTERM or SIGINT: finish in-flight requests, then stop)."
    )

    @Option(name: .long, help: "A JSON configuration file (the environment's AUTHBRIDGE_* variables take precedence).")
    var config: String?

    @Option(name: .long, help: "A directory with one file per secret key (genesys-client-secret, …).")
    var secretsDir: String?

    func run() async throws {
        var logger = Logger(label: "authbridge")
        logger.logLevel = .info
        let configurations: (bridge: AuthBridgeConfiguration, server: AuthBridgeHTTPServer.Configuration)
        do {
            let reader = try await AuthBridgeConfiguration.reader(filePath: self.config, secretsDirectory: self.secretsDir)
            configurations = try AuthBridgeServerRunner.configurations(from: reader)
        } catch let error as ConfigurationError {
            print("✗ \(error)")
            throw ExitCode(1)
        }
        let application = try AuthBridgeApplication(configuration: configurations.bridge, logger: logger)
        let server = AuthBridgeServerRunner(application: application, configuration: configurations.server, logger: logger)
        try await server.run()
    }
}
