// Tracing: the application's own tracer handed to AuthBridge, and the process-wide alternative. Compiled
// against the current API; the tracer here is a stand-in for swift-otel's or a vendor's.
import AuthBridgeServer
import Configuration
import Logging
import ServiceLifecycle
import Tracing

// snippet.hide
let logger = Logger(label: "snippet")

/// Stands for `OTel.makeTracingBackend(configuration:)` (swift-otel) or a vendor's equivalent.
func makeTracingBackend() throws -> (any Tracer, any Service) {
    struct Exporter: Service { func run() async throws {} }
    return (NoOpTracer(), Exporter())
}

func explicitTracer(bridge: AuthBridgeConfiguration, server: AuthBridgeHTTPServer.Configuration) async throws {
    // snippet.show
    let (tracer, exporter) = try makeTracingBackend()  // for example swift-otel's OTLP tracer and its exporter service
    let application = try AuthBridgeApplication(configuration: bridge, tracer: tracer, logger: logger)
    var front = server
    front.tracer = tracer  // the request spans, parents of everything the route does
    try await AuthBridgeServerRunner(application: application, configuration: front, services: [exporter], logger: logger).run()
    // snippet.hide
}

func processWideTracer(reader: ConfigReader, tracer: any Tracer) async throws {
    // snippet.show
    InstrumentationSystem.bootstrap(tracer)  // once, first thing in main, before anything is created
    let (bridge, server) = try AuthBridgeServerRunner.configurations(from: reader)
    let application = try AuthBridgeApplication(configuration: bridge, logger: logger)
    try await AuthBridgeServerRunner(application: application, configuration: server, logger: logger).run()
    // snippet.hide
}
