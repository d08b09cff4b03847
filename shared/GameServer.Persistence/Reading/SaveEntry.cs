using GameServer.Persistence.Format;
using GameServer.Persistence.Storage;

namespace GameServer.Persistence.Reading;

/// <summary>One save in a catalog: what its name and header say, or why its header is unreadable.</summary>
public sealed class SaveEntry
{
    internal SaveEntry(string location, SaveName name, long fileLength, SaveHeader? header, int formatVersion, string? error)
    {
        Location = location;
        Name = name;
        FileLength = fileLength;
        Header = header;
        FormatVersion = formatVersion;
        Error = error;
    }

    /// <summary>Where the save is, for messages (its full path in a folder store).</summary>
    public string Location { get; }

    /// <summary>The save's name in its store (its file name in a folder store).</summary>
    public string FileName => Name.FileName;

    /// <summary>What the file name says (kind, label, time, tick).</summary>
    public SaveName Name { get; }

    /// <summary>Auto or manual.</summary>
    public SaveKind Kind => Name.Kind;

    /// <summary>Size in bytes.</summary>
    public long FileLength { get; }

    /// <summary>The header, when it checked out.</summary>
    public SaveHeader? Header { get; }

    /// <summary>Format version, when the preamble checked out.</summary>
    public int FormatVersion { get; }

    /// <summary>Why the header did not check out, or null.</summary>
    public string? Error { get; }

    /// <summary>Whether the header checked out (blocks are verified only on load or verify).</summary>
    public bool HeaderOk => Header is not null;

    /// <summary>The save's id from its header; null when the header is damaged or predates ids.</summary>
    public Guid? SaveId => Header is { SaveId: var id } && id != Guid.Empty ? id : null;

    /// <summary>The header's save sequence; 0 when the header is damaged or predates sequences.</summary>
    public long Sequence => Header?.Sequence ?? 0;

    /// <summary>The name of the world the header says the save belongs to; null when the header is damaged.</summary>
    public string? WorldName => Header?.WorldName;

    /// <summary>The world id from the header; null when the header is damaged or predates world ids.</summary>
    public Guid? WorldId => Header is { WorldId: var id } && id != Guid.Empty ? id : null;

    /// <summary>
    /// Where the save stands in its world's history (<see cref="SaveOrder"/>: sequence first, wall time only among
    /// equals). A damaged header's place is unknown, so it sorts first: load-latest reports it before moving on.
    /// </summary>
    public SaveOrder Order => new(Header is null ? long.MaxValue : Sequence, CapturedAtUtc, Tick, FileName);

    /// <summary>Tick from the header (or the name when the header is damaged).</summary>
    public long Tick => Header?.Tick ?? Name.Tick;

    /// <summary>Capture time from the header (or the name when the header is damaged).</summary>
    public DateTime CapturedAtUtc => Header?.CapturedAtUtc ?? Name.CapturedAtUtc;
}
