using System.Collections;
using System.Net.Http;
using Catalyst.AppHost.Model;

namespace Catalyst.AppHost.Run;

internal sealed record RunOptions(string RepoRoot, string DataDirectory, int? HostPort, bool Build);

/// <summary>
/// The <c>run</c> verb: PostgreSQL and Redis, then the migrator to completion, then the Host; stops all of them on
/// Ctrl+C, SIGTERM, or when any of them dies.
/// </summary>
internal sealed class LocalRunner(AppModel model, RunOptions options, ConsoleSink sink, IDictionary environment)
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromMinutes(2);

    public async Task<int> RunAsync(CancellationToken stop)
    {
        var tools = Toolchain.Discover();
        var dotnet = Toolchain.Dotnet();
        var taken = new HashSet<int>();
        // Claim the Host's port first: --port is a promise to the user, the backing services can go elsewhere.
        var hostPort = ClaimHostPort(taken);

        // Build while PostgreSQL and Redis start: the two are independent and the build is the slow part.
        using var buildCancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var build = options.Build ? BuildAsync(dotnet, buildCancel.Token) : Task.CompletedTask;
        LocalInfrastructure? infrastructure = null;
        ChildProcess? host = null;
        try
        {
            infrastructure = await LocalInfrastructure.StartAsync(model, tools, options.DataDirectory, sink, taken,
                preferFixedPorts: true, stop);
            await build;

            var migrator = model.Migrator.BuiltAssembly(options.RepoRoot);
            var hostDll = model.Host.BuiltAssembly(options.RepoRoot);
            foreach (var dll in new[] { migrator, hostDll })
            {
                if (!File.Exists(dll))
                    throw new RunFailedException($"{dll} does not exist; run without --no-build (or dotnet build it) first", 1);
            }

            sink.Line("apphost", "applying migrations");
            var migrated = await ChildProcess.RunAsync(model.Migrator.Name, dotnet, [migrator], sink, stop,
                model.Migrator.ProjectDirectory(options.RepoRoot),
                HostEnvironment.ForMigrator(model, infrastructure, environment));
            if (migrated != 0) throw new RunFailedException($"the migrator failed with exit code {migrated}; see [migrator] above", migrated);

            var apiKey = HostEnvironment.ApiKey(options.DataDirectory, environment);
            var hostEnvironment = HostEnvironment.ForHost(model, infrastructure.PostgresConnectionString,
                infrastructure.RedisConnectionString, hostPort, apiKey, environment, options.RepoRoot);
            if (SimulatedDayChoice.Choose(environment,
                    await SimulatedDayChoice.LastSimulatedDayAsync(infrastructure.PostgresConnectionString, stop)) is { } day)
            {
                hostEnvironment[day.Key] = day.Value;
                sink.Line("apphost", day.Note);
            }
            host = ChildProcess.Start(model.Host.Name, dotnet, [hostDll], sink,
                model.Host.ProjectDirectory(options.RepoRoot), hostEnvironment, detach: true);

            var baseUrl = HostEnvironment.BaseUrl(hostPort);
            var healthy = await WaitForHealthAsync(baseUrl, host, infrastructure, stop);
            sink.Raw(Banner.Render(baseUrl, apiKey, HostEnvironment.Mode(environment), infrastructure, healthy));

            var ended = await Task.WhenAny(host.Exited, infrastructure.Died, Task.Delay(Timeout.Infinite, stop));
            if (ended == host.Exited)
            {
                sink.Line("apphost", $"the host exited with code {host.Exited.Result}; stopping everything");
                return host.Exited.Result == 0 ? 1 : host.Exited.Result;
            }
            if (ended == infrastructure.Died)
            {
                sink.Line("apphost", $"{infrastructure.Died.Result} exited on its own; stopping everything");
                return 1;
            }
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (RunFailedException ex)
        {
            sink.Line("apphost", "error: " + ex.Message);
            return ex.ExitCode;
        }
        finally
        {
            sink.Line("apphost", "stopping");
            if (host is not null)
            {
                await host.StopAsync(TimeSpan.FromSeconds(15));
                host.Dispose();
            }
            // A build still running when start-up failed must not outlive us either.
            if (!build.IsCompleted) await buildCancel.CancelAsync();
            try { await build.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None); }
            catch (Exception ex) when (ex is RunFailedException or OperationCanceledException or TimeoutException) { }
            if (infrastructure is not null) await infrastructure.StopAsync();
            sink.Line("apphost", "stopped");
        }
    }

    private int ClaimHostPort(HashSet<int> taken)
    {
        if (options.HostPort is int port)
        {
            if (!Ports.IsFree(port)) throw new RunFailedException($"port {port} (--port) is already in use", 1);
            taken.Add(port);
            return port;
        }
        return Ports.PreferOrAny(model.Host.PreferredLocalPort, taken);
    }

    private async Task BuildAsync(string dotnet, CancellationToken ct)
    {
        foreach (var project in new[] { model.Host, model.Migrator })
        {
            sink.Line("build", $"dotnet build {project.ProjectPath}");
            var code = await ChildProcess.RunAsync("build", dotnet,
                ["build", Path.Combine(options.RepoRoot, project.ProjectPath), "--nologo", "-v", "quiet", "-c", "Debug"],
                sink, ct, options.RepoRoot);
            if (code != 0) throw new RunFailedException($"dotnet build {project.ProjectPath} failed (exit code {code})", code);
        }
    }

    /// <summary>Polls /health until it answers 200; false if it never does in time (the run goes on).</summary>
    private async Task<bool> WaitForHealthAsync(string baseUrl, ChildProcess host, LocalInfrastructure infrastructure,
        CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var deadline = DateTime.UtcNow + HealthTimeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (host.HasExited)
                throw new RunFailedException($"the host exited with code {host.Exited.Result} during start-up; see [host] above", host.Exited.Result);
            if (infrastructure.Died.IsCompleted)
                throw new RunFailedException($"{infrastructure.Died.Result} exited during start-up", 1);
            try
            {
                using var response = await http.GetAsync(baseUrl + AppModel.HealthPath, ct);
                if (response.IsSuccessStatusCode) return true;
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                last = ex.Message;
            }
            await Task.Delay(500, ct);
        }
        sink.Line("apphost", $"warning: {AppModel.HealthPath} did not answer 200 within {HealthTimeout.TotalSeconds:0} s (last: {last})");
        return false;
    }
}
