using System.Buffers.Binary;
using System.Net;
using LiteNetLib.Layers;
using LiteNetLib.Utils;

namespace GameServer.Protocol.Admin;

/// <summary>
/// A CRC32C trailer on every datagram of the admin port (both ends use it). Datagrams whose checksum is
/// wrong, including any random or truncated garbage, are dropped before LiteNetLib parses them, and counted.
/// </summary>
/// <remarks>
/// Integrity only, not security: authentication is <see cref="AdminProof"/>. LiteNetLib calls the inbound
/// side on its receive thread and the outbound side on its logic thread; the counter is atomic.
/// </remarks>
public sealed class AdminPacketLayer : PacketLayerBase
{
    private long _dropped;

    /// <summary>A layer adding <see cref="CRC32C.ChecksumSize"/> bytes to every datagram.</summary>
    public AdminPacketLayer()
        : base(CRC32C.ChecksumSize)
    {
    }

    /// <summary>Datagrams dropped because their checksum was wrong or they were too short to carry one.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <inheritdoc />
    public override void ProcessInboundPacket(ref IPEndPoint endPoint, ref byte[] data, ref int length)
    {
        ArgumentNullException.ThrowIfNull(data);
        var payload = length - CRC32C.ChecksumSize;
        if (payload < 1 || CRC32C.Compute(data, 0, payload) != BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(payload, CRC32C.ChecksumSize)))
        {
            Interlocked.Increment(ref _dropped);
            length = 0; // LiteNetLib drops a datagram the layer empties
            return;
        }

        length = payload;
    }

    /// <inheritdoc />
    public override void ProcessOutBoundPacket(ref IPEndPoint endPoint, ref byte[] data, ref int offset, ref int length)
    {
        ArgumentNullException.ThrowIfNull(data);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(offset + length, CRC32C.ChecksumSize), CRC32C.Compute(data, offset, length));
        length += CRC32C.ChecksumSize;
    }
}
