namespace GameServer.World;

/// <summary>What <see cref="GameWorld.Restore"/> had to adapt when the snapshot's columns differ from the world's.</summary>
/// <param name="DefaultedColumns">Columns the world has but the snapshot lacks: filled with their defaults.</param>
/// <param name="IgnoredColumns">Columns the snapshot has but the world does not: skipped.</param>
public sealed record RestoreReport(IReadOnlyList<string> DefaultedColumns, IReadOnlyList<string> IgnoredColumns);
