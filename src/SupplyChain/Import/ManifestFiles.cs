using System.Runtime.InteropServices;

namespace SupplyChain.Import;

/// <summary>
/// The files a manifest may read: relative paths inside the manifest's own folder, never absolute, never through
/// `..`, never through a symbolic link that leads out of the folder, and regular files only (no pipes, devices or
/// folders). Reads stop at the size limit however big the file claims (or turns out) to be.
/// </summary>
public static class ManifestFiles
{
    /// <summary>
    /// Checks a 'files' entry as written in the manifest (before any wildcard is expanded); returns the folder and file
    /// name (possibly with one '*') it names below <paramref name="root"/>.
    /// </summary>
    public static (string Folder, string Name) Entry(string manifestPath, string root, string entry)
    {
        var rel = entry.Replace('\\', '/');
        if (rel.Length == 0) throw new ImportException($"{manifestPath}: 'files' has an empty entry");
        if (System.IO.Path.IsPathRooted(rel) || rel.StartsWith('/') || rel.StartsWith('~') || (rel.Length > 1 && rel[1] == ':'))
            throw new ImportException($"{manifestPath}: file '{entry}' is an absolute path; name files relative to the manifest's folder");
        var parts = rel.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(p => p == ".."))
            throw new ImportException($"{manifestPath}: file '{entry}' climbs out of the manifest's folder with '..'");
        if (parts[..^1].Any(p => p.Contains('*')) || rel.Contains('?') || parts[^1].Count(c => c == '*') > 1)
            throw new ImportException($"{manifestPath}: file '{entry}': only one '*' in the file name is allowed, none in folders");
        var folder = System.IO.Path.GetFullPath(System.IO.Path.Combine([root, .. parts[..^1]]));
        return (folder, parts[^1]);
    }

    /// <summary>Throws unless <paramref name="path"/>, with every link followed, is a regular file inside <paramref name="root"/>.</summary>
    public static string Confined(string manifestPath, string root, string path, string entry)
    {
        var realRoot = RealPath(root) ?? root;
        var real = RealPath(path) ?? throw new ImportException($"{manifestPath}: file '{entry}' does not exist");
        var inside = realRoot.EndsWith(System.IO.Path.DirectorySeparatorChar) ? realRoot : realRoot + System.IO.Path.DirectorySeparatorChar;
        if (!real.StartsWith(inside, StringComparison.Ordinal))
            throw new ImportException($"{manifestPath}: file '{entry}' leads out of the manifest's folder (through a link)");
        if (!IsRegularFile(real))
            throw new ImportException($"{manifestPath}: file '{entry}' is not a regular file");
        return path;
    }

    /// <summary>The whole file, refusing it as soon as more than <paramref name="maxBytes"/> bytes have been read.</summary>
    public static byte[] ReadAllBytes(string path, long maxBytes)
    {
        using var stream = OpenRead(path);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > maxBytes)
                throw new ImportException($"{System.IO.Path.GetFileName(path)}: the file is larger than the limit of {maxBytes} bytes");
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    /// <summary>Opens a file only after checking it is a regular file (opening a named pipe would wait forever).</summary>
    public static FileStream OpenRead(string path)
    {
        if (!IsRegularFile(RealPath(path) ?? path)) throw new ImportException($"{System.IO.Path.GetFileName(path)}: not a regular file");
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
    }

    static bool IsRegularFile(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            var buffer = new byte[256]; // struct statx: stx_mode is a u16 at offset 28 on every architecture
            if (statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0) return false;
            var mode = BitConverter.ToUInt16(buffer, 28);
            return (mode & 0xF000) == 0x8000;
        }
        var info = new FileInfo(path);
        return info.Exists && (info.Attributes & (FileAttributes.Directory | FileAttributes.ReparsePoint | FileAttributes.Device)) == 0;
    }

    /// <summary>The path with every symbolic link resolved, or null when it does not exist.</summary>
    static string? RealPath(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            var resolved = realpath(path, IntPtr.Zero);
            if (resolved == IntPtr.Zero) return null;
            try { return Marshal.PtrToStringUTF8(resolved); }
            finally { free(resolved); }
        }
        return File.Exists(path) || Directory.Exists(path) ? System.IO.Path.GetFullPath(path) : null;
    }

    const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100;
    const uint StatxType = 0x1;

    [DllImport("libc", SetLastError = true)]
    static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    static extern IntPtr realpath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc")]
    static extern void free(IntPtr pointer);
}
