namespace GameServer.Persistence.Storage.Local;

/// <summary>A file open for writing, as an <see cref="IDurableFileSystem"/> hands it out: opaque to everyone else.</summary>
/// <param name="path">Full path of the file.</param>
public abstract class DurableFile(string path)
{
    /// <summary>Full path of the file.</summary>
    public string Path { get; } = path;
}
