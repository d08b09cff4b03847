using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace GameServer.Tests.Support;

/// <summary>
/// A loopback UDP relay between one client and a server that records every datagram the client sends, as an
/// eavesdropper on the wire would, so a test can replay a captured session byte for byte: from a fresh socket,
/// or from the very address and port the server saw.
/// </summary>
internal sealed class UdpRelay : IDisposable
{
    private readonly UdpClient _front = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly UdpClient _back = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly IPEndPoint _server;
    private readonly ConcurrentQueue<byte[]> _captured = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _upstream;
    private readonly Task _downstream;
    private IPEndPoint? _client;

    /// <summary>Relays datagrams sent to <see cref="Port"/> on to <paramref name="serverPort"/> on loopback, and the answers back.</summary>
    public UdpRelay(int serverPort)
    {
        _server = new IPEndPoint(IPAddress.Loopback, serverPort);
        _upstream = Task.Run(ForwardFromClientAsync);
        _downstream = Task.Run(ForwardFromServerAsync);
    }

    /// <summary>The port the client sends to.</summary>
    public int Port => ((IPEndPoint)_front.Client.LocalEndPoint!).Port;

    /// <summary>Every datagram the client sent, in order.</summary>
    public IReadOnlyList<byte[]> Captured => [.. _captured];

    /// <summary>Sends <paramref name="datagrams"/> to the server from the relay's own server-side socket: the source the server knew the client by.</summary>
    public async Task ReplayFromTheSameAddressAsync(IEnumerable<byte[]> datagrams, TimeSpan gap)
    {
        foreach (var datagram in datagrams)
        {
            await _back.SendAsync(datagram, _server);
            await Task.Delay(gap);
        }
    }

    /// <summary>Sends <paramref name="datagrams"/> to the server from a socket of its own (another port).</summary>
    public async Task ReplayFromANewAddressAsync(IEnumerable<byte[]> datagrams, TimeSpan gap)
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        foreach (var datagram in datagrams)
        {
            await socket.SendAsync(datagram, _server);
            await Task.Delay(gap);
        }

        await Task.Delay(200); // answers to this socket need somewhere to land while the server still sends them
    }

    public void Dispose()
    {
        _stop.Cancel();
        _front.Dispose();
        _back.Dispose();
        try
        {
            Task.WaitAll([_upstream, _downstream], TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task ForwardFromClientAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _front.ReceiveAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested) return;
                continue; // ICMP port unreachable from a client that went away
            }

            _client = received.RemoteEndPoint;
            _captured.Enqueue(received.Buffer);
            await _back.SendAsync(received.Buffer, _server);
        }
    }

    private async Task ForwardFromServerAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _back.ReceiveAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested) return;
                continue;
            }

            if (_client is { } client)
            {
                try
                {
                    await _front.SendAsync(received.Buffer, client);
                }
                catch (SocketException)
                {
                }
            }
        }
    }
}
