import Metrics
import NIOPosix
import Testing

@testable import AuthBridgeRedis

@Suite struct RedisClusterSlotMapTests {
    private static func node(_ host: String, _ port: Int64) -> RESPValue {
        .array([.bulkString(Array(host.utf8)), .integer(port), .bulkString(Array("id".utf8))])
    }

    @Test func readsMastersAndIgnoresReplicas() throws {
        let reply = RESPValue.array([
            .array([.integer(0), .integer(8191), Self.node("10.0.0.1", 7000), Self.node("10.0.0.4", 7003)]),
            .array([.integer(8192), .integer(16383), Self.node("", 7001)]),
        ])
        let map = try RedisClusterSlotMap(clusterSlots: reply, queried: RedisEndpoint(host: "10.0.0.9", port: 7005))
        #expect(map.owner(of: 0) == RedisEndpoint(host: "10.0.0.1", port: 7000))
        #expect(map.owner(of: 8191) == RedisEndpoint(host: "10.0.0.1", port: 7000))
        // An empty host is the node that answered.
        #expect(map.owner(of: 8192) == RedisEndpoint(host: "10.0.0.9", port: 7001))
        #expect(map.masters.count == 2)
    }

    @Test func aNullHostIsTheNodeAsked() throws {
        // `cluster-preferred-endpoint-type unknown-endpoint`: the node sends NULL instead of an address.
        let reply = RESPValue.array([
            .array([.integer(0), .integer(16383), .array([.null, .integer(7001), .bulkString(Array("id".utf8))])])
        ])
        let map = try RedisClusterSlotMap(clusterSlots: reply, queried: RedisEndpoint(host: "10.0.0.9", port: 7005))
        #expect(map.owner(of: 42) == RedisEndpoint(host: "10.0.0.9", port: 7001))
    }

    @Test func plaintextStaysOnLoopbackUnlessTheOperatorChoseOtherwise() {
        let loopback = [RedisEndpoint(host: "127.0.0.1", port: 7000)]
        #expect(RedisClusterRouter.plaintextStaysOnLoopback(tls: false, seeds: loopback))
        #expect(RedisClusterRouter.plaintextStaysOnLoopback(tls: true, seeds: loopback) == false)
        // A node beyond loopback configured without TLS is the operator's choice (redis.allowPlaintext).
        #expect(RedisClusterRouter.plaintextStaysOnLoopback(tls: false, seeds: loopback + [RedisEndpoint(host: "10.0.0.2", port: 7000)]) == false)

        let router = RedisClusterRouter(
            configuration: .init(port: 7000),
            cluster: .init(),
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: quietLogger,
            metrics: RedisMetrics(factory: NOOPMetricsHandler.instance)
        )
        #expect(router.permits(RedisEndpoint(host: "127.0.0.1", port: 7001)))
        #expect(router.permits(RedisEndpoint(host: "localhost", port: 7001)))
        #expect(router.permits(RedisEndpoint(host: "10.0.0.1", port: 7001)) == false)
        #expect(router.permits(RedisEndpoint(host: "redis.example.com", port: 7001)) == false)
    }

    @Test func unknownEndpointsLeaveSlotsUnowned() throws {
        let reply = RESPValue.array([
            .array([.integer(0), .integer(99), Self.node("?", 7000)]),
            .array([.integer(100), .integer(16383), Self.node("10.0.0.1", 7001)]),
        ])
        var map = try RedisClusterSlotMap(clusterSlots: reply, queried: RedisEndpoint(host: "h", port: 1))
        #expect(map.owner(of: 5) == nil)
        // A MOVED teaches the owner until the next read.
        map.assign(5, to: RedisEndpoint(host: "10.0.0.2", port: 7002))
        #expect(map.owner(of: 5) == RedisEndpoint(host: "10.0.0.2", port: 7002))
        #expect(map.owner(of: 6) == nil)
    }

    @Test(arguments: [
        RESPValue.integer(1),
        .array([.array([.integer(0), .integer(16384), node("h", 1)])]),
        .array([.array([.integer(10), .integer(5), node("h", 1)])]),
        .array([.array([.integer(0), .integer(5), node("h", 0)])]),
        .array([.array([.integer(0), .integer(5), node("bad host", 1)])]),
        .array([.array([.integer(0), .integer(5)])]),
        .array([]),
    ])
    func refusesOtherShapes(_ reply: RESPValue) {
        #expect(throws: RedisError.self) { try RedisClusterSlotMap(clusterSlots: reply, queried: RedisEndpoint(host: "h", port: 1)) }
    }

    @Test func redirectsAreRead() {
        let moved = RedisRedirect(errorReply: Array("MOVED 3999 127.0.0.1:6381".utf8))
        #expect(moved?.kind == .moved && moved?.slot == 3999 && moved?.endpoint == RedisEndpoint(host: "127.0.0.1", port: 6381))
        let ask = RedisRedirect(errorReply: Array("ASK 1 [::1]:7000".utf8))
        #expect(ask?.kind == .ask && ask?.endpoint == RedisEndpoint(host: "::1", port: 7000))
        #expect(RedisRedirect(errorReply: Array("MOVED 12 :7001".utf8))?.endpoint == RedisEndpoint(host: "", port: 7001))
        for text in ["MOVED 16384 h:1", "MOVED x h:1", "ASK 1 h", "ASK 1 h:0", "ERR wrong", "MOVED 1 h:1 extra", "MOVED 1 a\u{1B}b:1"] {
            #expect(RedisRedirect(errorReply: Array(text.utf8)) == nil, "\(text)")
        }
        #expect(RedisEndpoint(host: "::1", port: 7000).description == "[::1]:7000")
    }
}
