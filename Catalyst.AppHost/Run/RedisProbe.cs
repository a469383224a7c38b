using System.Net.Sockets;
using System.Text;

namespace Catalyst.AppHost.Run;

/// <summary>Just enough RESP to ask a Redis server for PING and SHUTDOWN without a client library.</summary>
internal static class RedisProbe
{
    public static async Task<bool> PingAsync(int port, CancellationToken ct)
    {
        try
        {
            return await CommandAsync(port, ["PING"], ct) == "+PONG";
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Sends SHUTDOWN NOSAVE: a local cache has nothing worth writing to disk.</summary>
    public static async Task ShutdownAsync(int port, CancellationToken ct)
    {
        try
        {
            await CommandAsync(port, ["SHUTDOWN", "NOSAVE"], ct);
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
        {
            // The server closes the connection as it exits: that is the answer.
        }
    }

    private static async Task<string?> CommandAsync(int port, string[] arguments, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, timeout.Token);
        await using var stream = client.GetStream();
        var request = new StringBuilder().Append('*').Append(arguments.Length).Append("\r\n");
        foreach (var argument in arguments)
            request.Append('$').Append(Encoding.UTF8.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), timeout.Token);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadLineAsync(timeout.Token);
    }
}
