using GameServer.Protocol.Players;

namespace GameServer.Server.Network.Players;

/// <summary>
/// One player's pending inputs: the network thread offers, the tick thread takes the newest between ticks.
/// Bounded: when full, the oldest waiting input is dropped and counted.
/// </summary>
/// <remarks>
/// Movement intent is a state, not an event, so the newest input supersedes the ones before it: the tick
/// applies only the newest. A lock per player keeps it simple; both sides hold it for a few instructions
/// and neither allocates.
/// </remarks>
public sealed class PlayerInputQueue
{
    private readonly PlayerInput[] _ring;
    private readonly object _gate = new();
    private int _start;
    private int _count;
    private long _dropped;
    private long _superseded;

    /// <summary>A queue of at most <paramref name="capacity"/> inputs.</summary>
    public PlayerInputQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _ring = new PlayerInput[capacity];
    }

    /// <summary>Inputs dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Inputs never applied because a newer one arrived before the tick.</summary>
    public long Superseded => Interlocked.Read(ref _superseded);

    /// <summary>Adds an input (network thread).</summary>
    public void Offer(in PlayerInput input)
    {
        lock (_gate)
        {
            if (_count == _ring.Length)
            {
                _start = (_start + 1) % _ring.Length;
                _count--;
                Interlocked.Increment(ref _dropped);
            }

            _ring[(_start + _count) % _ring.Length] = input;
            _count++;
        }
    }

    /// <summary>Counts an input dropped before it reached the queue (over the rate limit).</summary>
    public void CountDropped() => Interlocked.Increment(ref _dropped);

    /// <summary>Takes the newest input and discards the older ones (tick thread); false when none is waiting.</summary>
    public bool TryTakeNewest(out PlayerInput input)
    {
        lock (_gate)
        {
            if (_count == 0)
            {
                input = default;
                return false;
            }

            input = _ring[(_start + _count - 1) % _ring.Length];
            if (_count > 1) Interlocked.Add(ref _superseded, _count - 1);
            _start = 0;
            _count = 0;
            return true;
        }
    }
}
