using GameServer.Protocol.Admin;

namespace GameServer.Server.Network.Admin;

/// <summary>Finds the server's admin key: reads the key file, or creates it with a new random key (mode 0600).</summary>
internal static class AdminKeyStore
{
    /// <summary>The key in <paramref name="path"/>; when the file does not exist a new key is written there first.</summary>
    /// <param name="path">The key file.</param>
    /// <param name="created">Whether the file was created now.</param>
    /// <exception cref="AdminKeyException">The file cannot be read, created, or holds no key.</exception>
    public static AdminKey LoadOrCreate(string path, out bool created)
    {
        created = false;
        if (File.Exists(path)) return AdminKey.ReadFile(path);
        var key = AdminKey.Generate();
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null) Directory.CreateDirectory(folder);

            // CreateNew with the mode set at creation: the key is never readable by others, not even briefly,
            // and a file another process created meanwhile is not overwritten.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(path, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.WriteLine(key.ToText());
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            created = true;
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Lost a race with another creator: use theirs.
            return AdminKey.ReadFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AdminKeyException($"cannot create admin key file {path}: {e.Message}");
        }
    }

    /// <summary>Whether group or others may read the file (a key file should be 0600).</summary>
    public static bool IsReadableByOthers(string path) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0;
}
