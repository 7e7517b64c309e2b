import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real `redis-server`, started as a child process on a free loopback port with a throw-away
/// directory and no persistence, stopped (killed) when the test is done.
///
/// When the binary is missing, tests that need it are disabled with a message, except under `CI`,
/// where they run and fail.
final class RedisServer: Sendable {
    let port: Int
    let password: String?
    /// Whether the port speaks TLS only (`--port 0 --tls-port`), with certificates in ``directory``.
    let tls: Bool
    let directory: URL
    /// Further `redis-server` arguments (a cluster node's settings).
    let extraArguments: [String]
    private let process: Mutex<Process?>

    /// Where `redis-server` is, if on `PATH`.
    static let binary: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/local/sbin"]
        for directory in directories {
            let candidate = "\(directory)/redis-server"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// Whether the live tests run: the binary exists, or `CI` is set (then a missing binary fails them).
    static var isAvailable: Bool {
        binary != nil || ProcessInfo.processInfo.environment["CI"] != nil
    }

    static let unavailableMessage: Comment =
        "redis-server is not installed (apt-get install -y redis-server); live Redis tests skipped. Under CI they fail instead."

    private init(port: Int, password: String?, tls: Bool, directory: URL, extraArguments: [String]) {
        self.port = port
        self.password = password
        self.tls = tls
        self.directory = directory
        self.extraArguments = extraArguments
        self.process = Mutex(nil)
    }

    /// Starts a server and waits until it answers `PING`.
    /// - Parameters:
    ///   - password: `requirepass`, if any.
    ///   - tls: Serve TLS only, with a throw-away CA (`ca.pem`) and a certificate for `localhost` and
    ///     `127.0.0.1` made by the `openssl` command.
    ///   - extraArguments: Further `redis-server` arguments.
    static func start(password: String? = nil, tls: Bool = false, extraArguments: [String] = []) async throws -> RedisServer {
        guard binary != nil else {
            Issue.record("redis-server is not installed but CI is set: install it (apt-get install -y redis-server)")
            throw CancellationError()
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("authbridge-redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if tls { try makeCertificates(in: directory) }
        let server = RedisServer(port: try freePort(), password: password, tls: tls, directory: directory, extraArguments: extraArguments)
        try await server.launch()
        return server
    }

    /// Starts the process (again, on the same port).
    func launch() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary!)
        var arguments = [
            "--port", "\(self.port)", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--dir", self.directory.path, "--daemonize", "no", "--loglevel", "warning",
        ]
        if let password { arguments += ["--requirepass", password] }
        arguments += self.extraArguments
        if self.tls {
            arguments[1] = "0"
            arguments += [
                "--tls-port", "\(self.port)", "--tls-auth-clients", "no",
                "--tls-cert-file", self.directory.appendingPathComponent("server.pem").path,
                "--tls-key-file", self.directory.appendingPathComponent("server.key").path,
                "--tls-ca-cert-file", self.directory.appendingPathComponent("ca.pem").path,
            ]
        }
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process.withLock { $0 = process }
        try await self.waitUntilAnswering()
    }

    /// Kills the process (SIGKILL: no chance to answer anything more) and waits for it to go.
    func kill() {
        guard
            let process = self.process.withLock({ state -> Process? in
                defer { state = nil }
                return state
            })
        else { return }
        if process.isRunning {
            signal(process.processIdentifier, SIGCONT)
            signal(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
    }

    /// Freezes the process (SIGSTOP): connections stay open, nothing answers.
    func pause() {
        if let pid = self.process.withLock({ $0?.processIdentifier }) { signal(pid, SIGSTOP) }
    }

    /// Thaws the process (SIGCONT).
    func resume() {
        if let pid = self.process.withLock({ $0?.processIdentifier }) { signal(pid, SIGCONT) }
    }

    /// Kills the server and removes its directory.
    func stop() {
        self.kill()
        try? FileManager.default.removeItem(at: self.directory)
    }

    deinit {
        self.stop()
    }

    /// Waits (at most 10 s) until `PING` answers on the port, by a raw socket, so the helper does not
    /// depend on the client under test.
    private func waitUntilAnswering() async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if self.tls ? Self.accepts(port: self.port) : Self.ping(port: self.port) { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw RedisServerError.didNotStart
    }

    /// Sends `PING` and accepts `+PONG` or `-NOAUTH` (a password is set): either way it answers.
    static func ping(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return false }
        let request = Array("PING\r\n".utf8)
        guard send(fd, request, request.count, 0) == request.count else { return false }
        var reply = [UInt8](repeating: 0, count: 64)
        let count = recv(fd, &reply, reply.count, 0)
        guard count > 0 else { return false }
        let text = String(decoding: reply[0..<count], as: UTF8.self)
        return text.hasPrefix("+PONG") || text.hasPrefix("-NOAUTH")
    }

    /// Whether a TCP connection to the port is accepted (a TLS port does not answer a plain PING).
    private static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    /// A CA and a server certificate for `localhost` and `127.0.0.1`, by the `openssl` command.
    private static func makeCertificates(in directory: URL) throws {
        let script = """
            set -e
            openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 1 -subj "/CN=AuthBridge Test CA"
            openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=localhost"
            printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\n' > ext.cnf
            openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 1 -extfile ext.cnf
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw RedisServerError.didNotStart }
    }

    /// A port the kernel just handed out for loopback, released for the server to take.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RedisServerError.noPort }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw RedisServerError.noPort }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw RedisServerError.noPort }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Sends `signal` to `pid` (a free function: inside ``RedisServer`` `kill` names the method).
private func signal(_ pid: Int32, _ signal: Int32) {
    _ = kill(pid, signal)
}

enum RedisServerError: Error {
    case didNotStart
    case noPort
}
