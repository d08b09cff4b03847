namespace GameServer.Persistence.Storage.Local;

/// <summary>A file open for random-access reads.</summary>
public interface IReadableFile : IDisposable
{
    /// <summary>Length in bytes.</summary>
    long Length { get; }

    /// <summary>Reads up to <paramref name="destination"/>'s length at <paramref name="offset"/>; returns bytes read, 0 at the end.</summary>
    int Read(long offset, Span<byte> destination);
}
