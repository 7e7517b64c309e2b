/// A file a transcript message carried: a link, never the content.
public struct TranscriptAttachment: Hashable, Sendable, Codable {
    /// Where the file can be fetched, as the source gave it.
    public var url: String
    /// The file name, if known.
    public var name: String?
    /// The media type, for example `image/png`, if known.
    public var mediaType: String?
    /// The size in bytes, if known.
    public var byteCount: Int?
    /// Whether the URL opens only with the source's credentials (Zendesk messaging's private
    /// attachments): an agent in Genesys sees the name, type and size, and needs Zendesk access to open it.
    public var requiresSourceAccess: Bool

    /// Creates an attachment link.
    /// - Parameters:
    ///   - url: Where the file can be fetched.
    ///   - name: The file name.
    ///   - mediaType: The media type.
    ///   - byteCount: The size in bytes.
    ///   - requiresSourceAccess: Whether the URL needs the source's credentials; default `false`.
    public init(url: String, name: String? = nil, mediaType: String? = nil, byteCount: Int? = nil, requiresSourceAccess: Bool = false) {
        self.url = url
        self.name = name
        self.mediaType = mediaType
        self.byteCount = byteCount
        self.requiresSourceAccess = requiresSourceAccess
    }

    private enum CodingKeys: String, CodingKey {
        case url, name, mediaType, byteCount, requiresSourceAccess
    }

    /// Decodes an attachment; one encoded before ``requiresSourceAccess`` existed reads as `false`.
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for a missing URL or a wrongly typed field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.url = try container.decode(String.self, forKey: .url)
        self.name = try container.decodeIfPresent(String.self, forKey: .name)
        self.mediaType = try container.decodeIfPresent(String.self, forKey: .mediaType)
        self.byteCount = try container.decodeIfPresent(Int.self, forKey: .byteCount)
        self.requiresSourceAccess = try container.decodeIfPresent(Bool.self, forKey: .requiresSourceAccess) ?? false
    }
}
