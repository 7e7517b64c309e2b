extension JWTError {
    /// Runs `body` and rethrows its `JWTError` as such. Some standard-library closure APIs
    /// (`Array.withUnsafeBytes`) still rethrow untyped, which typed-throws callers cannot pass on.
    static func rethrowing<T>(_ body: () throws -> T) throws(JWTError) -> T {
        do {
            return try body()
        } catch let error as JWTError {
            throw error
        } catch {
            throw JWTError(.cryptoFailure, "unexpected error")
        }
    }
}
