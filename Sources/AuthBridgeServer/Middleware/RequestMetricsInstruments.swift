import Hummingbird
import Metrics
import Synchronization

/// The counter and timer per (route, method, status), made once: factories look labels up under their
/// own locks, which a request should not pay each time.
final class RequestMetricsInstruments: Sendable {
    struct Key: Hashable {
        let route: String
        let method: HTTPRequest.Method
        let status: Int
    }

    struct Instruments: Sendable {
        let counter: Counter
        let timer: Metrics.Timer
    }

    private let factory: any MetricsFactory
    private let table = Mutex<[Key: Instruments]>([:])

    init(factory: any MetricsFactory) {
        self.factory = factory
    }

    func instruments(route: String, method: HTTPRequest.Method, status: Int) -> Instruments {
        let key = Key(route: route, method: method, status: status)
        if let found = self.table.withLock({ $0[key] }) { return found }
        let dimensions = [("route", route), ("method", method.rawValue), ("status", String(status))]
        let made = Instruments(
            counter: Counter(label: RequestMetricsMiddleware.requestsLabel, dimensions: dimensions, factory: self.factory),
            timer: Metrics.Timer(label: RequestMetricsMiddleware.durationLabel, dimensions: dimensions, factory: self.factory)
        )
        return self.table.withLock { table in
            if let raced = table[key] { return raced }
            table[key] = made
            return made
        }
    }
}
