/// One decoded RESP2 or RESP3 reply.
///
/// Internal: callers of this module see typed store results, never raw replies, so a maintained client
/// can replace this one without changing public API.
enum RESPValue: Sendable, Equatable {
    /// `+OK`
    case simpleString([UInt8])
    /// `-ERR …` or RESP3 `!` (blob error). The text may quote command arguments: never log it.
    case error([UInt8])
    /// `:42`
    case integer(Int64)
    /// `$5 hello`
    case bulkString([UInt8])
    /// `$-1`, `*-1` or RESP3 `_`.
    case null
    /// `*2 …`
    case array([RESPValue])
    /// RESP3 `,1.5`
    case double(Double)
    /// RESP3 `#t`
    case boolean(Bool)
    /// RESP3 `(1234…`, as its decimal digits.
    case bigNumber([UInt8])
    /// RESP3 `=` (verbatim string), without its three-letter format prefix.
    case verbatimString([UInt8])
    /// RESP3 `%`: keys and values alternating.
    case map([RESPValue])
    /// RESP3 `~`
    case set([RESPValue])
    /// RESP3 `>`: an out-of-band message, never a command's reply.
    case push([RESPValue])

    /// The bytes of a string-like reply.
    var bytes: [UInt8]? {
        switch self {
        case .simpleString(let bytes), .bulkString(let bytes), .verbatimString(let bytes): bytes
        default: nil
        }
    }

    /// The elements of an array-like reply.
    var elements: [RESPValue]? {
        switch self {
        case .array(let elements), .set(let elements): elements
        default: nil
        }
    }

    /// The value of an integer reply (or a RESP3 boolean, as 0 or 1).
    var integer: Int64? {
        switch self {
        case .integer(let value): value
        case .boolean(let value): value ? 1 : 0
        default: nil
        }
    }
}
