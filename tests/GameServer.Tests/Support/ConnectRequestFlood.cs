using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using GameServer.Protocol.Admin;
using LiteNetLib;
using LiteNetLib.Utils;

namespace GameServer.Tests.Support;

/// <summary>
/// Floods the admin port with LiteNetLib connection requests (real ones, captured off the wire, each given a
/// new connection time so it reads as a new attempt) mixed with garbage, from several sockets at once.
/// </summary>
internal static class ConnectRequestFlood
{
    /// <summary>Where LiteNetLib's connection request keeps its connection time (after the property byte and the protocol id).</summary>
    private const int ConnectionTimeOffset = 5;

    /// <summary>Datagrams each sender sends from one port before it moves to another.</summary>
    public const int DatagramsPerPort = 25;

    /// <summary>The datagram LiteNetLib sends, through the admin packet layer, to connect with <paramref name="connectionKey"/>.</summary>
    public static byte[] CaptureRequest(string connectionKey)
    {
        using var sniffer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var manager = new NetManager(new EventBasedNetListener(), new AdminPacketLayer()) { IPv6Enabled = false };
        manager.Start();
        try
        {
            manager.Connect((IPEndPoint)sniffer.Client.LocalEndPoint!, connectionKey);
            var received = sniffer.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            return received.Buffer;
        }
        finally
        {
            manager.Stop();
        }
    }

    /// <summary><paramref name="request"/> with connection time <paramref name="time"/> and its checksum recomputed.</summary>
    public static byte[] WithConnectionTime(byte[] request, long time)
    {
        var copy = (byte[])request.Clone();
        BinaryPrimitives.WriteInt64LittleEndian(copy.AsSpan(ConnectionTimeOffset), time);
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(copy.Length - CRC32C.ChecksumSize), CRC32C.Compute(copy, 0, copy.Length - CRC32C.ChecksumSize));
        return copy;
    }

    /// <summary>
    /// Sends <paramref name="perSocket"/> datagrams from each of <paramref name="sockets"/> senders at once: in turn a
    /// request from <paramref name="requests"/> (with a fresh connection time) and, every fourth, random garbage. Each
    /// sender moves to a new port every <see cref="DatagramsPerPort"/> datagrams, as a spoofing attacker would, so the
    /// requests do not merely refresh one pending request per address.
    /// </summary>
    public static async Task<int> SendAsync(int port, IReadOnlyList<byte[]> requests, int sockets, int perSocket, int seed)
    {
        var target = new IPEndPoint(IPAddress.Loopback, port);
        var sent = await Task.WhenAll(Enumerable.Range(0, sockets).Select(s => Task.Run(async () =>
        {
            var random = new Random(seed + s);
            var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            for (var i = 0; i < perSocket; i++)
            {
                if (i > 0 && i % DatagramsPerPort == 0)
                {
                    socket.Dispose();
                    socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
                }

                byte[] datagram;
                if (i % 4 == 3)
                {
                    datagram = new byte[random.Next(1, 200)];
                    random.NextBytes(datagram);
                }
                else
                {
                    datagram = WithConnectionTime(requests[i % requests.Count], DateTime.UtcNow.Ticks + i);
                }

                await socket.SendAsync(datagram, target);
                if (i % 200 == 199) await Task.Yield();
            }

            socket.Dispose();
            return perSocket;
        })));
        return sent.Sum();
    }
}
