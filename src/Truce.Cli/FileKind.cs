using System.Runtime.InteropServices;

namespace Truce.Cli;

/// <summary>What a path is on disk: a regular file, a folder, or something that streams (device, pipe, socket).</summary>
internal enum FileKindValue
{
    /// <summary>Nothing at the path.</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A folder.</summary>
    Folder,

    /// <summary>A character or block device, a FIFO or a socket: read or written as a stream, never replaced.</summary>
    Special,
}

/// <summary>Tells regular files from devices and pipes; .NET reports both as "Normal", and replacing /dev/full with a file is not an option.</summary>
internal static partial class FileKind
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28; // struct statx: stx_mask, stx_blksize (u32), stx_attributes (u64), stx_nlink, stx_uid, stx_gid (u32), stx_mode (u16)

    /// <summary>The kind of the file at <paramref name="path"/>, following symbolic links.</summary>
    public static FileKindValue Of(string path)
    {
        if (Directory.Exists(path))
        {
            return FileKindValue.Folder;
        }

        if (!File.Exists(path))
        {
            return FileKindValue.Missing;
        }

        return TypeBits(path) switch
        {
            0x8000 => FileKindValue.Regular,
            0x4000 => FileKindValue.Folder,
            _ => FileKindValue.Special,
        };
    }

    /// <summary>Whether <paramref name="path"/> is a character or block device (/dev/zero, /dev/urandom): endless or raw, never evidence.</summary>
    /// <remarks>Pipes stay readable: a named pipe of NDJSON is a stream of evidence, and it ends when its writer does.</remarks>
    public static bool IsDevice(string path) => File.Exists(path) && TypeBits(path) is 0x2000 or 0x6000;

    /// <summary>The file-type bits of st_mode (following links): 0x8000 regular, 0x4000 folder, 0x2000/0x6000 devices, 0x1000 pipe, 0xC000 socket.</summary>
    private static int TypeBits(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0x8000;
        }

        var buffer = new byte[256];
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
            {
                return 0x8000;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return path.StartsWith("/dev/", StringComparison.Ordinal) || path.StartsWith("/proc/", StringComparison.Ordinal) ? 0x2000 : 0x8000;
        }

        return BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, byte[] buffer);
}
