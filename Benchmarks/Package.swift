// swift-tools-version: 6.1
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, which differs between clones (CI's is not ours),
// so the root package's identity is read from the folder this manifest sits under.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

// Benchmarks live in their own package so users of AuthBridge never resolve package-benchmark or the
// peer libraries measured beside ours (vapor/jwt-kit).
let package = Package(
    name: "AuthBridgeBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.21.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
    ],
    targets: [
        // libcrypto itself, for the in-run primitive floor beside AuthBridgeJWT.
        .systemLibrary(name: "CBenchmarkOpenSSL", path: "Sources/CBenchmarkOpenSSL", pkgConfig: "libcrypto"),
        .executableTarget(
            name: "JWTBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "AuthBridgeJWT", package: root),
                .product(name: "JWTKit", package: "jwt-kit"),
                "CBenchmarkOpenSSL",
            ],
            path: "Benchmarks/JWTBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "BrokerBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "AuthBridgeCore", package: root),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/BrokerBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "BridgeBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "AuthBridge", package: root),
                .product(name: "AuthBridgeServer", package: root),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            path: "Benchmarks/BridgeBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "RedisBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "AuthBridgeCore", package: root),
                .product(name: "AuthBridgeRedis", package: root),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/RedisBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The server `load/run.sh` drives with wrk (not a package-benchmark target).
        .executableTarget(
            name: "LoadServer",
            dependencies: [
                .product(name: "AuthBridgeServer", package: root),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/LoadServer"
        ),
        // The messaging-context data action under load, Genesys and Zendesk emulated with latency.
        .executableTarget(
            name: "MessagingContextLoad",
            dependencies: [
                .product(name: "AuthBridgeServer", package: root),
                .product(name: "AuthBridgeTesting", package: root),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Sources/MessagingContextLoad"
        ),
    ]
)
