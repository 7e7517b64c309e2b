// Serving from a configuration, as `authbridge serve` does: AuthBridgeServer's example, compiled.
import AuthBridgeServer
import Hummingbird
import Logging

// snippet.hide
let logger = Logger(label: "snippet")
func serve() async throws {
    // snippet.show
    let reader = try await AuthBridgeConfiguration.reader(filePath: "authbridge.json", secretsDirectory: "/run/secrets")
    let (bridge, server) = try AuthBridgeServerRunner.configurations(from: reader)
    let application = try AuthBridgeApplication(configuration: bridge, logger: logger)
    try await AuthBridgeServerRunner(application: application, configuration: server, logger: logger).run()
    // snippet.hide
}

func mount() async throws {
    let reader = try await AuthBridgeConfiguration.reader(filePath: "authbridge.json", secretsDirectory: "/run/secrets")
    let (bridge, server) = try AuthBridgeServerRunner.configurations(from: reader)
    // snippet.show
    let application = try AuthBridgeApplication(configuration: bridge, logger: logger)
    let router = Router(context: AuthBridgeRequestContext.self)
    application.register(on: router, maximumBodySize: server.maximumRequestBodySize)
    // run `application.services` (the brokers' refresh) beside the HTTP server in one ServiceGroup,
    // and `await application.shutdown()` at the end
    // snippet.hide
    await application.shutdown()
}
