using GameServer.Persistence.Codecs;
using GameServer.Persistence.Delta;
using GameServer.Persistence.Retention;

namespace GameServer.Persistence.Autosave;

/// <summary>Settings of an <see cref="AutosaveService"/>.</summary>
public sealed record AutosaveOptions
{
    /// <summary>World name recorded in each save header.</summary>
    public string WorldName { get; init; } = "default";

    /// <summary>
    /// The world's id recorded in each save header; null: the service takes it from the store's newest save of
    /// <see cref="WorldName"/> that carries one, or draws a new one for a fresh world.
    /// </summary>
    public Guid? WorldId { get; init; }

    /// <summary>
    /// The sequence of the first save this service writes; null: one more than the highest in the store (read at
    /// construction). Later saves count on from there, whatever the wall clock does.
    /// </summary>
    public long? NextSequence { get; init; }

    /// <summary>Wall-clock time between scheduled autosaves (default 60 s).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether scheduled autosaves start enabled (save-on) or suspended (save-off).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Which autosaves to keep.</summary>
    public RetentionPolicy Retention { get; init; } = new();

    /// <summary>Encoding of save files.</summary>
    public SaveCodecOptions Codec { get; init; } = SaveCodecOptions.Default;

    /// <summary>When autosaves are deltas against the previous autosave, and when a full save restarts the chain.</summary>
    public DeltaPolicy Deltas { get; init; } = new();

    /// <summary>Bytes that must remain free on the disk after a save (default 64 MiB; on a small volume at most 5 % of it, see <see cref="Writing.FreeSpaceMargin"/>).</summary>
    public long FreeSpaceMarginBytes { get; init; } = Writing.FreeSpaceMargin.DefaultBytes;

    /// <summary>
    /// How much lower than the process the autosave thread runs (added to its Linux nice value, capped at 19;
    /// default 10, 0 to leave it alone), so a save's encode never holds up the tick thread on a busy core.
    /// </summary>
    public int SaveThreadNice { get; init; } = 10;

    /// <summary>Name of the program recorded in save headers.</summary>
    public string Writer { get; init; } = "GameServer";
}
