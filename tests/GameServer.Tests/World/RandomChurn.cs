using GameServer.World;

namespace GameServer.Tests.World;

/// <summary>
/// Random game-like changes to a <see cref="TestWorlds"/> world: spawns (single and bursts), despawns,
/// single-row and range writes, and variable-length values that grow and shrink (shifting later rows).
/// </summary>
internal sealed class RandomChurn(GameWorld world, int seed)
{
    private readonly Random _random = new(seed);
    private readonly List<long> _live = [.. world.Ids.ToArray()];

    public Random Random => _random;

    /// <summary>Applies up to <paramref name="maxOps"/> random changes; a burst spawns <paramref name="burst"/> entities.</summary>
    public void Apply(int maxOps, int burst)
    {
        var x = world.GetColumn<float>("x");
        var hp = world.GetColumn<int>("hp");
        var owner = world.GetColumn<ulong>("owner");
        var names = world.GetBlobColumn("name");
        var inventory = world.GetBlobColumn("inventory");
        for (var op = _random.Next(0, maxOps + 1); op > 0; op--)
        {
            switch (_random.Next(8))
            {
                case 0:
                    _live.Add(world.Spawn());
                    break;
                case 1 when _live.Count > 0:
                    var victim = _random.Next(_live.Count);
                    if (!world.Despawn(_live[victim])) throw new AssertionException($"live entity {_live[victim]} could not be despawned");
                    _live.RemoveAt(victim);
                    break;
                case 2 when world.Count > 0:
                    x[_random.Next(world.Count)] = _random.NextSingle();
                    break;
                case 3 when world.Count > 0:
                    var start = _random.Next(world.Count);
                    hp.Write(start, _random.Next(world.Count - start + 1)).Fill(_random.Next());
                    break;
                case 4 when world.Count > 0:
                    owner.Set(_random.Next(world.Count), (ulong)_random.NextInt64());
                    break;
                case 5 when world.Count > 0:
                    names.SetString(_random.Next(world.Count), new string('n', _random.Next(0, 60)));
                    break;
                case 6 when world.Count > 0:
                    var blob = new byte[_random.Next(0, 400)];
                    _random.NextBytes(blob);
                    inventory.Set(_random.Next(world.Count), blob);
                    break;
                case 7:
                    for (var i = 0; i < burst; i++) _live.Add(world.Spawn());
                    break;
            }
        }
    }
}
