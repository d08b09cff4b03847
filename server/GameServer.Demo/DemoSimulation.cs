using System.Diagnostics;
using GameServer.Server.Network.Players;
using GameServer.Server.Ticking;
using GameServer.World;
using GameServer.World.Columns;

namespace GameServer.Demo;

/// <summary>
/// Changes the demo world every tick the way a game does: NPCs move every tick and turn now and then,
/// some take damage or heal, a few despawn and respawn, and props' owners change rarely. Saves therefore
/// always race with live changes.
/// </summary>
/// <remarks>Runs on the tick thread; allocates nothing per tick (respawned NPCs get no name).</remarks>
public sealed class DemoSimulation : ITickStage
{
    private readonly GameWorld _world;
    private readonly Random _random;
    private readonly float _dt;
    private readonly Column<float> _x;
    private readonly Column<float> _y;
    private readonly Column<float> _z;
    private readonly Column<float> _vx;
    private readonly Column<float> _vy;
    private readonly Column<float> _yaw;
    private readonly Column<int> _hp;
    private readonly Column<ushort> _kind;
    private readonly Column<uint> _owner;
    private readonly Column<long> _spawnedTick;
    private readonly BlobColumn? _playerToken;
    private readonly int _props;

    /// <summary>Drives <paramref name="world"/> (a <see cref="DemoWorld"/>) at <paramref name="tickRate"/> Hz.</summary>
    public DemoSimulation(GameWorld world, int tickRate, int seed)
    {
        _world = world;
        _random = new Random(seed ^ 0x5EED);
        _dt = 1f / tickRate;
        _x = world.GetColumn<float>("x");
        _y = world.GetColumn<float>("y");
        _z = world.GetColumn<float>("z");
        _vx = world.GetColumn<float>("vx");
        _vy = world.GetColumn<float>("vy");
        _yaw = world.GetColumn<float>("yaw");
        _hp = world.GetColumn<int>("hp");
        _kind = world.GetColumn<ushort>("kind");
        _owner = world.GetColumn<uint>("owner");
        _spawnedTick = world.GetColumn<long>("spawned_tick");
        _playerToken = world.Schema.IndexOf(PlayerColumns.TokenHash) >= 0 ? world.GetBlobColumn(PlayerColumns.TokenHash) : null;

        // Props are the leading rows with a prop kind; everything after them is NPCs.
        var kinds = _kind.Read();
        var props = 0;
        while (props < kinds.Length && kinds[props] >= 8) props++;
        _props = props;
    }

    /// <summary>Rows before this index are props (rarely touched); NPCs follow.</summary>
    public int PropRows => _props;

    /// <inheritdoc />
    public string Name => TickStageNames.Simulation;

    /// <inheritdoc />
    public void Run(GameWorld world)
    {
        Debug.Assert(ReferenceEquals(world, _world), "a simulation drives the world it was created for");
        Step();
    }

    /// <summary>Advances the world by one tick.</summary>
    public void Step()
    {
        var count = _world.Count;
        var npcs = count - _props;
        if (npcs > 0)
        {
            Move(npcs);
            Turn(npcs);
            Fight(npcs);
            Churn();
        }

        // Rarely touched: about once a second a prop changes hands.
        if (_props > 0 && _random.Next(30) == 0) _owner.Set(_random.Next(_props), (uint)_random.Next(5000));
    }

    private void Move(int npcs)
    {
        var x = _x.Write(_props, npcs);
        var y = _y.Write(_props, npcs);
        var vx = _vx.Read()[_props..];
        var vy = _vy.Read()[_props..];
        for (var i = 0; i < npcs; i++)
        {
            x[i] += vx[i] * _dt;
            y[i] += vy[i] * _dt;
        }

        // Walls: bounce NPCs that left the map (rare, so per-row writes are fine).
        for (var i = 0; i < npcs; i++)
        {
            if (x[i] < 0 || x[i] > DemoWorld.MapSize) _vx.Set(_props + i, -vx[i]);
            if (y[i] < 0 || y[i] > DemoWorld.MapSize) _vy.Set(_props + i, -vy[i]);
        }
    }

    private void Turn(int npcs)
    {
        // Each tick about 1 NPC in 200 picks a new heading; its height follows the terrain.
        var turns = Math.Max(1, npcs / 200);
        for (var n = 0; n < turns; n++)
        {
            var row = _props + _random.Next(npcs);
            var speed = _random.Next(3) == 0 ? 0 : 1.5f * _random.NextSingle();
            var heading = _random.NextSingle() * MathF.Tau;
            if (IsPlayer(row)) continue; // players steer themselves
            _vx.Set(row, MathF.Cos(heading) * speed);
            _vy.Set(row, MathF.Sin(heading) * speed);
            _yaw.Set(row, heading);
            _z.Set(row, DemoWorld.Terrain(_x.Get(row), _y.Get(row)));
        }
    }

    private bool IsPlayer(int row) => _playerToken is not null && !_playerToken.Get(row).IsEmpty;

    private void Fight(int npcs)
    {
        for (var n = 0; n < Math.Max(1, npcs / 2000); n++)
        {
            var row = _props + _random.Next(npcs);
            var hp = _hp.Get(row);
            _hp.Set(row, _random.Next(3) == 0 ? Math.Min(100, hp + 5) : Math.Max(0, hp - 7));
        }
    }

    private void Churn()
    {
        // About one NPC a tick dies and one is born (at the end of the rows).
        if (_random.Next(2) == 0 && _world.Count > _props + 1)
        {
            var row = _props + _random.Next(_world.Count - _props);
            if (!IsPlayer(row)) _world.Despawn(_world.Ids[row]); // players stay, online or not
        }

        if (_random.Next(2) == 0)
        {
            _world.Spawn();
            var row = _world.Count - 1;
            _x.Set(row, _random.NextSingle() * DemoWorld.MapSize);
            _y.Set(row, _random.NextSingle() * DemoWorld.MapSize);
            _z.Set(row, DemoWorld.Terrain(_x.Get(row), _y.Get(row)));
            _kind.Set(row, (ushort)_random.Next(8));
            _spawnedTick.Set(row, _world.Tick);
        }
    }
}
