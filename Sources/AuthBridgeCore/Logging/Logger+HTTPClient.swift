package import Logging

extension Logger {
    /// This logger for AsyncHTTPClient calls: at `trace` the client logs response bodies (a token
    /// endpoint's body is a token), so its level is raised to `debug` at least.
    package var forHTTPClient: Logger {
        var logger = self
        if logger.logLevel < .debug { logger.logLevel = .debug }
        return logger
    }
}
