using System.Collections.Concurrent;
using Catalyst.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using Npgsql;

namespace Catalyst.Modules.Orchestration.Tests;

/// <summary>
/// <c>Catalyst.Host --mcp-stdio</c> as a local Claude Desktop starts it: the SDK's stdio client spawns the built Host,
/// the protocol runs on stdin/stdout, every log line goes to stderr, and nothing listens on a port.
/// </summary>
[NonParallelizable]
public sealed class StdioTests
{
    [Test]
    public async Task The_host_serves_mcp_over_stdio_with_logs_on_stderr()
    {
        var dll = Path.Combine(TestEnvironment.RepositoryRoot, "Catalyst.Host", "bin", "Debug", "net10.0", "Catalyst.Host.dll");
        Assume.That(File.Exists(dll), Is.True, "the Host is built");
        await using var database = await TestDatabase.CreateAsync();
        var stderr = new ConcurrentQueue<string>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "catalyst-stdio",
            Command = "dotnet",
            Arguments = [dll, "--mcp-stdio"],
            WorkingDirectory = Path.GetDirectoryName(dll),
            EnvironmentVariables = new Dictionary<string, string?>
            {
                ["ConnectionStrings__catalystdb"] = database.ConnectionString,
                ["ConnectionStrings__cache"] = TestEnvironment.Redis,
                ["Catalyst__Redis__InstanceName"] = "stdio-" + database.Name,
                ["Catalyst__Redis__ChannelPrefix"] = database.Name + ":",
                ["Catalyst__Simulation__Speed"] = "manual",
                ["Catalyst__Simulation__AutoStart"] = "Off",
                ["Catalyst__Simulation__Date"] = "2026-03-10",
                ["Logging__LogLevel__Default"] = "Information",
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            },
            StandardErrorLines = stderr.Enqueue,
            ShutdownTimeout = TimeSpan.FromSeconds(10),
        }, NullLoggerFactory.Instance);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using (var client = await McpClient.CreateAsync(transport, cancellationToken: timeout.Token))
        {
            Assert.That(client.ServerInfo?.Name, Is.EqualTo("catalyst"));
            var tools = await client.ListToolsAsync(cancellationToken: timeout.Token);
            Assert.That(tools.Select(t => t.Name), Does.Contain("execute_trade").And.Contain("get_risk_status"));
            var config = await client.ReadJsonAsync("catalyst://system/config");
            Assert.That(config.GetProperty("mcp").GetProperty("transport").GetString(), Is.EqualTo("stdio"));
            // A call that fails validation still goes through the whole path (and the audit log) without other modules.
            Assert.ThrowsAsync<ModelContextProtocol.McpProtocolException>(async () =>
                await client.CallRawAsync("get_scan_results", new { top_n = 99 }));
        }

        Assert.That(stderr, Is.Not.Empty, "logs are written to stderr");
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT caller, transport, outcome FROM orchestration.tool_calls WHERE tool = 'get_scan_results'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True, "the stdio call is in the tool-call log");
        Assert.That(reader.GetString(0), Is.EqualTo("stdio"));
        Assert.That(reader.GetString(1), Is.EqualTo("stdio"));
        Assert.That(reader.GetString(2), Is.EqualTo("invalid_params"));
    }
}
