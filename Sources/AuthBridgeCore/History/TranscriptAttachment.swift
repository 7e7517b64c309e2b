/// A file attached to a ``TranscriptMessage``: a link, never the content.
public struct TranscriptAttachment: Hashable, Sendable, Codable {
    /// Where the file can be fetched, as the source gave it.
    public var url: String
    /// The file name, if known.
    public var name: String?
    /// The media type, for example `image/png`, if known.
    public var mediaType: String?
    /// The size in bytes, if known.
    public var byteCount: Int?

    /// Creates an attachment link.
    /// - Parameters:
    ///   - url: Where the file can be fetched.
    ///   - name: The file name.
    ///   - mediaType: The media type.
    ///   - byteCount: The size in bytes.
    public init(url: String, name: String? = nil, mediaType: String? = nil, byteCount: Int? = nil) {
        self.url = url
        self.name = name
        self.mediaType = mediaType
        self.byteCount = byteCount
    }
}
