import AuthBridgeCore
import Testing

@Suite("CoarseMonotonicClock")
struct CoarseMonotonicClockTests {
    @Test func isMonotonicAndCoarse() {
        let clock = CoarseMonotonicClock()
        var previous = clock.now
        for _ in 0..<10_000 {
            let next = clock.now
            #expect(previous <= next)
            previous = next
        }
        #expect(clock.minimumResolution > .zero)
        #expect(clock.minimumResolution <= .milliseconds(20))
    }

    @Test func instantArithmetic() {
        let start = CoarseMonotonicClock().now
        #expect(start.advanced(by: .seconds(3)).duration(to: start) == .seconds(-3))
        #expect(start.advanced(by: .milliseconds(1500)) > start)
        #expect(start.advanced(by: .seconds(Int64.max)) > start.advanced(by: .seconds(1_000_000)))
    }

    @Test func sleepsUntilTheDeadline() async throws {
        let clock = CoarseMonotonicClock()
        let deadline = clock.now.advanced(by: .milliseconds(20))
        try await clock.sleep(until: deadline)
        #expect(clock.now >= deadline)
    }
}
