using GameServer.Server.Commands;
using GameServer.Server.Hosting;
using GameServer.Server.Ticking;
using GameServer.World;
using GameServer.World.Columns;
using GameServer.World.Schema;

namespace GameServer.Tests.Server.Commands.Model;

/// <summary>
/// A game whose whole state is one number, the generation: every row holds it in <c>gen</c> and the entity
/// count follows from it (<see cref="CountOf"/>). So a save, or the live world, either is exactly "generation g"
/// or is torn, and the reference model only has to track g. A <c>noise</c> column changes one chunk every tick
/// so captures race real writes.
/// </summary>
internal sealed class GenerationGame : IGame
{
    public const string GenColumn = "gen";
    public const string NoiseColumn = "noise";

    public string Name => "generations";

    /// <summary>Entities in generation <paramref name="gen"/>: 1500 to 4500, so stamps spawn and despawn across chunk boundaries.</summary>
    public static int CountOf(int gen) => 1500 + (int)((uint)gen * 7919u % 3000u);

    public WorldSchema CreateSchema() => new WorldSchemaBuilder().Add<int>(GenColumn).Add<float>(NoiseColumn).Build();

    public GameWorld Generate(GameSettings settings)
    {
        var world = new GameWorld(CreateSchema(), initialCapacity: 4096);
        Stamp(world, 0);
        return world;
    }

    public ITickStage CreateSimulation(GameWorld world, GameSettings settings) => new NoiseStage(world);

    /// <summary>Turns <paramref name="world"/> into generation <paramref name="gen"/> (tick thread).</summary>
    public static void Stamp(GameWorld world, int gen)
    {
        var target = CountOf(gen);
        while (world.Count < target) world.Spawn();
        while (world.Count > target) world.Despawn(world.Ids[0]); // the last row moves into row 0
        world.GetColumn<int>(GenColumn).Write().Fill(gen);
    }

    /// <summary>The generation every row of <paramref name="gens"/> holds, or a description of how it is torn.</summary>
    public static (int? Gen, string Problem) Read(ReadOnlySpan<int> gens)
    {
        if (gens.Length == 0) return (null, "no rows");
        var gen = gens[0];
        for (var row = 1; row < gens.Length; row++)
        {
            if (gens[row] != gen) return (null, $"torn: row 0 has gen {gen}, row {row} has {gens[row]}");
        }

        return gens.Length == CountOf(gen) ? (gen, "") : (null, $"gen {gen} with {gens.Length} rows, expected {CountOf(gen)}");
    }

    private sealed class NoiseStage(GameWorld world) : ITickStage
    {
        private readonly Column<float> _noise = world.GetColumn<float>(NoiseColumn);

        public string Name => TickStageNames.Simulation;

        public void Run(GameWorld world)
        {
            var chunks = (world.Count + GameWorld.RowsPerChunk - 1) / GameWorld.RowsPerChunk;
            if (chunks == 0) return;
            var start = (int)(world.Tick % chunks) * GameWorld.RowsPerChunk;
            foreach (ref var value in _noise.Write(start, Math.Min(GameWorld.RowsPerChunk, world.Count - start))) value += 1;
        }
    }
}

/// <summary><c>stamp &lt;gen&gt;</c>: turns the world into that generation on the tick thread.</summary>
internal sealed class StampCommand : IAdminCommand
{
    public string Name => "stamp";

    public string Usage => "stamp <gen>";

    public string Description => "turn the world into generation <gen>";

    public CommandPermissions Requires => CommandPermissions.Rollback;

    public async Task<CommandOutcome> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        if (args.Count != 1 || !int.TryParse(args[0], out var gen) || gen < 0) throw new CommandUsageException("one generation >= 0");
        await context.Services.World.InvokeAsync(world =>
        {
            GenerationGame.Stamp(world, gen);
            return 0;
        }).ConfigureAwait(false);
        context.Output.WriteLine($"gen={gen}");
        return CommandOutcome.Success;
    }
}

/// <summary><c>gen</c>: replies <c>gen=G tick=T</c> read on the tick thread, or fails naming how the world is torn.</summary>
internal sealed class GenCommand : IAdminCommand
{
    public string Name => "gen";

    public string Usage => "gen";

    public string Description => "the world's generation and tick";

    public CommandPermissions Requires => CommandPermissions.View;

    public async Task<CommandOutcome> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var (gen, problem, tick) = await context.Services.World.InvokeAsync(world =>
        {
            var (g, p) = GenerationGame.Read(world.GetColumn<int>(GenerationGame.GenColumn).Read());
            return (g, p, world.Tick);
        }).ConfigureAwait(false);
        if (gen is null) return CommandOutcome.Failed(problem);
        context.Output.WriteLine($"gen={gen} tick={tick}");
        return CommandOutcome.Success;
    }
}
