using System.Net;
using System.Net.Sockets;

namespace GameServer.Tests.Support;

/// <summary>
/// A loopback TCP proxy in front of a local service that slows what clients send to
/// <see cref="BytesPerSecond"/> per connection: a slow link to the store, so an upload takes long enough to
/// be caught (and killed) in the middle.
/// </summary>
/// <remarks>Answers travel at full speed; changing <see cref="BytesPerSecond"/> applies at once. Loopback only.</remarks>
internal sealed class ThrottledTcpProxy : IDisposable
{
    private const int ChunkBytes = 8 * 1024;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = [];
    private long _bytesPerSecond;

    public ThrottledTcpProxy(int targetPort, long bytesPerSecond)
    {
        _targetPort = targetPort;
        _bytesPerSecond = bytesPerSecond;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    /// <summary>Upload rate per connection; 0 for no limit.</summary>
    public long BytesPerSecond
    {
        get => Interlocked.Read(ref _bytesPerSecond);
        set => Interlocked.Exchange(ref _bytesPerSecond, value);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_clients)
        {
            foreach (var client in _clients) client.Dispose();
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ForwardAsync(client));
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using var target = new TcpClient();
        lock (_clients)
        {
            _clients.Add(client);
            _clients.Add(target);
        }

        try
        {
            await target.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            var up = PumpAsync(client.GetStream(), target.GetStream(), throttled: true);
            var down = PumpAsync(target.GetStream(), client.GetStream(), throttled: false);
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool throttled)
    {
        var buffer = new byte[ChunkBytes];
        try
        {
            while (true)
            {
                var n = await from.ReadAsync(buffer, _stop.Token);
                if (n == 0) return;
                await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
                var rate = BytesPerSecond;
                if (throttled && rate > 0) await Task.Delay(TimeSpan.FromSeconds((double)n / rate), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
