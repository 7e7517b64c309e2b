import AuthBridgeCore
import Testing

@testable import AuthBridgeRedis

@Suite struct RedisErrorTests {
    @Test func describesWithoutArgumentsAndKeepsOnlyTheServerErrorsFirstWord() {
        let word = RedisConnection.firstWord(Array("ERR unknown command 'x', with args beginning with: 'hunter2'".utf8))
        #expect(word == "ERR")
        let error = RedisError(.serverError, "Redis answered with an error", command: "AUTH", serverErrorPrefix: word)
        #expect(error.description == "RedisError(serverError): Redis answered with an error [command: AUTH] [server: ERR]")
        #expect(error.shortDescription == "serverError")
        #expect(!"\(error)".contains("hunter2"))
    }

    @Test func backoffDoublesUpToItsMaximum() {
        let backoff = RedisClient.Configuration.Backoff(initial: .milliseconds(50), maximum: .milliseconds(300))
        #expect(backoff.delay(afterFailures: 1) == .milliseconds(50))
        #expect(backoff.delay(afterFailures: 2) == .milliseconds(100))
        #expect(backoff.delay(afterFailures: 3) == .milliseconds(200))
        #expect(backoff.delay(afterFailures: 4) == .milliseconds(300))
        #expect(backoff.delay(afterFailures: 1000) == .milliseconds(300))
    }

    @Test func tokenCodecRoundTripsAndRefusesGarbage() throws {
        let token = AccessToken(value: Secret("v"), type: "Bearer", expiresIn: .seconds(9), scopes: ["a", "b"], metadata: ["org": "o", "x": ""])
        let decoded = try TokenCodec.decode(TokenCodec.encode(token), expiresIn: .seconds(9))
        #expect(decoded == token)
        var random = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            var bytes = TokenCodec.encode(token)
            bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
            if random.next() % 2 == 0 { bytes.removeLast(Int(random.next() % UInt64(bytes.count))) }
            _ = try? TokenCodec.decode(bytes, expiresIn: .seconds(1))
        }
        #expect(throws: RedisError.self) { try TokenCodec.decode([1, 0xFF, 0xFF, 0xFF, 0xFF], expiresIn: .seconds(1)) }
    }
}
