import AuthBridgeServer
import Synchronization
import Testing

/// The latch passes from the probe's first success on, and stops probing then.
@Suite struct ReadinessLatchTests {
    struct NotYet: Error {}

    @Test func latchesOnFirstSuccess() async {
        let attempts = Mutex(0)
        let latch = ReadinessLatch {
            let attempt = attempts.withLock { count -> Int in
                count += 1
                return count
            }
            if attempt < 3 { throw NotYet() }
        }
        #expect(await latch.isReady() == false)
        #expect(await latch.isReady() == false)
        #expect(await latch.isReady() == true)
        #expect(await latch.isReady() == true)
        #expect(attempts.withLock { $0 } == 3)
    }
}
