public import Hummingbird
public import Metrics

/// Counts requests by route, method and status and records their durations, through the metrics
/// factory you pass (not the global one, so tests and embedders choose where metrics go).
///
/// Metrics: counter `authbridge_http_requests_total` and timer (a Prometheus histogram)
/// `authbridge_http_request_duration_seconds`, both with dimensions `route` (the matched route template,
/// `NotFound`, or `none` when the front answered before routing), `method` and `status`. Route templates
/// keep the label set bounded whatever paths clients send.
public struct RequestMetricsMiddleware: RouterMiddleware {
    /// The context this middleware runs with.
    public typealias Context = AuthBridgeRequestContext

    /// The counter's label.
    public static let requestsLabel = "authbridge_http_requests_total"
    /// The timer's label.
    public static let durationLabel = "authbridge_http_request_duration_seconds"

    private let instruments: RequestMetricsInstruments

    /// Creates the middleware.
    /// - Parameter factory: Where the counter and timer are made.
    public init(factory: any MetricsFactory) {
        self.instruments = RequestMetricsInstruments(factory: factory)
    }

    /// Times the rest of the chain and records the outcome.
    /// - Parameters:
    ///   - request: The request.
    ///   - context: Its context.
    ///   - next: The rest of the chain.
    /// - Returns: The next responder's response.
    public func handle(
        _ request: Request,
        context: AuthBridgeRequestContext,
        next: (Request, AuthBridgeRequestContext) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            self.record(request, context: context, status: response.status.code, start: start)
            return response
        } catch {
            self.record(request, context: context, status: (error as? any HTTPResponseError)?.status.code ?? 500, start: start)
            throw error
        }
    }

    private func record(_ request: Request, context: AuthBridgeRequestContext, status: Int, start: ContinuousClock.Instant) {
        let elapsed = start.duration(to: .now)
        let pair = self.instruments.instruments(route: context.endpointPath ?? "none", method: request.method, status: status)
        pair.counter.increment()
        pair.timer.recordNanoseconds(Int64(clamping: elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000))
    }
}
