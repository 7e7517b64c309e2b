/// The error bodies Zendesk sends: OAuth style `{"error","error_description"}`, Support style
/// `{"error","description"}`, and Sunshine Conversations style `{"errors":[{"code","title"}]}`.
struct ZendeskErrorBody: Decodable {
    struct Item: Decodable {
        var code: String?
        var title: String?
    }

    var error: String?
    var errorDescription: String?
    var description: String?
    var errors: [Item]?

    enum CodingKeys: String, CodingKey {
        case error
        case errorDescription = "error_description"
        case description
        case errors
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // Some 404s carry `error` as an object; read only what is a string.
        self.error = try? container.decodeIfPresent(String.self, forKey: .error)
        self.errorDescription = try? container.decodeIfPresent(String.self, forKey: .errorDescription)
        self.description = try? container.decodeIfPresent(String.self, forKey: .description)
        self.errors = try? container.decodeIfPresent([Item].self, forKey: .errors)
    }

    var code: String? { self.error ?? self.errors?.first?.code }
    var text: String? { self.errorDescription ?? self.description ?? self.errors?.first?.title }
}
