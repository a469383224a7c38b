using Catalyst.Host.Backtesting;
using Catalyst.Testing;

namespace Catalyst.Backtesting.Tests;

/// <summary><c>dotnet Catalyst.Host.dll backtest …</c>: exit 2 with a reason on bad arguments, 0 and the report folder on success.</summary>
[NonParallelizable]
public sealed class CommandLineTests
{
    private static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await BacktestCommand.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [TestCase(new[] { "--from", "2026-11-27", "--to", "2026-11-02" }, "--to: end_date 2026-11-02 is before start_date 2026-11-27")]
    [TestCase(new[] { "--from", "2026-11-26", "--to", "2026-11-26" }, "no NYSE trading day")]
    [TestCase(new[] { "--from", "2026-13-01", "--to", "2026-11-02" }, "--from '2026-13-01' is not a date")]
    [TestCase(new[] { "--data", "/no/such/folder" }, "--data: the data folder '/no/such/folder' does not exist")]
    [TestCase(new[] { "--to", "2026-11-02" }, "start_date (YYYY-MM-DD) is required")]
    [TestCase(new[] { "--from", "2026-11-02", "--to", "2026-11-03", "--seed", "x" }, "x")]
    [TestCase(new[] { "--frm", "2026-11-02" }, "--frm")]
    public async Task Bad_arguments_exit_2_with_the_reason(string[] args, string expected)
    {
        var (exit, output, error) = await RunAsync(args);
        Assert.That(exit, Is.EqualTo(2), output + error);
        Assert.That(error, Does.Contain(expected));
    }

    [Test]
    public async Task Help_lists_the_options_and_exits_0()
    {
        var (exit, output, _) = await RunAsync("--help");
        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("--from").And.Contain("--data").And.Contain("--keep-database"));
    }

    [Test]
    public async Task A_replayed_day_prints_progress_and_ends_with_the_report_folder()
    {
        await using var live = await TestDatabase.CreateAsync();
        var folder = Path.Combine(Path.GetTempPath(), "catalyst-bt-cli-" + Guid.NewGuid().ToString("N")[..8]);
        var saved = new Dictionary<string, string?>();
        void Set(string name, string value)
        {
            saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
        Set("ConnectionStrings__catalystdb", live.ConnectionString);
        Set("ConnectionStrings__cache", TestEnvironment.Redis);
        try
        {
            var (exit, output, error) = await RunAsync("--data", BacktestHarness.LeanFolder, "--from", "2014-06-09", "--to", "2014-06-09",
                "--output", folder);
            Assert.That(exit, Is.Zero, error);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.That(lines[0], Does.Contain("1 replayed day(s) 2014-06-09 to 2014-06-09"));
            Assert.That(lines, Has.Some.StartsWith("day 1/1 done"));
            Assert.That(lines[^1], Is.EqualTo(folder));
            foreach (var file in BacktestReportWriter.Files) Assert.That(File.Exists(Path.Combine(folder, file)), file);
        }
        finally
        {
            foreach (var (name, value) in saved) Environment.SetEnvironmentVariable(name, value);
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
