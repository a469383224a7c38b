using System.Globalization;
using Catalyst.AppHost.Model;
using Npgsql;

namespace Catalyst.AppHost.Run;

/// <summary>
/// PostgreSQL and Redis as local child processes under one data directory. Kept apart from the Host so tests can
/// start and stop the backing services alone.
/// </summary>
internal sealed class LocalInfrastructure : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly AppModel _model;
    private readonly Toolchain _tools;
    private readonly ConsoleSink _sink;
    private ChildProcess? _postgres;
    private ChildProcess? _redis;
    private FileStream? _lock;
    private bool _stopped;

    private LocalInfrastructure(AppModel model, Toolchain tools, string dataDirectory, ConsoleSink sink)
    {
        _model = model;
        _tools = tools;
        _sink = sink;
        DataDirectory = Path.GetFullPath(dataDirectory);
    }

    public string DataDirectory { get; }
    public string PostgresDirectory => Path.Combine(DataDirectory, "postgres");
    public string PostgresDataDirectory => Path.Combine(PostgresDirectory, "data");
    public string RedisDirectory => Path.Combine(DataDirectory, "redis");
    public string RedisPidFile => Path.Combine(RedisDirectory, "redis.pid");
    public int PostgresPort { get; private set; }
    public int RedisPort { get; private set; }
    public string PostgresConnectionString => _model.Database.LocalConnectionString(PostgresPort);
    public string RedisConnectionString => RedisResource.LocalConnectionString(RedisPort);

    /// <summary>A backing process died on its own (the run stops when that happens).</summary>
    public Task<string> Died { get; private set; } = new TaskCompletionSource<string>().Task;

    /// <param name="takenPorts">Ports already promised to others in this run, never handed out twice.</param>
    /// <param name="preferFixedPorts">False in tests: any free port, so parallel runs do not collide.</param>
    public static async Task<LocalInfrastructure> StartAsync(AppModel model, Toolchain tools, string dataDirectory,
        ConsoleSink sink, ISet<int> takenPorts, bool preferFixedPorts, CancellationToken ct)
    {
        var infrastructure = new LocalInfrastructure(model, tools, dataDirectory, sink);
        try
        {
            await infrastructure.StartCoreAsync(takenPorts, preferFixedPorts, ct);
            return infrastructure;
        }
        catch
        {
            await infrastructure.StopAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(ISet<int> takenPorts, bool preferFixedPorts, CancellationToken ct)
    {
        Directory.CreateDirectory(DataDirectory);
        TakeLock();
        Directory.CreateDirectory(PostgresDirectory);
        Directory.CreateDirectory(RedisDirectory);
        if (_tools.RunPostgresAsPostgresUser)
        {
            await RunQuietAsync("chown", ["-R", "postgres:postgres", PostgresDirectory], ct);
        }
        await RunQuietAsync("chmod", ["700", PostgresDirectory], ct);

        // A run killed with SIGKILL cannot stop its children; clean up after it before taking ports.
        await StopLeftoversAsync(ct);

        PostgresPort = Ports.PreferOrAny(preferFixedPorts ? _model.Database.PreferredLocalPort : null, takenPorts);
        RedisPort = Ports.PreferOrAny(preferFixedPorts ? _model.Cache.PreferredLocalPort : null, takenPorts);

        if (!File.Exists(Path.Combine(PostgresDataDirectory, "PG_VERSION")))
        {
            _sink.Line("postgres", $"first run: initdb {PostgresDataDirectory}");
            var (file, args) = _tools.PostgresCommand(_tools.InitDb,
                "-D", PostgresDataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
            var code = await ChildProcess.RunAsync("postgres", file, args, _sink, ct, PostgresDirectory);
            if (code != 0) throw new RunFailedException($"initdb failed with exit code {code}", code);
        }

        var (pgFile, pgArgs) = _tools.PostgresCommand(_tools.Postgres,
            "-D", PostgresDataDirectory,
            "-c", "listen_addresses=127.0.0.1",
            "-c", "port=" + PostgresPort.ToString(CultureInfo.InvariantCulture),
            "-c", "unix_socket_directories=" + PostgresDirectory,
            // EF probes each module's migrations history table before it exists; the failed statement's full text
            // on every first run is noise (the one-line ERROR stays).
            "-c", "log_min_error_statement=panic");
        _postgres = ChildProcess.Start("postgres", pgFile, pgArgs, _sink, PostgresDirectory, detach: true);

        _redis = ChildProcess.Start("redis", _tools.RedisServer,
        [
            "--bind", "127.0.0.1",
            "--port", RedisPort.ToString(CultureInfo.InvariantCulture),
            "--save", "",
            "--appendonly", "no",
            "--dir", RedisDirectory,
            "--pidfile", RedisPidFile,
        ], _sink, RedisDirectory, detach: true);

        Died = Task.WhenAny(_postgres.Exited, _redis.Exited).ContinueWith(
            t => t.Result == _postgres.Exited ? "postgres" : "redis", CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        await Task.WhenAll(WaitForPostgresAsync(ct), WaitForRedisAsync(ct));
        await EnsureDatabaseAsync(ct);
    }

    private async Task WaitForPostgresAsync(CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(PostgresConnectionString)
        {
            Database = "postgres",
            Pooling = false,
            Timeout = 2,
        }.ConnectionString;
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            if (_postgres!.HasExited)
                throw new RunFailedException($"postgres exited with code {_postgres.Exited.Result} before accepting connections", 1);
            try
            {
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync(ct);
                _sink.Line("postgres", $"ready on 127.0.0.1:{PostgresPort}");
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
            {
                if (DateTime.UtcNow > deadline)
                    throw new RunFailedException($"postgres did not accept connections within {ReadyTimeout.TotalSeconds:0} s: {ex.Message}", 1);
            }
            await Task.Delay(200, ct);
        }
    }

    private async Task WaitForRedisAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (!await RedisProbe.PingAsync(RedisPort, ct))
        {
            if (_redis!.HasExited)
                throw new RunFailedException($"redis exited with code {_redis.Exited.Result} before answering PING", 1);
            if (DateTime.UtcNow > deadline)
                throw new RunFailedException($"redis did not answer PING within {ReadyTimeout.TotalSeconds:0} s", 1);
            await Task.Delay(100, ct);
        }
        _sink.Line("redis", $"ready on 127.0.0.1:{RedisPort}");
    }

    private async Task EnsureDatabaseAsync(CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", _model.Database.DatabaseName);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        // An identifier cannot be a parameter; the name is our own constant, quoted anyway.
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_model.Database.DatabaseName}\"", connection);
        await create.ExecuteNonQueryAsync(ct);
        _sink.Line("postgres", $"created database {_model.Database.DatabaseName}");
    }

    /// <summary>
    /// One AppHost per data directory. The kernel drops the lock when its holder dies, however it dies, so a held
    /// lock means a live AppHost whose servers must not be mistaken for leftovers.
    /// </summary>
    private void TakeLock()
    {
        var path = Path.Combine(DataDirectory, "apphost.lock");
        try
        {
            _lock = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new RunFailedException(
                $"another AppHost is already running with the data directory {DataDirectory}; stop it, or pass --data-dir", 1);
        }
    }

    /// <summary>Tests: what an AppHost killed with SIGKILL leaves behind, servers running and the lock gone.</summary>
    internal void AbandonAsIfKilled() => _lock?.Dispose();

    /// <summary>Redis first (SHUTDOWN NOSAVE), then PostgreSQL (pg_ctl stop -m fast). Safe to call twice.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        if (_redis is { HasExited: false })
        {
            await RedisProbe.ShutdownAsync(RedisPort, CancellationToken.None);
            if (!await _redis.WaitAsync(TimeSpan.FromSeconds(5))) await _redis.StopAsync(TimeSpan.FromSeconds(3));
        }
        if (_postgres is { HasExited: false })
        {
            await PgCtlStopAsync(CancellationToken.None);
            if (!await _postgres.WaitAsync(TimeSpan.FromSeconds(10))) await _postgres.StopAsync(TimeSpan.FromSeconds(5));
        }
        _redis?.Dispose();
        _postgres?.Dispose();
        _lock?.Dispose();
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task<int> PgCtlStopAsync(CancellationToken ct)
    {
        var (file, args) = _tools.PostgresCommand(_tools.PgCtl, "-D", PostgresDataDirectory, "-m", "fast", "-w", "-t", "20", "stop");
        return await ChildProcess.RunAsync("postgres", file, args, _sink, ct, PostgresDirectory);
    }

    private async Task StopLeftoversAsync(CancellationToken ct)
    {
        if (File.Exists(Path.Combine(PostgresDataDirectory, "postmaster.pid")))
        {
            var (file, args) = _tools.PostgresCommand(_tools.PgCtl, "-D", PostgresDataDirectory, "status");
            if (await RunQuietAsync(file, args, ct) == 0)
            {
                _sink.Line("postgres", "stopping a server left running by an earlier run");
                await PgCtlStopAsync(ct);
            }
        }
        if (File.Exists(RedisPidFile)
            && int.TryParse((await File.ReadAllTextAsync(RedisPidFile, ct)).Trim(), CultureInfo.InvariantCulture, out var pid)
            && IsRedis(pid))
        {
            _sink.Line("redis", $"stopping redis-server {pid} left running by an earlier run");
            await RunQuietAsync("kill", ["-s", "TERM", pid.ToString(CultureInfo.InvariantCulture)], ct);
            for (var i = 0; i < 50 && IsRedis(pid); i++) await Task.Delay(100, ct);
        }
    }

    private static bool IsRedis(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").StartsWith("redis-server", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task<int> RunQuietAsync(string file, IEnumerable<string> arguments, CancellationToken ct)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(file, arguments)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new MissingToolException($"{file} could not be started");
        var drainOut = process.StandardOutput.ReadToEndAsync(ct);
        var drainErr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        await Task.WhenAll(drainOut, drainErr);
        return process.ExitCode;
    }
}

/// <summary>A step of the run failed; the AppHost stops what it started and exits with <see cref="ExitCode"/>.</summary>
internal sealed class RunFailedException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode == 0 ? 1 : exitCode;
}
