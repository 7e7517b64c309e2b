import AuthBridgeJWT
import Synchronization

/// A settable wall clock shared by the emulator (token expiry) and the validator (`expires_at`).
final class WallClock: Sendable {
    private let seconds: Mutex<Double>

    init(_ seconds: Double = TestJWT.now) {
        self.seconds = Mutex(seconds)
    }

    var jwtClock: JWTClock {
        JWTClock { self.seconds.withLock { $0 } }
    }

    func advance(by seconds: Double) {
        self.seconds.withLock { $0 += seconds }
    }
}
