using System.Net;
using System.Net.Sockets;

namespace GuidanceFlow.Bench;

/// <summary>
/// A TCP relay between an app and PostgreSQL that counts round trips: each time a connection's client
/// speaks again after the server has answered, that is one more exchange. It sees every statement the
/// app sends, batched or not, request path and background work alike.
/// </summary>
public sealed class RoundTripCounter : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _serverPort;
    private readonly CancellationTokenSource _stop = new();
    private long _roundTrips;

    public RoundTripCounter(int serverPort)
    {
        _serverPort = serverPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _serverPort, _stop.Token);
            client.NoDelay = server.NoDelay = true;
            // 0: nothing yet or the server spoke last; 1: the client spoke last.
            var clientSpokeLast = 0;
            var up = Pump(client.GetStream(), server.GetStream(), () =>
            {
                if (Interlocked.Exchange(ref clientSpokeLast, 1) == 0) Interlocked.Increment(ref _roundTrips);
            });
            var down = Pump(server.GetStream(), client.GetStream(), () => Interlocked.Exchange(ref clientSpokeLast, 0));
            await Task.WhenAny(up, down);
        }
        catch (Exception) when (_stop.IsCancellationRequested) { }
        catch (IOException) { }
        catch (SocketException) { }
    }

    private async Task Pump(NetworkStream from, NetworkStream to, Action onData)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var read = await from.ReadAsync(buffer, _stop.Token);
            if (read == 0) return;
            onData();
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }
}
