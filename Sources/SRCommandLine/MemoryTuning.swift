#if canImport(Glibc)
import Glibc
#endif

/// Process-wide allocator settings for commands that stream many shards through large buffers.
public enum MemoryTuning {
    /// Keeps blocks of 128 KiB and more mmapped, so that freeing them returns them to the system.
    ///
    /// `prep merge` and `prep verify` allocate a 4 MiB read (or write) buffer per shard. glibc
    /// raises its mmap threshold each time such a block is freed, so later ones come from the heap
    /// and stay there: measured anonymous RSS of `prep merge` grew from 11.6 to 29.9 MB between
    /// 22k and 178k T91 records. A fixed threshold keeps memory flat (11.6 vs 12.6 MB). No effect
    /// off Linux.
    public static func keepLargeBuffersMapped() {
        #if os(Linux)
        _ = glibcMallopt(glibcMmapThreshold, 128 << 10)
        #endif
    }
}

#if os(Linux)
/// glibc's `mallopt(3)`; malloc.h is not in Swift's Glibc module.
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
/// `M_MMAP_THRESHOLD` from malloc.h.
private let glibcMmapThreshold: Int32 = -3
#endif
