import AuthBridge
import AuthBridgeRedis
import Logging
import Tracing

extension AuthBridgeApplication {
    /// The stores `redis.*` names: one Redis shared by every replica (its client shut down with the
    /// application), or, without it, this process's memory.
    static func stores(
        for configuration: AuthBridgeConfiguration.Redis?,
        tracer: (any Tracer)?,
        lifecycle: inout ApplicationLifecycle,
        logger: Logger
    ) -> StoreBackend {
        guard let configuration else { return .inMemory }
        var settings = configuration.client
        settings.tracer = tracer
        let client = RedisClient(configuration: settings, logger: logger)
        lifecycle.onShutdown { await client.shutdown() }
        return .redis(client, keyPrefix: configuration.keyPrefix)
    }
}
