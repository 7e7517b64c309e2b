import NIOCore

/// Decodes RESP2 and RESP3 replies from a byte stream, within ``RedisReplyLimits``.
///
/// ``decode(_:)`` consumes one complete reply from the front of the buffer, or nothing when the reply
/// has not fully arrived. Malformed or oversized input throws a ``RedisError`` (never traps): lengths
/// are checked before any allocation, nesting before any recursion, and the total size as bytes are
/// read. Streamed RESP3 aggregates (`?` lengths) are refused; Redis does not send them to clients.
struct RESPDecoder: Sendable {
    let limits: RedisReplyLimits

    init(limits: RedisReplyLimits = RedisReplyLimits()) {
        self.limits = limits
    }

    /// One complete reply from the front of `buffer`, which it consumes; `nil` if more bytes are needed.
    mutating func decode(_ buffer: inout ByteBuffer) throws(RedisError) -> RESPValue? {
        guard buffer.readableBytes > 0 else { return nil }
        let limits = self.limits
        let result: Result<(RESPValue, Int)?, RedisError> = buffer.withUnsafeReadableBytes { bytes in
            var parser = Parser(bytes: bytes, limits: limits)
            do throws(Stop) {
                let value = try parser.value(depth: 0)
                return .success((value, parser.index))
            } catch {
                switch error {
                case .incomplete: return .success(nil)
                case .failed(let error): return .failure(error)
                }
            }
        }
        switch result {
        case .success(.some((let value, let consumed))):
            buffer.moveReaderIndex(forwardBy: consumed)
            return value
        case .success(.none):
            return nil
        case .failure(let error):
            throw error
        }
    }
}

extension RESPDecoder {
    fileprivate enum Stop: Error {
        case incomplete
        case failed(RedisError)

        static func malformed(_ reason: String) -> Stop {
            .failed(RedisError(.protocolError, reason))
        }

        static func tooLarge(_ reason: String) -> Stop {
            .failed(RedisError(.replyTooLarge, reason))
        }
    }

    /// A cursor over the bytes received so far; every read checks the bounds first.
    fileprivate struct Parser {
        let bytes: UnsafeRawBufferPointer
        let limits: RedisReplyLimits
        var index = 0

        /// Where reading must stop: the end of what arrived or the reply-size limit.
        private var end: Int { min(self.bytes.count, self.limits.maximumReplySize) }

        mutating func value(depth: Int) throws(Stop) -> RESPValue {
            let type = try self.byte()
            switch type {
            case UInt8(ascii: "+"):
                return .simpleString(try self.line())
            case UInt8(ascii: "-"):
                return .error(try self.line())
            case UInt8(ascii: ":"):
                return .integer(try self.integerLine())
            case UInt8(ascii: "$"), UInt8(ascii: "!"), UInt8(ascii: "="):
                let length = try self.integerLine()
                if length == -1, type == UInt8(ascii: "$") { return .null }
                guard length >= 0 else { throw .malformed("negative blob length") }
                guard length <= Int64(self.limits.maximumBulkLength) else {
                    throw .tooLarge("a bulk string longer than \(self.limits.maximumBulkLength) bytes")
                }
                let blob = try self.blob(Int(length))
                if type == UInt8(ascii: "!") { return .error(blob) }
                if type == UInt8(ascii: "=") {
                    guard blob.count >= 4, blob[3] == UInt8(ascii: ":") else {
                        throw .malformed("a verbatim string without its format prefix")
                    }
                    return .verbatimString(Array(blob[4...]))
                }
                return .bulkString(blob)
            case UInt8(ascii: "*"), UInt8(ascii: "~"), UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "|"):
                let count = try self.integerLine()
                if count == -1, type == UInt8(ascii: "*") { return .null }
                guard count >= 0 else { throw .malformed("negative aggregate length") }
                let pairs = type == UInt8(ascii: "%") || type == UInt8(ascii: "|")
                let limit = Int64(self.limits.maximumAggregateCount)
                guard count <= (pairs ? limit / 2 : limit) else {
                    throw .tooLarge("an aggregate of more than \(self.limits.maximumAggregateCount) elements")
                }
                guard depth + 1 <= self.limits.maximumDepth else {
                    throw .tooLarge("aggregates nested deeper than \(self.limits.maximumDepth)")
                }
                let elementCount = Int(pairs ? count * 2 : count)
                var elements: [RESPValue] = []
                // Reserve for what could have arrived, not for what the header claims.
                elements.reserveCapacity(min(elementCount, max(self.end - self.index, 0) / 3 + 1))
                for _ in 0..<elementCount {
                    elements.append(try self.value(depth: depth + 1))
                }
                switch type {
                case UInt8(ascii: "~"): return .set(elements)
                case UInt8(ascii: ">"): return .push(elements)
                case UInt8(ascii: "%"): return .map(elements)
                case UInt8(ascii: "|"):
                    // Attributes annotate the next reply; counting them as a level bounds chains of them.
                    return try self.value(depth: depth + 1)
                default: return .array(elements)
                }
            case UInt8(ascii: "_"):
                guard try self.line().isEmpty else { throw .malformed("a null with a payload") }
                return .null
            case UInt8(ascii: "#"):
                switch try self.line() {
                case [UInt8(ascii: "t")]: return .boolean(true)
                case [UInt8(ascii: "f")]: return .boolean(false)
                default: throw .malformed("a boolean other than t or f")
                }
            case UInt8(ascii: ","):
                let text = try self.line()
                guard text.count <= 64, let value = Double(String(decoding: text, as: UTF8.self)) else {
                    throw .malformed("a double that does not parse")
                }
                return .double(value)
            case UInt8(ascii: "("):
                let digits = try self.line()
                let body = digits.first == UInt8(ascii: "-") ? digits.dropFirst() : digits[...]
                guard !body.isEmpty, body.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                    throw .malformed("a big number with non-digits")
                }
                return .bigNumber(digits)
            default:
                throw .malformed("an unknown RESP type byte")
            }
        }

        private mutating func byte() throws(Stop) -> UInt8 {
            try self.need(1)
            defer { self.index += 1 }
            return self.bytes[self.index]
        }

        /// Throws unless `count` more bytes are available within the reply-size limit.
        private func need(_ count: Int) throws(Stop) {
            if self.index + count > self.limits.maximumReplySize {
                throw .tooLarge("a reply larger than \(self.limits.maximumReplySize) bytes")
            }
            if self.index + count > self.bytes.count { throw .incomplete }
        }

        /// The bytes up to the next CRLF, which it consumes.
        private mutating func line() throws(Stop) -> [UInt8] {
            var cursor = self.index
            while cursor < self.end {
                if self.bytes[cursor] == UInt8(ascii: "\r") {
                    guard cursor + 1 < self.end else { break }
                    guard self.bytes[cursor + 1] == UInt8(ascii: "\n") else { throw .malformed("a CR without LF") }
                    let line = Array(self.bytes[self.index..<cursor])
                    self.index = cursor + 2
                    return line
                }
                if self.bytes[cursor] == UInt8(ascii: "\n") { throw .malformed("an LF without CR") }
                cursor += 1
            }
            if self.bytes.count >= self.limits.maximumReplySize {
                throw .tooLarge("a reply larger than \(self.limits.maximumReplySize) bytes")
            }
            throw .incomplete
        }

        private mutating func integerLine() throws(Stop) -> Int64 {
            let text = try self.line()
            guard !text.isEmpty, text.count <= 20 else { throw .malformed("an integer that does not parse") }
            var negative = false
            var digits = text[...]
            if digits.first == UInt8(ascii: "-") {
                negative = true
                digits = digits.dropFirst()
            } else if digits.first == UInt8(ascii: "+") {
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty else { throw .malformed("an integer without digits") }
            var value: Int64 = 0
            for digit in digits {
                guard digit >= 48, digit <= 57 else { throw .malformed("an integer with non-digits") }
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int64(digit - 48))
                guard !overflow1, !overflow2 else { throw .malformed("an integer out of range") }
                value = sum
            }
            return negative ? -value : value
        }

        private mutating func blob(_ length: Int) throws(Stop) -> [UInt8] {
            try self.need(length + 2)
            guard self.bytes[self.index + length] == UInt8(ascii: "\r"),
                self.bytes[self.index + length + 1] == UInt8(ascii: "\n")
            else { throw .malformed("a blob not followed by CRLF") }
            let blob = Array(self.bytes[self.index..<self.index + length])
            self.index += length + 2
            return blob
        }
    }
}
