using System.Net;
using System.Net.Sockets;

namespace Catalyst.AppHost.Run;

internal static class Ports
{
    /// <summary>The preferred port when it is free on loopback (stable URLs across runs), else any free one.</summary>
    public static int PreferOrAny(int? preferred, ISet<int>? taken = null)
    {
        if (preferred is int p && (taken is null || !taken.Contains(p)) && IsFree(p)) return Remember(p, taken);
        while (true)
        {
            var any = AnyFree();
            if (taken is null || !taken.Contains(any)) return Remember(any, taken);
        }
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int AnyFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static int Remember(int port, ISet<int>? taken)
    {
        taken?.Add(port);
        return port;
    }
}
