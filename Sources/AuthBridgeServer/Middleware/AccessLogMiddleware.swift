import AuthBridgeCore
public import Hummingbird
public import Logging

/// One structured log line per request: method, path without its query, status, duration in
/// milliseconds, the matched route, the client and the correlation id (from the request logger's
/// metadata).
///
/// It never logs a body, a header (so neither `Authorization` nor cookies) nor the query string, which
/// may carry authorization codes.
public struct AccessLogMiddleware: RouterMiddleware {
    /// The context this middleware runs with.
    public typealias Context = AuthBridgeRequestContext

    /// The level of the access log line.
    public let level: Logger.Level

    /// Creates the middleware.
    /// - Parameter level: The level of the line; default `info`.
    public init(level: Logger.Level = .info) {
        self.level = level
    }

    /// Times the rest of the chain and logs the outcome.
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
        let status: Int
        let response: Response
        do {
            response = try await next(request, context)
            status = Int(response.status.code)
        } catch {
            status = Int((error as? any HTTPResponseError)?.status.code ?? 500)
            self.log(request, context: context, status: status, start: start)
            throw error
        }
        self.log(request, context: context, status: status, start: start)
        return response
    }

    private func log(_ request: Request, context: AuthBridgeRequestContext, status: Int, start: ContinuousClock.Instant) {
        guard context.logger.logLevel <= self.level else { return }
        let elapsed = start.duration(to: .now).components
        let microseconds = max(0, elapsed.seconds * 1_000_000 + elapsed.attoseconds / 1_000_000_000_000)
        let fraction = String(microseconds % 1000)
        // The client's: escaped and capped, whatever the parser let through.
        let path = LogText.printable(request.uri.path, limit: 256)
        context.logger.log(
            level: self.level,
            "request",
            metadata: [
                "http.method": .string(request.method.rawValue),
                "http.path": .string(path),
                "http.route": .string(context.endpointPath ?? "-"),
                "http.status": .stringConvertible(status),
                "duration_ms": .string("\(microseconds / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"),
                "client": .string(context.clientAddress ?? context.remoteAddress?.ipAddress ?? "unknown"),
            ]
        )
    }
}
