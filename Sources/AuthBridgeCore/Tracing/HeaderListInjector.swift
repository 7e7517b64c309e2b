import Tracing

/// Injects a context into a list of header fields, which each adapter copies into its own header type
/// (Core has no HTTP).
package struct HeaderListInjector: Injector {
    package init() {}

    package func inject(_ value: String, forKey key: String, into carrier: inout [(name: String, value: String)]) {
        carrier.append((key, value))
    }
}
