import Foundation

extension RedisServer {
    /// Runs `redis-cli` (next to `redis-server`) against 127.0.0.1 and returns what it printed; throws
    /// when it exits with an error.
    @discardableResult
    static func cli(_ arguments: [String]) throws -> String {
        let binary = URL(fileURLWithPath: Self.binary!).deletingLastPathComponent().appendingPathComponent("redis-cli")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["-h", "127.0.0.1"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw RedisServerError.didNotStart }
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs `redis-cli` against this server.
    @discardableResult
    func cli(_ arguments: [String]) throws -> String {
        try Self.cli(["-p", "\(self.port)"] + arguments)
    }
}
