import CModelKernels

/// A read-only zip archive over bytes in memory, just enough for `torch.save` files (PKWARE
/// APPNOTE 6.3: end of central directory, ZIP64 records, central directory, local headers;
/// stored and deflated entries; CRC-32 checked).
///
/// Written here rather than taken from a zip library because every offset in a checkpoint is
/// untrusted: each one is bounds-checked and a corrupt archive is a ``ModelError``, never a trap.
struct ZipArchive {
    struct Entry {
        let name: String
        let method: UInt16
        let crc32: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeaderOffset: Int
    }

    let bytes: [UInt8]
    let path: String
    /// Entries in central-directory order.
    private(set) var entries = [Entry]()
    /// Largest entry read (2 GiB).
    static let maximumEntry = 1 << 31

    init(bytes: [UInt8], path: String) throws {
        self.bytes = bytes
        self.path = path
        // End of central directory: signature 0x06054b50 within the last 22 + 65535 bytes.
        guard bytes.count >= 22 else {
            throw ModelError.truncated(path: path, what: "zip end-of-central-directory record", offset: 0, needed: 22, available: bytes.count)
        }
        var eocd = -1
        var i = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65535)
        while i >= lowest {
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 0x05, bytes[i + 3] == 0x06 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else {
            throw ModelError.malformed(path: path, reason: "no zip end-of-central-directory record; the file is truncated or not a zip")
        }
        var r = ByteReader(bytes, path: path, offset: eocd + 10)
        var count = Int(try r.u16("zip entry count"))
        var cdSize = Int(try r.u32("zip central directory size"))
        var cdOffset = Int(try r.u32("zip central directory offset"))
        if count == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF {
            // ZIP64 end-of-central-directory locator sits just before the EOCD.
            guard eocd >= 20 else { throw ModelError.malformed(path: path, reason: "ZIP64 archive without a ZIP64 locator") }
            var l = ByteReader(bytes, path: path, offset: eocd - 20)
            guard try l.u32("ZIP64 locator signature") == 0x0706_4B50 else {
                throw ModelError.malformed(path: path, reason: "ZIP64 archive without a ZIP64 locator")
            }
            _ = try l.u32("ZIP64 disk")
            let recordOffset = try l.u64("ZIP64 record offset")
            guard recordOffset < UInt64(bytes.count) else {
                throw ModelError.truncated(path: path, what: "ZIP64 end-of-central-directory record", offset: Int(clamping: recordOffset),
                                           needed: 56, available: 0)
            }
            var z = ByteReader(bytes, path: path, offset: Int(recordOffset))
            guard try z.u32("ZIP64 record signature") == 0x0606_4B50 else {
                throw ModelError.malformed(path: path, reason: "bad ZIP64 end-of-central-directory signature")
            }
            try z.skip(20, "ZIP64 record header")
            count = Int(clamping: try z.u64("ZIP64 entry count"))
            cdSize = Int(clamping: try z.u64("ZIP64 central directory size"))
            cdOffset = Int(clamping: try z.u64("ZIP64 central directory offset"))
        }
        guard cdOffset <= bytes.count, cdSize <= bytes.count - cdOffset else {
            throw ModelError.truncated(path: path, what: "zip central directory", offset: cdOffset, needed: cdSize,
                                       available: max(0, bytes.count - cdOffset))
        }
        var c = ByteReader(bytes, path: path, offset: cdOffset, end: cdOffset + cdSize)
        for n in 0..<count {
            guard try c.u32("zip central directory entry \(n)") == 0x0201_4B50 else {
                throw ModelError.malformed(path: path, reason: "zip central directory entry \(n) has a bad signature")
            }
            try c.skip(6, "zip entry versions and flags")
            let method = try c.u16("zip entry method")
            try c.skip(4, "zip entry time")
            let crc = try c.u32("zip entry CRC")
            var compressed = UInt64(try c.u32("zip entry compressed size"))
            var uncompressed = UInt64(try c.u32("zip entry size"))
            let nameLength = Int(try c.u16("zip entry name length"))
            let extraLength = Int(try c.u16("zip entry extra length"))
            let commentLength = Int(try c.u16("zip entry comment length"))
            try c.skip(8, "zip entry attributes")
            var offset = UInt64(try c.u32("zip entry offset"))
            let name = String(decoding: try c.slice(nameLength, "zip entry name"), as: UTF8.self)
            var extra = ByteReader(bytes, path: path, offset: c.offset, end: c.offset + extraLength)
            try c.skip(extraLength, "zip entry extra field")
            try c.skip(commentLength, "zip entry comment")
            // ZIP64 extended information (0x0001) replaces the fields that are 0xFFFFFFFF, in order.
            while extra.remaining >= 4 {
                let id = try extra.u16("zip extra id"), size = Int(try extra.u16("zip extra size"))
                var field = ByteReader(bytes, path: path, offset: extra.offset, end: extra.offset + min(size, extra.remaining))
                try extra.skip(size, "zip extra field")
                guard id == 0x0001 else { continue }
                if uncompressed == 0xFFFF_FFFF { uncompressed = try field.u64("ZIP64 size") }
                if compressed == 0xFFFF_FFFF { compressed = try field.u64("ZIP64 compressed size") }
                if offset == 0xFFFF_FFFF { offset = try field.u64("ZIP64 offset") }
            }
            guard compressed <= UInt64(Self.maximumEntry), uncompressed <= UInt64(Self.maximumEntry), offset < UInt64(bytes.count) else {
                throw ModelError.malformed(path: path, reason: "zip entry \(name) has size \(uncompressed) at offset \(offset), beyond the file")
            }
            entries.append(Entry(name: name, method: method, crc32: crc, compressedSize: Int(compressed),
                                 uncompressedSize: Int(uncompressed), localHeaderOffset: Int(offset)))
        }
    }

    /// The entry called `name`.
    func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }

    /// The entry's bytes, inflated if needed, CRC-checked.
    /// The largest ratio of inflated to deflated bytes the format allows (a length-258 match per
    /// two bits, RFC 1951), used to refuse impossible declared sizes.
    static let maximumDeflateRatio = 1032

    func contents(of entry: Entry) throws -> [UInt8] {
        var r = ByteReader(bytes, path: path, offset: entry.localHeaderOffset)
        guard try r.u32("zip local header of \(entry.name)") == 0x0403_4B50 else {
            throw ModelError.malformed(path: path, reason: "zip entry \(entry.name) has no local header at offset \(entry.localHeaderOffset)")
        }
        try r.skip(22, "zip local header of \(entry.name)")
        let nameLength = Int(try r.u16("zip local name length")), extraLength = Int(try r.u16("zip local extra length"))
        try r.skip(nameLength + extraLength, "zip local name and extra field of \(entry.name)")
        let data = try r.slice(entry.compressedSize, "zip entry \(entry.name)")
        let out: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw ModelError.malformed(path: path, reason: "stored zip entry \(entry.name) has two different sizes")
            }
            out = Array(data)
        case 8:
            // Deflate expands at most 1032:1, so a declared size beyond that cannot be the data;
            // refused before the output buffer (sized from the declaration) is allocated. The
            // torch fuzz target found a 338-byte data.pkl declaring 1.66 GB.
            guard entry.uncompressedSize <= entry.compressedSize * Self.maximumDeflateRatio + 64 else {
                throw ModelError.malformed(path: path, reason: "zip entry \(entry.name) declares \(entry.uncompressedSize) bytes from \(entry.compressedSize) compressed bytes, more than deflate can produce")
            }
            // Never past the declared size: a lying central directory cannot make us inflate a bomb.
            out = try Inflate.inflate(data, raw: true, expectedSize: entry.uncompressedSize, limit: entry.uncompressedSize,
                                      path: path, what: "zip entry \(entry.name)")
            guard out.count == entry.uncompressedSize else {
                throw ModelError.malformed(path: path, reason: "zip entry \(entry.name) inflates to \(out.count) bytes, not \(entry.uncompressedSize)")
            }
        default:
            throw ModelError.malformed(path: path, reason: "zip entry \(entry.name) uses compression method \(entry.method) (only stored and deflate are read)")
        }
        let crc = out.withUnsafeBufferPointer { CModelKernels_crc32($0.baseAddress, $0.count) }
        guard crc == entry.crc32 else {
            throw ModelError.malformed(path: path, reason: "zip entry \(entry.name) fails its CRC-32 check (corrupt file)")
        }
        return out
    }
}
