namespace GameServer.World.Snapshots;

/// <summary>
/// A run of chunks of one column buffer that the last capture copied: bytes
/// [<see cref="Offset"/>, <see cref="Offset"/> + <see cref="Length"/>) of the buffer, whose difference from the
/// buffer's previous content (new XOR old) sits at <see cref="DifferenceOffset"/> in <see cref="WorldSnapshot.Difference"/>.
/// </summary>
/// <param name="Offset">First byte of the run in the column buffer.</param>
/// <param name="Length">Bytes in the run.</param>
/// <param name="DifferenceOffset">Where the run's XOR bytes start in the snapshot's difference buffer.</param>
public readonly record struct ChangedRange(int Offset, int Length, int DifferenceOffset);
