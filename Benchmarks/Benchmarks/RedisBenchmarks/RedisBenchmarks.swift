import AuthBridgeCore
import AuthBridgeRedis
import Benchmark
import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The shared cache on a real redis-server, started by each benchmark process on a free loopback port:
// the broker's hit with a Redis coordinator (must stay allocation-free, like the in-memory hit), a miss
// served from Redis, the client's bare round trip, and `redis-benchmark -t get` on the same server in
// the same run as the floor.

let quietLogger = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })

/// A throw-away redis-server for this benchmark process.
final class RedisFixture: Sendable {
    static let shared = RedisFixture()

    static let binary: String? = ["/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    private struct State {
        var process: Process?
        var port = 0
        var client: RedisClient?
    }

    private let state = Mutex(State())

    var port: Int { self.state.withLock { $0.port } }
    var client: RedisClient { self.state.withLock { $0.client! } }

    func start() async throws {
        guard self.state.withLock({ $0.process == nil }), let binary = Self.binary else { return }
        let port = try freePort()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("authbridge-bench-\(port)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let client = RedisClient(configuration: .init(port: port, connectionCount: 1), logger: quietLogger)
        self.state.withLock { $0 = State(process: process, port: port, client: client) }
        for _ in 0..<200 {
            if (try? await client.ping()) != nil { return }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    func stop() async {
        let state = self.state.withLock { state in
            defer { state = State() }
            return state
        }
        // The server first (SIGKILL: nothing to save), then the client, which then closes at once.
        if let process = state.process, process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
        await state.client?.shutdown()
    }
}

/// A port the kernel just handed out for loopback, released for redis-server to take.
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let ok = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
        }
    }
    guard ok else { throw CocoaError(.fileNoSuchFile) }
    return Int(UInt16(bigEndian: address.sin_port))
}

struct BenchmarkProvider: TokenProvider {
    func fetchToken(for key: String) async throws -> AccessToken {
        AccessToken(value: Secret(String(repeating: "x", count: 90)), expiresIn: .seconds(86_400), scopes: ["conversations"])
    }
}

/// A configuration that starts the server before the benchmark and stops it after: a configuration's
/// own `setup` does not inherit the default's, so every Redis benchmark builds its configuration here.
func withRedis(_ configuration: Benchmark.Configuration) -> Benchmark.Configuration {
    var configuration = configuration
    configuration.setup = { try await RedisFixture.shared.start() }
    configuration.teardown = { await RedisFixture.shared.stop() }
    return configuration
}

let benchmarks: @Sendable () -> Void = {
    guard RedisFixture.binary != nil else {
        print("redis-server is not installed (apt-get install -y redis-server): Redis benchmarks skipped")
        return
    }
    let fixture = RedisFixture.shared
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .microseconds,
        warmupIterations: 3,
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 30
    )
    let token = AccessToken(value: Secret(String(repeating: "x", count: 90)), expiresIn: .seconds(86_400), scopes: ["conversations"])
    let key = "genesys:client-8f14e45f-ceea-467a-9575-3b1f4d0d1f2b@mypurecloud.ie"

    // MARK: Hit through the in-process front cache (the broker), Redis as coordinator: no network.

    Benchmark(
        "RedisSharedCacheHitAllocations",
        configuration: withRedis(.init(metrics: [.mallocCountTotal], timeUnits: .nanoseconds, scalingFactor: .mega))
    ) { benchmark in
        let cache = RedisTokenCache<String>(client: fixture.client, logger: quietLogger)
        let broker = TokenBroker(provider: BenchmarkProvider(), coordinator: cache, logger: quietLogger)
        let handle = broker.handle(for: key)
        blackHole(try await handle.token())
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await handle.token())
        }
        benchmark.stopMeasurement()
        await broker.shutdown()
    }

    // MARK: Misses that go to Redis

    // One EVALSHA (GET + PTTL) and decoding the token: what a replica pays per miss on a warm Redis.
    Benchmark("RedisCacheRead", configuration: withRedis(.init())) { benchmark in
        let cache = RedisTokenCache<String>(client: fixture.client, logger: quietLogger)
        try await cache.set(token, for: key, expiresIn: .seconds(86_400))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await cache.token(for: key))
        }
        benchmark.stopMeasurement()
    }

    // A broker miss served from Redis: every iteration asks for a key this process has never seen, all
    // mapped to one Redis key that holds a token (slot creation, flight, one round trip).
    Benchmark("RedisBrokerMissFromSharedCache", configuration: withRedis(.init())) { benchmark in
        let cache = RedisTokenCache<String>(client: fixture.client, logger: quietLogger) { _ in "bench" }
        try await cache.set(token, for: "any", expiresIn: .seconds(86_400))
        let broker = TokenBroker(provider: BenchmarkProvider(), coordinator: cache, logger: quietLogger)
        var index = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            index += 1
            blackHole(try await broker.token(for: "k\(index)"))
        }
        benchmark.stopMeasurement()
        await broker.shutdown()
    }

    // The client's bare round trip (PING).
    Benchmark("RedisPing", configuration: withRedis(.init())) { benchmark in
        for _ in benchmark.scaledIterations {
            try await fixture.client.ping()
        }
    }

    // MARK: Floor: redis-benchmark GET on the same server, one connection, no pipelining.

    let floorP50 = BenchmarkMetric.custom("redisBenchmarkGetP50Micros", polarity: .prefersSmaller, useScalingFactor: false)
    Benchmark(
        "RedisBenchmarkGetFloor",
        configuration: withRedis(.init(metrics: [floorP50], warmupIterations: 0, scalingFactor: .one, maxIterations: 1))
    ) { benchmark in
        guard fixture.port > 0 else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/redis-benchmark")
        process.arguments = ["-p", "\(fixture.port)", "-t", "get", "-n", "20000", "-c", "1", "--csv"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms",…
        for line in output.split(separator: "\n") where line.hasPrefix("\"GET\"") {
            let fields = line.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            if fields.count > 4, let p50 = Double(fields[4]) {
                benchmark.measurement(floorP50, Int(p50 * 1000))
            }
        }
    }
}
