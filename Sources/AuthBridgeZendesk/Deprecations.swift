/// The former name of ``ZendeskHTTPPolicy``, renamed to match `GenesysHTTPPolicy`.
@available(*, deprecated, renamed: "ZendeskHTTPPolicy")
public typealias ZendeskHTTPConfiguration = ZendeskHTTPPolicy
