import AuthBridgeCore
import Foundation
import NIOSSL
import Testing

@testable import AuthBridgeRedis
@testable import AuthBridgeTestSupport

extension LiveRedis {
    @Suite struct TLSTests {
        @Test func speaksTLSWhenConfiguredAndRefusesAnUntrustedServer() async throws {
            let server = try await RedisServer.start(password: "tls-pass", tls: true)
            defer { server.stop() }
            var trusted = TLSConfiguration.makeClientConfiguration()
            trusted.trustRoots = .file(server.directory.appendingPathComponent("ca.pem").path)

            // By the certificate's DNS name, and by its IP address.
            for serverName in ["localhost", nil] {
                let client = RedisClient(
                    configuration: .init(port: server.port, password: Secret("tls-pass"), tls: trusted, tlsServerName: serverName),
                    logger: quietLogger
                )
                try await client.ping()
                let store = RedisReplayStore(client: client)
                #expect(try await store.insertIfAbsent("over-tls-\(serverName ?? "ip")", expiresIn: .seconds(10)))
                await client.shutdown()
            }

            // A CA we do not trust, or no TLS at all: typed failures. (swift-nio-ssl accepts a certificate
            // that names either the server name or the connected address, so a wrong name alone passes here.)
            let untrusted = RedisClient(
                configuration: .init(port: server.port, password: Secret("tls-pass"), tls: .makeClientConfiguration()),
                logger: quietLogger
            )
            let plain = RedisClient(configuration: .init(port: server.port, password: Secret("tls-pass")), logger: quietLogger)
            for client in [untrusted, plain] {
                let elapsed = await measure {
                    do throws(RedisError) {
                        try await client.ping()
                        Issue.record("a connection the client should refuse answered")
                    } catch {
                        #expect(error.code == .connectionFailed, "\(error)")
                    }
                }
                #expect(elapsed < .seconds(2))
                await client.shutdown()
            }
        }
    }
}
