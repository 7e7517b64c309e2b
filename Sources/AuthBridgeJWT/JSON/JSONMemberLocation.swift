/// A top-level member of a JSON object: its name, and where its (validated) value lies in the bytes.
struct JSONMemberLocation: Sendable, Hashable {
    let name: String
    let value: Range<Int>
}
