using GameServer.World;
using GameServer.World.Columns;
using GameServer.World.Schema;

namespace GameServer.Server.Network.Players;

/// <summary>
/// The world columns a player lives in. Players are ordinary entities: position <c>x</c>/<c>y</c>/<c>z</c>,
/// velocity <c>vx</c>/<c>vy</c>, <c>hp</c> and <c>name</c> are the game's own columns; <see cref="AddTo"/>
/// adds the two only players have: the hash of their secret token and the tick they were last seen.
/// </summary>
/// <remarks>
/// Because they are columns, players are saved with the world and come back with it, wherever the last
/// save left them. A row is a player's when its token hash is set (<see cref="IsPlayer"/>).
/// </remarks>
public sealed class PlayerColumns
{
    /// <summary>Bytes column: SHA-256 of the player's token (empty for entities that are not players).</summary>
    public const string TokenHash = "player_token_hash";

    /// <summary>Int64 column: the tick the player was last online.</summary>
    public const string LastSeenTick = "player_last_seen_tick";

    /// <summary>Binds to <paramref name="world"/>'s columns.</summary>
    /// <exception cref="InvalidOperationException">The world lacks one of the columns players need.</exception>
    public PlayerColumns(GameWorld world)
    {
        World = world ?? throw new ArgumentNullException(nameof(world));
        X = world.GetColumn<float>("x");
        Y = world.GetColumn<float>("y");
        Z = world.GetColumn<float>("z");
        VelocityX = world.GetColumn<float>("vx");
        VelocityY = world.GetColumn<float>("vy");
        Hp = world.GetColumn<int>("hp");
        Name = world.GetBlobColumn("name");
        Token = world.GetBlobColumn(TokenHash);
        LastSeen = world.GetColumn<long>(LastSeenTick);
    }

    /// <summary>The world the columns belong to.</summary>
    public GameWorld World { get; }

    /// <summary>Position x.</summary>
    public Column<float> X { get; }

    /// <summary>Position y.</summary>
    public Column<float> Y { get; }

    /// <summary>Height.</summary>
    public Column<float> Z { get; }

    /// <summary>Velocity x.</summary>
    public Column<float> VelocityX { get; }

    /// <summary>Velocity y.</summary>
    public Column<float> VelocityY { get; }

    /// <summary>Hit points.</summary>
    public Column<int> Hp { get; }

    /// <summary>Player (and NPC) names.</summary>
    public BlobColumn Name { get; }

    /// <summary>Token hashes (players only).</summary>
    public BlobColumn Token { get; }

    /// <summary>Last tick online (players only).</summary>
    public Column<long> LastSeen { get; }

    /// <summary>Adds the player-only columns to a game's schema.</summary>
    public static WorldSchemaBuilder AddTo(WorldSchemaBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddBytes(TokenHash).Add<long>(LastSeenTick);
    }

    /// <summary>Whether row <paramref name="row"/> is a player's (its token hash is set).</summary>
    public bool IsPlayer(int row) => !Token.Get(row).IsEmpty;
}
