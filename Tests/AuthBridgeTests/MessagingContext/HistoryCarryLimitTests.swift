import Synchronization
import Testing

@testable import AuthBridge

/// Background history carries run a few at a time, wait in order, and are refused past the queue.
@Suite struct HistoryCarryLimitTests {
    @Test func aFewRunTheRestWaitInOrderAndTheQueueIsBounded() async throws {
        let limit = HistoryCarryLimit(width: 2, depth: 1)
        #expect(await limit.acquire())
        #expect(await limit.acquire())
        let third = Task { await limit.acquire() }
        // Wait until the third is queued, then a fourth finds the queue full.
        for _ in 0..<200 where limit.load.waiting == 0 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(limit.load == (2, 1))
        #expect(await limit.acquire() == false)
        limit.release()
        #expect(await third.value)
        #expect(limit.load == (2, 0))
        limit.release()
        limit.release()
        #expect(limit.load == (0, 0))
    }
}
