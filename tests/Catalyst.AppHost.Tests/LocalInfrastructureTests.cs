using System.Diagnostics;
using Catalyst.AppHost.Model;
using Catalyst.AppHost.Run;
using Npgsql;

namespace Catalyst.AppHost.Tests;

/// <summary>The run verb's backing services, started for real (Debian's PostgreSQL and Redis), without the Host.</summary>
[TestFixture]
[CancelAfter(90_000)]
internal sealed class LocalInfrastructureTests
{
    private string _dataDir = null!;
    private StringWriter _log = null!;

    [SetUp]
    public void SetUp()
    {
        _dataDir = Directory.CreateTempSubdirectory("catalyst-apphost-").FullName;
        // PostgreSQL runs as the postgres user when we are root; it must be able to reach its folder.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_dataDir, (UnixFileMode)0b111_101_101);
        _log = new StringWriter();
    }

    [TearDown]
    public void TearDown()
    {
        TestContext.Out.WriteLine(_log.ToString());
        _log.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Test]
    public async Task Postgres_and_redis_start_answer_and_stop_without_leaving_a_process(CancellationToken ct)
    {
        Toolchain tools;
        try { tools = Toolchain.Discover(); }
        catch (MissingToolException ex) { Assert.Ignore(ex.Message); return; }

        var sink = new ConsoleSink(TextWriter.Synchronized(_log));
        var infrastructure = await LocalInfrastructure.StartAsync(AppModel.Catalyst, tools, _dataDir, sink, new HashSet<int>(),
            preferFixedPorts: false, ct);
        int pgPort = infrastructure.PostgresPort, redisPort = infrastructure.RedisPort;
        try
        {
            Assert.That(pgPort, Is.Not.EqualTo(redisPort));
            Assert.That(await RedisProbe.PingAsync(redisPort, ct), Is.True, "redis answers PING");
            await using (var connection = new NpgsqlConnection(infrastructure.PostgresConnectionString + ";Pooling=false"))
            {
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand("SELECT current_database()", connection);
                Assert.That(await command.ExecuteScalarAsync(ct), Is.EqualTo(AppModel.Catalyst.Database.DatabaseName),
                    "the catalyst database was created");
            }
            Assert.That(File.Exists(Path.Combine(infrastructure.PostgresDataDirectory, "postmaster.pid")), Is.True);
        }
        finally
        {
            await infrastructure.StopAsync();
        }

        Assert.That(await RedisProbe.PingAsync(redisPort, ct), Is.False, "redis still answers after stop");
        Assert.That(PgCtlStatus(tools, infrastructure.PostgresDataDirectory), Is.EqualTo(3), "pg_ctl status: 3 means no server running");
        Assert.That(File.Exists(Path.Combine(infrastructure.PostgresDataDirectory, "postmaster.pid")), Is.False);
        Assert.That(ProcessesMentioning(_dataDir), Is.Empty, "no process left that was started for this data directory");
    }

    [Test]
    public async Task A_second_run_reuses_the_cluster_and_clears_a_server_an_earlier_run_left_behind(CancellationToken ct)
    {
        Toolchain tools;
        try { tools = Toolchain.Discover(); }
        catch (MissingToolException ex) { Assert.Ignore(ex.Message); return; }
        var sink = new ConsoleSink(TextWriter.Synchronized(_log));

        var first = await LocalInfrastructure.StartAsync(AppModel.Catalyst, tools, _dataDir, sink, new HashSet<int>(), false, ct);
        // An AppHost killed with SIGKILL never stops its children: simulate that by not stopping this one.
        first.AbandonAsIfKilled();
        var orphanRedisPort = first.RedisPort;

        var second = await LocalInfrastructure.StartAsync(AppModel.Catalyst, tools, _dataDir, sink, new HashSet<int>(), false, ct);
        try
        {
            Assert.That(_log.ToString(), Does.Contain("left running by an earlier run"));
            Assert.That(_log.ToString().Split("first run: initdb").Length - 1, Is.EqualTo(1), "initdb ran once");
            Assert.That(await RedisProbe.PingAsync(orphanRedisPort, ct), Is.False, "the orphaned redis was stopped");
            Assert.That(await RedisProbe.PingAsync(second.RedisPort, ct), Is.True);
        }
        finally
        {
            await second.StopAsync();
            await first.StopAsync();
        }
        Assert.That(ProcessesMentioning(_dataDir), Is.Empty);
    }

    [Test]
    public async Task A_second_apphost_on_the_same_data_directory_is_refused_and_the_first_keeps_running(CancellationToken ct)
    {
        Toolchain tools;
        try { tools = Toolchain.Discover(); }
        catch (MissingToolException ex) { Assert.Ignore(ex.Message); return; }
        var sink = new ConsoleSink(TextWriter.Synchronized(_log));

        await using var first = await LocalInfrastructure.StartAsync(AppModel.Catalyst, tools, _dataDir, sink, new HashSet<int>(), false, ct);

        var refused = Assert.ThrowsAsync<RunFailedException>(() =>
            LocalInfrastructure.StartAsync(AppModel.Catalyst, tools, _dataDir, sink, new HashSet<int>(), false, ct));
        Assert.That(refused!.Message, Does.Contain("another AppHost"));
        Assert.That(await RedisProbe.PingAsync(first.RedisPort, ct), Is.True, "the running instance was left alone");
    }

    private static int PgCtlStatus(Toolchain tools, string dataDirectory)
    {
        var (file, arguments) = tools.PostgresCommand(tools.PgCtl, "-D", dataDirectory, "status");
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, UseShellExecute = false })!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }

    private static List<string> ProcessesMentioning(string text)
    {
        var found = new List<string>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(text, StringComparison.Ordinal)) found.Add(commandLine);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }
}
