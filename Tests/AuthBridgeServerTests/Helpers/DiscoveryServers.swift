import AuthBridge
import AuthBridgeServer
import Logging
import NIOCore
import NIOPosix
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Servers on loopback for the doctor's discovery check: an application's OpenID routes on a chosen port
/// (the issuer names the port, so the port comes first), and a port where connecting is refused.
enum DiscoveryServers {
    /// Serves `application`'s OpenID routes on `port`.
    static func serve(_ application: AuthBridgeApplication, port: Int) async throws -> AuthBridgeHTTPServer.Running {
        _ = try #require(application.provider)
        // Every route the application mounts, as `authbridge serve` would.
        let server = AuthBridgeHTTPServer(
            configuration: .init(port: port, rateLimit: nil),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        ) { router in
            application.register(on: router)
        }
        return try await server.start()
    }

    /// Serves the application `make` builds for a port, on that port. A port another test took in between
    /// (the suites run in parallel) is tried again with another one.
    static func serveAtFreePort(
        _ make: (Int) async throws -> AuthBridgeApplication
    ) async throws -> (port: Int, application: AuthBridgeApplication, running: AuthBridgeHTTPServer.Running) {
        var attempt = 0
        while true {
            attempt += 1
            let port = try await Self.freePort()
            let application = try await make(port)
            do {
                return (port, application, try await Self.serve(application, port: port))
            } catch {
                await application.shutdown()
                if attempt == 5 { throw error }
            }
        }
    }

    /// Starts the server `make` builds for a port, on that port; a port taken in between is tried again.
    static func startAtFreePort(_ make: (Int) -> AuthBridgeHTTPServer) async throws -> AuthBridgeHTTPServer.Running {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await make(try await Self.freePort()).start()
            } catch  where attempt < 5 {}
        }
    }

    /// A port that was free a moment ago: bound by the kernel's choice, then closed.
    static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(channel.localAddress?.port)
        try await channel.close()
        return port
    }

    /// A loopback port held by a socket that is bound but never listens, so connecting is refused and no
    /// other test can take the port while it is held.
    final class RefusingPort {
        let port: Int
        private let descriptor: Int32

        init() throws {
            struct SocketFailed: Error {}
            #if os(Linux)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
            #endif
            guard descriptor >= 0 else { throw SocketFailed() }
            var address = sockaddr_in()
            #if !os(Linux)
            address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
            #endif
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                    bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
                }
            }
            guard bound else {
                close(descriptor)
                throw SocketFailed()
            }
            self.descriptor = descriptor
            self.port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(self.descriptor) }
    }
}
