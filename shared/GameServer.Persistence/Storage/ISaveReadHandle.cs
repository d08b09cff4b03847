namespace GameServer.Persistence.Storage;

/// <summary>One open save for random-access reads: its length and reads at any offset.</summary>
/// <remarks>
/// Reads are synchronous: the decoder runs off the tick thread and reads a header, then block after block.
/// The bytes never change while the handle is open. Not thread-safe.
/// </remarks>
public interface ISaveReadHandle : IDisposable
{
    /// <summary>The save's name in its store.</summary>
    string Name { get; }

    /// <summary>Where the save is, for messages (its full path in a folder store).</summary>
    string Location { get; }

    /// <summary>Length of the save in bytes.</summary>
    long Length { get; }

    /// <summary>Reads up to <paramref name="destination"/>'s length from <paramref name="offset"/>; returns bytes read, 0 at the end.</summary>
    /// <exception cref="IOException">The read failed.</exception>
    int Read(long offset, Span<byte> destination);
}
