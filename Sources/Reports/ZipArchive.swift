import Foundation

/// A minimal ZIP writer (stored entries, no compression) for Office Open XML
/// files: every byte is determined by the entries — a fixed timestamp, no extra
/// fields — so the same workbook is the same file.
struct ZipArchive {
    private(set) var entries: [(name: String, data: Data)] = []

    mutating func add(_ name: String, _ text: String) { entries.append((name, Data(text.utf8))) }

    /// 1980-01-01 00:00, the earliest DOS date.
    static let dosTime: UInt16 = 0
    static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1

    var data: Data {
        var out = Data()
        var central = Data()
        for (name, body) in entries {
            let offset = UInt32(out.count)
            let nameBytes = Data(name.utf8)
            let crc = Self.crc32(body)
            var local = Data()
            local.append32(0x0403_4B50)
            local.append16(20); local.append16(0x0800)  // version; UTF-8 names
            local.append16(0)                            // stored
            local.append16(Self.dosTime); local.append16(Self.dosDate)
            local.append32(crc); local.append32(UInt32(body.count)); local.append32(UInt32(body.count))
            local.append16(UInt16(nameBytes.count)); local.append16(0)
            out.append(local); out.append(nameBytes); out.append(body)
            central.append32(0x0201_4B50)
            central.append16(20); central.append16(20); central.append16(0x0800); central.append16(0)
            central.append16(Self.dosTime); central.append16(Self.dosDate)
            central.append32(crc); central.append32(UInt32(body.count)); central.append32(UInt32(body.count))
            central.append16(UInt16(nameBytes.count)); central.append16(0); central.append16(0)
            central.append16(0); central.append16(0); central.append32(0); central.append32(offset)
            central.append(nameBytes)
        }
        let start = UInt32(out.count)
        out.append(central)
        out.append32(0x0605_4B50)
        out.append16(0); out.append16(0)
        out.append16(UInt16(entries.count)); out.append16(UInt16(entries.count))
        out.append32(UInt32(central.count)); out.append32(start); out.append16(0)
        return out
    }

    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ data: Data) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in data { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

extension Data {
    mutating func append16(_ v: UInt16) { append(UInt8(v & 0xFF)); append(UInt8(v >> 8)) }
    mutating func append32(_ v: UInt32) { for k in 0..<4 { append(UInt8((v >> (8 * UInt32(k))) & 0xFF)) } }
}
