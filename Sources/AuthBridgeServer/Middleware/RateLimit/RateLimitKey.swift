/// What the rate limit counts per: an IPv4 address, or an IPv6 address's /64 prefix.
///
/// One IPv6 subscriber usually holds a whole /64 and can rotate through it at will; counting per full
/// address would hand each rotation a fresh burst. IPv4-mapped IPv6 (`::ffff:a.b.c.d`) counts as its IPv4.
enum RateLimitKey {
    static func key(forClientAddress address: String) -> String {
        guard address.utf8.contains(UInt8(ascii: ":")) else { return address }
        if let lastColon = address.lastIndex(of: ":"), address[lastColon...].contains(".") {
            return String(address[address.index(after: lastColon)...])
        }
        guard let groups = Self.groups(of: address) else { return address }
        return groups.prefix(4).map { String($0, radix: 16) }.joined(separator: ":") + "::/64"
    }

    /// The eight 16-bit groups of a textual IPv6 address (zone id dropped), or `nil` if it is not one.
    static func groups(of address: String) -> [UInt16]? {
        var text = Substring(address)
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }
        let halves = text.split(separator: "::", maxSplits: 1, omittingEmptySubsequences: false)
        guard halves.count <= 2, !(halves.count == 2 && halves[1].contains("::")) else { return nil }
        func parse(_ part: Substring) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        guard let head = parse(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 8 ? head : nil }
        guard let tail = parse(halves[1]), head.count + tail.count < 8 else { return nil }
        return head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
    }
}
