// swift-tools-version: 6.2
import PackageDescription

// One list of settings for every target of ours: Swift 6 mode comes with tools 6.2; warnings are errors
// in our own targets only (dependencies build with their own settings).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "AuthBridge",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "AuthBridgeJWT", targets: ["AuthBridgeJWT"]),
        .library(name: "AuthBridgeCore", targets: ["AuthBridgeCore"]),
        .library(name: "AuthBridgeZendesk", targets: ["AuthBridgeZendesk"]),
        .library(name: "AuthBridgeGenesys", targets: ["AuthBridgeGenesys"]),
        .library(name: "AuthBridgeTesting", targets: ["AuthBridgeTesting"]),
        .library(name: "AuthBridgeOIDC", targets: ["AuthBridgeOIDC"]),
        .library(name: "AuthBridge", targets: ["AuthBridge"]),
        .library(name: "AuthBridgeServer", targets: ["AuthBridgeServer"]),
        .library(name: "AuthBridgeRedis", targets: ["AuthBridgeRedis"]),
        .executable(name: "authbridge", targets: ["authbridge"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.70.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.27.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.21.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
        // HTTP field names for reading trace context from requests (already Hummingbird's).
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        // FilePath for swift-configuration's file providers.
        .package(url: "https://github.com/apple/swift-system.git", from: "1.4.0"),
        // Spans through the tracing API only; the application picks the tracer (`withTracer` needs 1.7.3).
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        // The test tracer's W3C `traceparent` (test support only).
        .package(url: "https://github.com/swift-otel/swift-w3c-trace-context.git", from: "1.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CAuthBridgeOpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // The OpenSSL wrappers every module above shares (digests, random, AEAD sealing, base64): internal,
        // never a product, so nothing above writes its own SHA-1 or base64 again.
        .target(
            name: "AuthBridgeCrypto",
            dependencies: ["CAuthBridgeOpenSSL"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AuthBridgeJWT",
            dependencies: ["CAuthBridgeOpenSSL", "AuthBridgeCrypto"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AuthBridgeCore",
            dependencies: [
                "AuthBridgeJWT",
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AuthBridgeZendesk",
            dependencies: [
                "AuthBridgeCrypto",
                "AuthBridgeCore",
                "AuthBridgeJWT",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AuthBridgeGenesys",
            dependencies: [
                "AuthBridgeCrypto",
                "AuthBridgeCore",
                "AuthBridgeJWT",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AuthBridgeOIDC",
            dependencies: [
                "AuthBridgeCrypto",
                "AuthBridgeCore",
                "AuthBridgeJWT",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AuthBridgeRedis",
            dependencies: [
                "AuthBridgeCrypto",
                "AuthBridgeCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AuthBridge",
            dependencies: [
                "AuthBridgeCrypto",
                "AuthBridgeCore",
                "AuthBridgeJWT",
                "AuthBridgeZendesk",
                "AuthBridgeGenesys",
                "AuthBridgeOIDC",
                "AuthBridgeRedis",
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AuthBridgeServer",
            dependencies: [
                "AuthBridge",
                "AuthBridgeCore",
                "AuthBridgeJWT",
                "AuthBridgeOIDC",
                "AuthBridgeRedis",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            // The committed OpenAPI document, compiled into the binary: `GET /openapi.json` needs no file
            // beside the executable.
            resources: [.embedInCode("OpenAPI/openapi.json")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "authbridge",
            dependencies: [
                "AuthBridgeCrypto",
                "AuthBridgeServer",
                "AuthBridge",
                "AuthBridgeTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                "AuthBridgeJWT",
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            // `authbridge demo --serve`'s example page; `authprovider.js` is the DocC article's plugin code,
            // byte for byte (DemoServeBrowserTests checks).
            resources: [
                .embedInCode("Demo/Page/index.html"), .embedInCode("Demo/Page/login.html"), .embedInCode("Demo/Page/page.js"),
                .embedInCode("Demo/Page/messenger.js"), .embedInCode("Demo/Page/authprovider.js"),
            ],
            swiftSettings: strictSettings
        ),
        // The parsers of outside input as fuzz targets (issue 20); `authbridge-fuzz` runs them under libFuzzer
        // (built with -sanitize=fuzzer,address -DFUZZING) or over corpus files.
        .target(
            name: "AuthBridgeFuzzTargets",
            dependencies: [
                "AuthBridge", "AuthBridgeGenesys", "AuthBridgeJWT", "AuthBridgeOIDC", "AuthBridgeRedis", "AuthBridgeServer",
                "AuthBridgeZendesk",
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "authbridge-fuzz",
            dependencies: ["AuthBridgeFuzzTargets"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AuthBridgeTesting",
            dependencies: [
                "AuthBridgeCore",
                "AuthBridgeJWT",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        // What the test targets share (the manual clock, `eventually`, the Genesys contract): a target of
        // its own under Tests/, never a product.
        .target(
            name: "AuthBridgeTestSupport",
            dependencies: [
                "AuthBridgeTesting",
                "AuthBridgeRedis",
                "AuthBridgeCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                "AuthBridgeJWT",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                .product(name: "W3CTraceContext", package: "swift-w3c-trace-context"),
            ],
            path: "Tests/AuthBridgeTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AuthBridgeFuzzTargetsTests",
            dependencies: ["AuthBridgeFuzzTargets"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AuthBridgeCryptoTests",
            dependencies: ["AuthBridgeCrypto"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AuthBridgeJWTTests",
            dependencies: [
                "AuthBridgeCrypto","AuthBridgeJWT", "CAuthBridgeOpenSSL"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AuthBridgeCoreTests",
            dependencies: [
                "AuthBridgeTestSupport",
                "AuthBridgeCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AuthBridgeZendeskTests",
            dependencies: [
                "AuthBridgeTestSupport",
                "AuthBridgeZendesk",
                "AuthBridgeTesting",
                "AuthBridgeCore",
                "AuthBridgeJWT",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AuthBridgeGenesysTests",
            dependencies: [
                "AuthBridgeTestSupport",
                "AuthBridgeCrypto",
                "AuthBridgeGenesys",
                "AuthBridgeTesting",
                "AuthBridgeCore",
                "AuthBridgeJWT",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AuthBridgeOIDCTests",
            dependencies: [
                "AuthBridgeOIDC",
                "AuthBridgeCore",
                "AuthBridgeJWT",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AuthBridgeRedisTests",
            dependencies: [
                "AuthBridgeTestSupport",
                "AuthBridgeRedis",
                "AuthBridgeCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
        // Tests that cross modules: the bridge and the application on a real Redis.
        .testTarget(
            name: "AuthBridgeIntegrationTests",
            dependencies: [
                "AuthBridgeTestSupport",
                "AuthBridge",
                "AuthBridgeCore",
                "AuthBridgeRedis",
                "AuthBridgeServer",
                "AuthBridgeTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AuthBridgeTests",
            dependencies: [
                "AuthBridgeTestSupport",
                "AuthBridge",
                "AuthBridgeTesting",
                "AuthBridgeCore",
                "AuthBridgeJWT",
                "AuthBridgeZendesk",
                "AuthBridgeGenesys",
                "AuthBridgeOIDC",
                "AuthBridgeRedis",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AuthBridgeServerTests",
            dependencies: [
                "AuthBridgeTestSupport",
                "AuthBridgeServer",
                "AuthBridge",
                "AuthBridgeTesting",
                "AuthBridgeJWT",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AuthBridgeTestingTests",
            dependencies: [
                "AuthBridgeTestSupport",
                "AuthBridgeTesting",
                "AuthBridgeCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
