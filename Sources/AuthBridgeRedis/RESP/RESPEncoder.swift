import NIOCore

/// Writes commands as RESP arrays of bulk strings, the only form Redis accepts from clients.
enum RESPEncoder {
    static func encode(_ command: RedisCommand, into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(ascii: "*"))
        buffer.writeString(String(command.parts.count))
        buffer.writeStaticString("\r\n")
        for part in command.parts {
            buffer.writeInteger(UInt8(ascii: "$"))
            buffer.writeString(String(part.count))
            buffer.writeStaticString("\r\n")
            buffer.writeBytes(part)
            buffer.writeStaticString("\r\n")
        }
    }
}
