import Foundation
import Synchronization

/// The system clock plus an offset a test can move.
final class ClockOffset: Sendable {
    private let offset = Mutex<Double>(0)

    var now: Double { Date().timeIntervalSince1970 + self.offset.withLock { $0 } }

    func advance(seconds: Double) { self.offset.withLock { $0 += seconds } }
}
