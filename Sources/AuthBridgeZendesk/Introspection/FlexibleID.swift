/// An id Zendesk sends as a JSON number (or, in some APIs, a string); kept as its decimal text.
struct FlexibleID: Decodable, Hashable, Sendable {
    let text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            self.text = String(number)
        } else {
            self.text = try container.decode(String.self)
        }
    }
}
