using System.Runtime.InteropServices;
using Catalyst.AppHost;
using Catalyst.AppHost.Model;
using Catalyst.AppHost.Publish;
using Catalyst.AppHost.Run;

// dotnet run --project Catalyst.AppHost [-- run] [--port N] [--data-dir DIR] [--no-build]
// dotnet run --project Catalyst.AppHost -- publish [--output infra/]
var parsed = CommandLine.Parse(args);
if (parsed.Error is not null)
{
    await Console.Error.WriteLineAsync(parsed.Error);
    await Console.Error.WriteLineAsync(CommandLine.Usage);
    return 2;
}
if (parsed.Help)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

var repoRoot = RepoRoot.Find();
if (repoRoot is null)
{
    await Console.Error.WriteLineAsync("Catalyst.sln not found in this folder or any parent: run from inside the repository.");
    return 2;
}

if (parsed.Verb == "publish")
{
    var output = Path.GetFullPath(parsed.Output ?? Path.Combine(repoRoot, "infra"));
    foreach (var written in Publisher.Write(AppModel.Catalyst, output))
        Console.WriteLine($"wrote {Path.GetRelativePath(Environment.CurrentDirectory, written)}");
    return 0;
}

var sink = new ConsoleSink(Console.Out);
using var stop = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    // Keep the process alive: the runner stops the children in order, then returns.
    context.Cancel = true;
    if (!stop.IsCancellationRequested) sink.Line("apphost", $"{context.Signal} received");
    stop.Cancel();
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);

var options = new RunOptions(
    repoRoot,
    Path.GetFullPath(parsed.DataDirectory ?? Path.Combine(repoRoot, ".catalyst")),
    parsed.Port,
    !parsed.NoBuild);
try
{
    return await new LocalRunner(AppModel.Catalyst, options, sink, Environment.GetEnvironmentVariables()).RunAsync(stop.Token);
}
catch (MissingToolException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 127;
}
catch (RunFailedException ex)
{
    await Console.Error.WriteLineAsync("[apphost] error: " + ex.Message);
    return ex.ExitCode;
}
