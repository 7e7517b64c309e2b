import Synchronization

#if canImport(Darwin)
internal import Darwin
#elseif canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#endif

/// A small per-thread number, handed out round robin on a thread's first call, so that threads use
/// different read stripes. Stored in pthread-specific data: no allocation after the first call.
@usableFromInline
enum ThreadIndex {
    private static let key: pthread_key_t? = {
        var key = pthread_key_t()
        return pthread_key_create(&key, nil) == 0 ? key : nil
    }()

    private static let next = Atomic<Int>(0)

    /// This thread's index; threads beyond the stripe count share stripes, which stays correct.
    @usableFromInline
    static func current() -> Int {
        guard let key = ThreadIndex.key else { return 0 }
        if let stored = pthread_getspecific(key) {
            return Int(bitPattern: stored) &- 1
        }
        let index = ThreadIndex.next.wrappingAdd(1, ordering: .relaxed).oldValue
        // Stored plus one, because a null pointer means "not yet assigned".
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: index &+ 1))
        return index
    }

    /// How many processors are online, for sizing the stripes.
    static var processorCount: Int {
        Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}
