import Hummingbird
import Synchronization

/// The faults armed on one emulator, per route.
///
/// Faults are consulted in the order they were injected; the first whose route matches a request fires
/// and, unless it is ``EmulatorFaultCount/always``, uses up one of its count. Thread-safe: tests may
/// inject and clear while requests are in flight.
public final class EmulatorFaults: Sendable {
    private struct Armed {
        var fault: EmulatorFault
        var route: EmulatorRoute
        var remaining: Int?
    }

    private let armed = Mutex<[Armed]>([])

    /// Creates an empty set of faults.
    public init() {}

    /// Arms `fault` for requests matching `route`.
    /// - Parameters:
    ///   - fault: What to do.
    ///   - route: Which requests it applies to.
    ///   - count: How many matching requests it applies to; default once.
    public func inject(_ fault: EmulatorFault, on route: EmulatorRoute, count: EmulatorFaultCount = .once) {
        self.armed.withLock { $0.append(Armed(fault: fault, route: route, remaining: count.remaining)) }
    }

    /// Disarms every fault injected with exactly `route`.
    /// - Parameter route: The route the faults were injected on.
    public func clear(_ route: EmulatorRoute) {
        self.armed.withLock { $0.removeAll { $0.route == route } }
    }

    /// Disarms every fault.
    public func clearAll() {
        self.armed.withLock { $0.removeAll() }
    }

    /// How many faults are still armed.
    public var armedCount: Int {
        self.armed.withLock { $0.count }
    }

    /// The fault for a request, used up by one if counted.
    func take(method: HTTPRequest.Method, path: String) -> EmulatorFault? {
        self.armed.withLock { armed in
            guard let index = armed.firstIndex(where: { $0.route.matches(method: method, path: path) }) else {
                return nil
            }
            let fault = armed[index].fault
            if let remaining = armed[index].remaining {
                if remaining <= 1 {
                    armed.remove(at: index)
                } else {
                    armed[index].remaining = remaining - 1
                }
            }
            return fault
        }
    }
}
