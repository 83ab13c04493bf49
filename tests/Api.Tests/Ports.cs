using System.Net;
using System.Net.Sockets;

namespace GuidanceFlow.Api.Tests;

public static class Ports
{
    /// <summary>A loopback port nothing is listening on right now.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
