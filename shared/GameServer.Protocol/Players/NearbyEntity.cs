using System.Runtime.InteropServices;

namespace GameServer.Protocol.Players;

/// <summary>One entity near the player: its id and position (a memory copy on the wire).</summary>
/// <param name="Id">Entity id.</param>
/// <param name="X">Position x.</param>
/// <param name="Y">Position y.</param>
/// <param name="Z">Height.</param>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct NearbyEntity(long Id, float X, float Y, float Z)
{
    /// <summary>Encoded size in bytes.</summary>
    public const int Size = 20;
}
