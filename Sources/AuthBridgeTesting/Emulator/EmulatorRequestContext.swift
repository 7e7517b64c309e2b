public import Hummingbird
public import NIOCore

/// The request context of every emulator route: Hummingbird's core storage plus the connection's channel,
/// which the ``EmulatorFault/dropConnection`` fault closes.
public struct EmulatorRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, parameters, endpoint path).
    public var coreContext: CoreRequestContextStorage
    /// The connection the request arrived on.
    public let channel: any Channel

    /// Creates the context for one request; Hummingbird calls it.
    /// - Parameter source: The connection and the request's logger.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = CoreRequestContextStorage(source: source)
        self.channel = source.channel
    }
}
