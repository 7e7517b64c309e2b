import AuthBridgeTestSupport
import InMemoryLogging
import Logging
import MetricsTestKit

@testable import AuthBridgeCore

/// A broker on a manual clock with a scripted provider, captured logs and test metrics.
struct BrokerFixture {
    let clock = ManualClock()
    let provider: ScriptedProvider
    let logs = InMemoryLogHandler()
    let metrics = TestMetrics()
    let broker: TokenBroker<String, ManualClock>

    /// - Parameter jitter: What the broker's random source returns, fixed so times are predictable.
    init(
        _ script: [ScriptedProvider.Step],
        configuration: TokenBroker<String, ManualClock>.Configuration = BrokerFixture.configuration,
        cache: (any TokenCache<String>)? = nil,
        coordinator: (any SharedFetchCoordinator<String>)? = nil,
        jitter: Double = 0.5
    ) {
        self.provider = ScriptedProvider(script)
        var logs = self.logs
        logs.logLevel = .trace
        let handler = logs
        self.broker = TokenBroker(
            provider: self.provider,
            cache: cache,
            coordinator: coordinator,
            configuration: configuration,
            clock: self.clock,
            logger: Logger(label: "test", factory: { _ in handler }),
            metricsFactory: self.metrics,
            random: { jitter }
        )
    }

    /// No safety margin and no refresh jitter, so the numbers in tests are the lifetimes they name:
    /// a 100 s token refreshes at 80 s.
    static var configuration: TokenBroker<String, ManualClock>.Configuration {
        TokenBroker<String, ManualClock>.Configuration(
            name: "test",
            refreshAheadFraction: 0.2,
            refreshAheadMargin: .zero,
            refreshJitter: 0,
            expirySafetyMargin: .zero,
            retry: .init(maximumAttempts: 3, initialBackoff: .seconds(1), maximumBackoff: .seconds(8)),
            permanentFailureCacheDuration: .seconds(30)
        )
    }
}
