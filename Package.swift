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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CAuthBridgeOpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "AuthBridgeJWT",
            dependencies: ["CAuthBridgeOpenSSL"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AuthBridgeCore",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AuthBridgeJWTTests",
            dependencies: ["AuthBridgeJWT", "CAuthBridgeOpenSSL"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AuthBridgeCoreTests",
            dependencies: [
                "AuthBridgeCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
