import ArgumentParser
import AuthBridge
import AuthBridgeServer
import Hummingbird
import Logging
import ServiceLifecycle

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
        let configuration: AuthBridgeConfiguration
        do {
            configuration = try await AuthBridgeConfiguration.load(filePath: self.config, secretsDirectory: self.secretsDir)
        } catch let error as ConfigurationError {
            print("✗ \(error)")
            throw ExitCode(1)
        }
        let application = try AuthBridgeApplication(configuration: configuration, logger: logger)
        let server = AuthBridgeServerRunner(application: application, logger: logger)
        try await server.run()
    }
}
