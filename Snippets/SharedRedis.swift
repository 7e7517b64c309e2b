// Several replicas on one Redis: the README's and AuthBridgeRedis's example, compiled.
import AsyncHTTPClient
import AuthBridgeCore
import AuthBridgeGenesys
import AuthBridgeRedis
import Logging

// snippet.hide
let logger = Logger(label: "snippet")
let redisPassword = "redis-password"
let credentials = GenesysCredentials(clientID: "client-id", clientSecret: Secret("client-secret"), region: .euWest1)
let provider = GenesysTokenProvider(httpClient: HTTPClient.shared, credentials: [credentials], logger: logger)
func share() async {
    // snippet.show
    let redis = RedisClient(configuration: .init(host: "redis.internal", password: Secret(redisPassword)), logger: logger)
    let shared = RedisTokenCache<GenesysOAuthClient>(client: redis, logger: logger)
    let broker = TokenBroker(provider: provider, coordinator: shared, logger: logger)  // one fetch per token lifetime, all replicas
    let replayStore = RedisReplayStore(client: redis)  // a jti seen anywhere is refused everywhere
    let codeStore = RedisOneTimeCodeStore(client: redis)
    let refreshTokenStore = RedisRefreshTokenStore(client: redis)
    // snippet.hide
    _ = (replayStore, codeStore, refreshTokenStore)
    await broker.shutdown()
    await redis.shutdown()
}
