#if canImport(Glibc)
    import Glibc
#endif

/// Memory the program freed, given back to the system: glibc's allocator keeps what a phase
/// freed for later allocations, so a phase's peak would stay in the resident size of the rest
/// of the run.
enum ReleaseMemory {
    static func toTheSystem() {
        #if canImport(Glibc)
            // malloc_trim is glibc's (malloc.h, which Swift's Glibc module leaves out): looked up,
            // and skipped where it is missing (another C library).
            typealias Trim = @convention(c) (Int) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
