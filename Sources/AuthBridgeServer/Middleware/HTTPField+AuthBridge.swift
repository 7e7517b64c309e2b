public import Hummingbird

extension HTTPFields.Element.Name {
    /// `X-Request-Id`: the correlation id a request carries in and every response carries out.
    public static var requestID: Self { Self("X-Request-Id")! }
    /// `X-Forwarded-For`: read only when the server trusts proxies in front of it.
    static var forwardedFor: Self { Self("X-Forwarded-For")! }
}
