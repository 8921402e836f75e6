import SRImage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The command line as the bytes the kernel passed, before Swift decoded it.
///
/// `CommandLine.arguments` replaces bytes that are not UTF-8 by U+FFFD, so a file named in
/// Latin-1 (`caf\xE9.png`) would reach the commands as another name and fail as "No such file or
/// directory". Commands that take paths call ``requireUTF8(_:)`` first and refuse such an
/// argument by its escaped bytes instead.
public enum RawArguments {
    /// `argv[1...]` as bytes.
    public static var current: [[UInt8]] {
        (1..<Int(CommandLine.argc)).compactMap { i in
            CommandLine.unsafeArgv[i].map { pointer in
                Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer)))
            }
        }
    }

    /// Throws ``CommandLineError/notUTF8(argument:)`` for the first argument that is not valid UTF-8.
    public static func requireUTF8(_ arguments: [[UInt8]] = current) throws {
        for argument in arguments where FileNameText.decode(argument) == nil {
            throw CommandLineError.notUTF8(argument: FileNameText.escaped(argument))
        }
    }
}
