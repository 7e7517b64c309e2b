/// One parser of outside input, as `authbridge-fuzz` drives it: bytes in, never a trap, a hang or a leak.
package struct FuzzTarget: Sendable {
    /// The name `AUTHBRIDGE_FUZZ_TARGET` selects, and the corpus folder under `Fuzz/Corpus/`.
    package let name: String
    /// What the input stands for.
    package let summary: String
    /// Reads `bytes`; any result but a trap is a pass.
    package let run: @Sendable (UnsafeRawBufferPointer) -> Void

    package init(_ name: String, _ summary: String, run: @escaping @Sendable (UnsafeRawBufferPointer) -> Void) {
        self.name = name
        self.summary = summary
        self.run = run
    }
}
