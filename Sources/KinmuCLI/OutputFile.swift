import Foundation

/// Errors writing results; each names the path.
enum OutputError: Error, CustomStringConvertible {
    case exists(String)
    case cannotWrite(String, String)

    var description: String {
        switch self {
        case let .exists(p): return "\(p) already exists; pass --force to replace it"
        case let .cannotWrite(p, why): return "\(p): cannot write: \(why)"
        }
    }
}

/// Atomic writes: a temporary file in the same folder, then a rename, so that a
/// reader never sees half a file and a failed run leaves the old file whole.
enum OutputFile {
    static func write(_ text: String, to path: String, force: Bool) throws {
        try write(Data(text.utf8), to: path, force: force)
    }

    static func write(_ data: Data, to path: String, force: Bool) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) && !force { throw OutputError.exists(path) }
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
            try data.write(to: tmp)
            // rename(2) replaces the target atomically within one file system.
            if rename(tmp.path, url.path) != 0 {
                let why = String(cString: strerror(errno))
                try? fm.removeItem(at: tmp)
                throw OutputError.cannotWrite(path, why)
            }
        } catch let e as OutputError {
            throw e
        } catch {
            throw OutputError.cannotWrite(path, "\(error.localizedDescription)")
        }
    }
}
