import NIOCore
import Testing

@testable import AuthBridgeRedis

@Suite struct RESPDecoderTests {
    private func decodeAll(_ text: String, limits: RedisReplyLimits = RedisReplyLimits()) throws(RedisError) -> [RESPValue] {
        var decoder = RESPDecoder(limits: limits)
        var buffer = ByteBuffer(string: text)
        var values: [RESPValue] = []
        while let value = try decoder.decode(&buffer) { values.append(value) }
        return values
    }

    private func code(_ text: String, limits: RedisReplyLimits = RedisReplyLimits()) -> RedisError.Code? {
        do {
            _ = try self.decodeAll(text, limits: limits)
            return nil
        } catch {
            return error.code
        }
    }

    /// Every RESP2 and RESP3 type, one after the other.
    static let wellFormed: [(String, RESPValue)] = [
        ("+OK\r\n", .simpleString(Array("OK".utf8))),
        ("-ERR bad\r\n", .error(Array("ERR bad".utf8))),
        (":-42\r\n", .integer(-42)),
        ("$5\r\nhe\r\no\r\n", .bulkString(Array("he\r\no".utf8))),
        ("$0\r\n\r\n", .bulkString([])),
        ("$-1\r\n", .null),
        ("*-1\r\n", .null),
        ("*2\r\n:1\r\n$1\r\nx\r\n", .array([.integer(1), .bulkString([UInt8(ascii: "x")])])),
        ("_\r\n", .null),
        ("#t\r\n", .boolean(true)),
        (",1.5\r\n", .double(1.5)),
        ("(12345678901234567890\r\n", .bigNumber(Array("12345678901234567890".utf8))),
        ("!3\r\nERR\r\n", .error(Array("ERR".utf8))),
        ("=7\r\ntxt:abc\r\n", .verbatimString(Array("abc".utf8))),
        ("%1\r\n+k\r\n:1\r\n", .map([.simpleString([UInt8(ascii: "k")]), .integer(1)])),
        ("~1\r\n:1\r\n", .set([.integer(1)])),
        (">1\r\n+m\r\n", .push([.simpleString([UInt8(ascii: "m")])])),
        ("|1\r\n+a\r\n+b\r\n:7\r\n", .integer(7)),
    ]

    @Test func decodesEveryType() throws {
        for (text, expected) in Self.wellFormed {
            #expect(try self.decodeAll(text) == [expected], "\(text.debugDescription)")
        }
        let stream = Self.wellFormed.map(\.0).joined()
        #expect(try self.decodeAll(stream) == Self.wellFormed.map(\.1))
    }

    @Test func everyTruncationWaitsForMoreAndByteByByteDeliveryDecodes() throws {
        for (text, expected) in Self.wellFormed {
            let bytes = Array(text.utf8)
            for cut in 0..<bytes.count {
                var decoder = RESPDecoder()
                var buffer = ByteBuffer(bytes: bytes[0..<cut])
                #expect(try decoder.decode(&buffer) == nil, "prefix \(cut) of \(text.debugDescription)")
                #expect(buffer.readableBytes == cut, "a partial reply is not consumed")
            }
            var decoder = RESPDecoder()
            var buffer = ByteBuffer()
            var decoded: RESPValue?
            for byte in bytes {
                buffer.writeInteger(byte)
                if let value = try decoder.decode(&buffer) { decoded = value }
            }
            #expect(decoded == expected)
            #expect(buffer.readableBytes == 0)
        }
    }

    @Test func malformedInputIsAProtocolError() {
        for text in [
            "?\r\n", "+OK\n", "+O\rK\r\n", ":\r\n", ":12a\r\n", ":-\r\n", ":99999999999999999999\r\n",
            "$-2\r\n", "$3\r\nabcd\r\n", "$3\r\nabc\n\n", "*-2\r\n", "#x\r\n", ",abc\r\n", "(12a\r\n",
            "=2\r\nab\r\n", "_x\r\n", "*1\r\n?\r\n", "$99999999999999999999999\r\n",
        ] {
            #expect(self.code(text) == .protocolError, "\(text.debugDescription)")
        }
    }

    @Test func oversizedInputIsRefusedBeforeAllocating() {
        let limits = RedisReplyLimits(maximumBulkLength: 100, maximumAggregateCount: 10, maximumDepth: 4, maximumReplySize: 1000)
        // Huge declared lengths fail on the header, whatever follows.
        #expect(self.code("$101\r\n", limits: limits) == .replyTooLarge)
        #expect(self.code("$9223372036854775807\r\n", limits: limits) == .replyTooLarge)
        #expect(self.code("*11\r\n", limits: limits) == .replyTooLarge)
        #expect(self.code("*9223372036854775807\r\n", limits: limits) == .replyTooLarge)
        #expect(self.code("%6\r\n", limits: limits) == .replyTooLarge)
        // Nesting, including chains of attributes.
        #expect(self.code(String(repeating: "*1\r\n", count: 5) + ":1\r\n", limits: limits) == .replyTooLarge)
        #expect(self.code(String(repeating: "|0\r\n", count: 5) + ":1\r\n", limits: limits) == .replyTooLarge)
        #expect((try? self.decodeAll(String(repeating: "*1\r\n", count: 4) + ":1\r\n", limits: limits)) != nil)
        // A line or a reply longer than the total limit, complete or not.
        #expect(self.code("+" + String(repeating: "a", count: 1200), limits: limits) == .replyTooLarge)
        #expect(
            self.code("*10\r\n" + String(repeating: "$99\r\n" + String(repeating: "a", count: 99) + "\r\n", count: 10), limits: limits)
                == .replyTooLarge)
        // Deep nesting at the default limits never reaches the stack's depth.
        #expect(self.code(String(repeating: "*1\r\n", count: 100_000)) == .replyTooLarge)
        #expect(self.code(String(repeating: "|0\r\n", count: 100_000)) == .replyTooLarge)
    }

    @Test func randomAndMutatedBytesNeverTrap() {
        var random = SplitMix64(seed: 0x5EED)
        let limits = RedisReplyLimits(maximumBulkLength: 256, maximumAggregateCount: 64, maximumDepth: 8, maximumReplySize: 4096)
        let alphabet = Array("+-:$*_#,(!=%~>|\r\n0123456789-?tfab".utf8)
        var outcomes = [0, 0, 0]
        for round in 0..<20_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                // Random bytes drawn mostly from RESP's own alphabet, to reach deep into the parser.
                bytes = (0..<Int(random.next() % 64)).map { _ in
                    random.next() % 4 == 0 ? UInt8(truncatingIfNeeded: random.next()) : alphabet[Int(random.next() % UInt64(alphabet.count))]
                }
            } else {
                // A valid stream with a few bytes changed, dropped or duplicated.
                bytes = Array(Self.wellFormed.map(\.0).joined().utf8)
                for _ in 0..<(1 + Int(random.next() % 4)) {
                    let at = Int(random.next() % UInt64(bytes.count))
                    switch random.next() % 3 {
                    case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next())
                    case 1: bytes.remove(at: at)
                    default: bytes.insert(bytes[at], at: at)
                    }
                }
            }
            var decoder = RESPDecoder(limits: limits)
            var buffer = ByteBuffer(bytes: bytes)
            do {
                var decodedAny = false
                while (try decoder.decode(&buffer)) != nil { decodedAny = true }
                outcomes[decodedAny ? 0 : 1] += 1
            } catch {
                outcomes[2] += 1
                #expect(error.code == .protocolError || error.code == .replyTooLarge)
            }
        }
        // The inputs reached every outcome: values, waiting for more, and typed errors.
        #expect(outcomes.allSatisfy { $0 > 0 })
    }

    @Test func encodesCommandsAsArraysOfBulkStrings() {
        var command = RedisCommand("SET", ["k"])
        command.append(bytes: [0, 13, 10])
        command.append(42)
        var buffer = ByteBuffer()
        RESPEncoder.encode(command, into: &buffer)
        #expect(Array(buffer.readableBytesView) == Array("*4\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\n".utf8) + [0, 13, 10] + Array("\r\n$2\r\n42\r\n".utf8))
    }
}

/// A small deterministic generator, so a failing fuzz round can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
