namespace GameServer.Persistence.Storage;

/// <summary>What a save's file name says.</summary>
/// <param name="FileName">The file name.</param>
/// <param name="Kind">Auto or manual.</param>
/// <param name="Label">Label of a manual save, or empty.</param>
/// <param name="CapturedAtUtc">Capture time encoded in the name.</param>
/// <param name="Tick">Tick encoded in the name.</param>
public readonly record struct SaveName(string FileName, SaveKind Kind, string Label, DateTime CapturedAtUtc, long Tick);
