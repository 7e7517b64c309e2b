import AuthBridgeCore
import InMemoryTracing
import Logging
import Testing
import Tracing

@testable import AuthBridgeRedis
@testable import AuthBridgeTestSupport

extension LiveRedis {
    /// Each command is a client span named for the command, under the caller's span, with nothing of its
    /// keys, arguments or replies.
    @Suite struct TracingTests {
        @Test func eachCommandIsASpanWithItsNameAndNoKeyOrValue() async throws {
            let server = try await RedisServer.start(password: "p4ss-w0rd-secret")
            defer { server.stop() }
            let tracer = InMemoryTracer()
            let client = RedisClient(
                configuration: .init(port: server.port, password: Secret("p4ss-w0rd-secret"), database: 2, tracer: tracer), logger: quietLogger)
            let cache = RedisTokenCache<ClientKey>(client: client, logger: quietLogger)
            let codes = RedisOneTimeCodeStore(client: client)
            try await tracer.withSpan("caller") { _ in
                try await cache.set(
                    AccessToken(value: Secret("bearer-secret-value"), expiresIn: .seconds(60)), for: ClientKey(id: "tenant-a"),
                    expiresIn: .seconds(60))
                #expect(try await codes.insert(Array("code-payload-secret".utf8), forKey: "one-time-code-secret", lifetime: .seconds(30)))
                _ = try await codes.consume("one-time-code-secret")
            }
            await client.shutdown()

            let caller = try #require(tracer.finishedSpans.first { $0.operationName == "caller" })
            let commands = tracer.finishedSpans.filter { $0.kind == .client }
            #expect(commands.count >= 3)
            for span in commands {
                #expect(span.traceID == caller.traceID)
                #expect(span.parentSpanID == caller.spanID)
                #expect(span.attributes["db.system"]?.toSpanAttribute() == .string("redis"))
                #expect(span.attributes["db.operation.name"]?.toSpanAttribute() == .string(span.operationName))
                #expect(span.attributes["db.namespace"]?.toSpanAttribute() == .string("2"))
                #expect(span.attributes["server.port"]?.toSpanAttribute() == .int64(Int64(server.port)))
            }
            #expect(Set(commands.map(\.operationName)).isSubset(of: ["SET", "GET", "DEL", "EVALSHA", "EVAL"]))
            let recorded = commands.map { "\($0.operationName) \($0.attributes) \($0.errors.map { "\($0.error)" })" }.joined(separator: "\n")
            for secret in ["bearer-secret-value", "code-payload-secret", "one-time-code-secret", "tenant-a", "p4ss-w0rd-secret", "authbridge:"] {
                #expect(!recorded.contains(secret), "a span records \(secret)")
            }
        }

        @Test func aFailedCommandRecordsItsCodeOnly() async throws {
            let server = try await RedisServer.start()
            let tracer = InMemoryTracer()
            let client = RedisClient(configuration: .init(port: server.port, tracer: tracer), logger: quietLogger)
            try await client.ping()
            server.stop()
            await #expect(throws: RedisError.self) { try await client.ping() }
            await client.shutdown()
            let failed = try #require(tracer.finishedSpans.last)
            #expect(failed.operationName == "PING")
            #expect(failed.status?.code == .error)
            let type = failed.attributes["error.type"]?.toSpanAttribute()
            #expect(
                ["redis.connectionFailed", "redis.connectionClosed", "redis.timeout"].map { SpanAttribute.string($0) }.contains(type),
                "\(String(describing: type))")
        }
    }
}
