namespace GameServer.Server.Hosting;

/// <summary>What a game is told about the world it runs: size and seed of a new world, and the tick rate.</summary>
/// <param name="Entities">Entities of a freshly generated world.</param>
/// <param name="Seed">Seed of world generation and simulation.</param>
/// <param name="TickRate">Ticks per second (a simulation's time step is its inverse).</param>
public sealed record GameSettings(int Entities, int Seed, int TickRate);
