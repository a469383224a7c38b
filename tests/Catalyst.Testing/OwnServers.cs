using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Catalyst.Testing;

/// <summary>
/// A PostgreSQL or Redis of a test's own, for tests that stop and restart a server (outage behaviour) without
/// disturbing the shared ones.
/// </summary>
public sealed class OwnRedis : IAsyncDisposable
{
    private OwnRedis(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<OwnRedis> StartAsync()
    {
        var redis = new OwnRedis(FreePort.Next());
        await redis.RestartAsync();
        return redis;
    }

    public async Task RestartAsync()
    {
        await Shell.RunAsync("redis-server",
            $"--bind 127.0.0.1 --port {Port} --daemonize yes --save '' --appendonly no --logfile /tmp/own-redis-{Port}.log");
        await Shell.WaitForPortAsync(Port);
    }

    public Task StopAsync() => Shell.RunAsync("redis-cli", $"-p {Port} shutdown nosave", ignoreFailure: true);

    public async ValueTask DisposeAsync() => await StopAsync();
}

public sealed class OwnPostgres : IAsyncDisposable
{
    private readonly string _dir;

    private OwnPostgres(int port, string dir)
    {
        Port = port;
        _dir = dir;
    }

    public int Port { get; }

    public string ConnectionStringFor(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=3";

    private static string Bin => Environment.GetEnvironmentVariable("CATALYST_TEST_PGBIN") ?? "/usr/lib/postgresql/15/bin";

    private static bool IsRoot => Environment.UserName == "root";

    public static async Task<OwnPostgres> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "catalyst-own-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        if (IsRoot) await Shell.RunAsync("chown", $"postgres:postgres {dir}");
        var pg = new OwnPostgres(FreePort.Next(), dir);
        await pg.AsPostgres($"{Bin}/initdb", $"-D {dir}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8");
        await pg.StartServerAsync();
        await Shell.RunAsync($"{Bin}/psql", $"-h 127.0.0.1 -p {pg.Port} -U postgres -qAt -c \"CREATE DATABASE catalyst\"");
        return pg;
    }

    public Task StartServerAsync() => AsPostgres($"{Bin}/pg_ctl",
        $"-D {_dir}/data -l {_dir}/server.log -w start -o \"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories={_dir} -c fsync=off\"");

    public Task StopServerAsync() => AsPostgres($"{Bin}/pg_ctl", $"-D {_dir}/data -m immediate -w stop", ignoreFailure: true);

    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private Task AsPostgres(string file, string arguments, bool ignoreFailure = false) => IsRoot
        ? Shell.RunAsync("runuser", $"-u postgres -- {file} {arguments}", ignoreFailure)
        : Shell.RunAsync(file, arguments, ignoreFailure);
}

internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal static class Shell
{
    public static async Task RunAsync(string file, string arguments, bool ignoreFailure = false)
    {
        var start = new ProcessStartInfo("/bin/sh", ["-c", $"{file} {arguments}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !ignoreFailure)
            throw new InvalidOperationException($"{file} {arguments} exited {process.ExitCode}: {await stderr}{await stdout}");
    }

    public static async Task WaitForPortAsync(int port)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) { await Task.Delay(50); }
        }
        throw new TimeoutException($"nothing listens on port {port}");
    }
}
