public import AuthBridge
public import Configuration
import Logging

extension AuthBridgeHTTPServer.Configuration {
    /// Reads the HTTP front's `server.*` keys, the way `AuthBridgeConfiguration` reads its sections.
    ///
    /// | key | field |
    /// |---|---|
    /// | `server.host`, `server.port` | ``host``, ``port``; default `127.0.0.1`, 8080 (`0`: any free port) |
    /// | `server.allowedOrigins` | ``cors``: the site's origins, comma-separated (https, or http on loopback) |
    /// | `server.maximumBodyBytes` | ``maximumRequestBodySize``; 1024–1 MiB, default 16384 |
    /// | `server.rateLimitPerMinute` | ``rateLimit``: per client address, with a burst of a tenth of it (at most 100); default 600 |
    /// | `server.trustedProxyHops` | ``clientAddress``: how many proxies in front append to `X-Forwarded-For`; 0–16, default 0 (the TCP peer) |
    /// | `server.shutdownDrainSeconds` | ``shutdownDrainPeriod``; 0–300, default 0 (behind Kubernetes: 5–10) |
    /// | `server.idleTimeoutSeconds` | ``idleTimeout``; 1–3600, default 75 |
    /// | `server.metricsPort` | ``metricsPort``; must differ from `server.port` |
    /// | `server.openapiDocument` | ``servesOpenAPIDocument``; default `true` |
    /// | `server.accessLogLevel` | ``accessLogLevel``: `trace`, `debug`, `info` (default), `notice`, `warning`; below the logger's level (`info` in `authbridge serve`) the access log is off |
    /// - Parameter reader: Where the values come from (`AuthBridgeConfiguration.reader(filePath:secretsDirectory:environment:)`).
    /// - Throws: `ConfigurationError` naming every wrong key.
    public init(reader: ConfigReader) throws(ConfigurationError) {
        var read = ConfigurationReading(reader: reader)
        let configuration = Self(reading: &read)
        try read.check()
        self = configuration
    }

    /// Reads the `server.*` keys, recording every problem in `read`.
    package init(reading read: inout ConfigurationReading) {
        let port = read.int("server.port", default: 8080, in: 0...65_535)
        let metricsPort = read.optionalInt("server.metricsPort", in: 0...65_535)
        if let metricsPort, metricsPort != 0, metricsPort == port {
            read.problem("server.metricsPort", "must differ from server.port: it keeps /metrics off the public port")
        }
        // A token bucket at the configured rate, with a tenth of a minute's worth of burst capped at 100,
        // so a page's retries are not refused.
        let perMinute = Double(read.int("server.rateLimitPerMinute", default: 600, in: 1...1_000_000))
        var accessLogLevel = Logger.Level.info
        if let name = read.string("server.accessLogLevel") {
            if let level = Logger.Level(rawValue: name.lowercased()), level <= .warning {
                accessLogLevel = level
            } else {
                read.problem("server.accessLogLevel", "must be trace, debug, info, notice or warning")
            }
        }
        self.init(
            host: read.string("server.host") ?? "127.0.0.1",
            port: port,
            cors: CORSPolicy(allowedOrigins: read.origins("server.allowedOrigins")),
            maximumRequestBodySize: read.int("server.maximumBodyBytes", default: 16_384, in: 1_024...(1 << 20)),
            rateLimit: .init(requestsPerSecond: perMinute / 60, burst: min(max(Int(perMinute / 6), 1), 100)),
            clientAddress: .forwardedFor(trustedProxyHops: read.int("server.trustedProxyHops", default: 0, in: 0...16)),
            accessLogLevel: accessLogLevel,
            shutdownDrainPeriod: .seconds(read.int("server.shutdownDrainSeconds", default: 0, in: 0...300)),
            idleTimeout: .seconds(read.int("server.idleTimeoutSeconds", default: 75, in: 1...3_600)),
            metricsPort: metricsPort,
            servesOpenAPIDocument: read.optionalBool("server.openapiDocument") ?? true
        )
    }
}
