using System.Runtime.InteropServices;

namespace GameServer.Protocol.Players;

/// <summary>
/// Client to server: movement intent. <see cref="Sequence"/> grows by one per message; the server drops
/// older-than-seen ones and echoes the last one it applied in every <see cref="StateUpdate"/>, which is how
/// a client measures its round trip at the application level.
/// </summary>
/// <param name="Sequence">Per-connection number, starting at 1.</param>
/// <param name="MoveX">Intent along x, clamped by the server to [-1, 1].</param>
/// <param name="MoveY">Intent along y, clamped by the server to [-1, 1].</param>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct PlayerInput(uint Sequence, float MoveX, float MoveY)
{
    /// <summary>Encoded size in bytes (a memory copy of the struct).</summary>
    public const int Size = 12;
}
