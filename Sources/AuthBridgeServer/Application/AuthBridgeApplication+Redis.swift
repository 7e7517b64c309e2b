import AuthBridge
import AuthBridgeRedis
import Logging

extension AuthBridgeApplication {
    /// The stores `redis.*` names: one Redis shared by every replica (its client shut down with the
    /// application), or, without it, this process's memory.
    static func stores(
        for configuration: AuthBridgeConfiguration.Redis?,
        lifecycle: inout ApplicationLifecycle,
        logger: Logger
    ) -> StoreBackend {
        guard let configuration else { return .inMemory }
        let client = RedisClient(configuration: configuration.client, logger: logger)
        lifecycle.onShutdown { await client.shutdown() }
        return .redis(client, keyPrefix: configuration.keyPrefix)
    }
}
