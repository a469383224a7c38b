using Catalyst.Backtesting.Contracts;
using Catalyst.Host.Backtesting;
using Catalyst.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Catalyst.Backtesting.Tests;

/// <summary>
/// The engine outside a web host, as the CLI runs it: configuration pointing at a fresh test database (the "live" one
/// a backtest creates its own database beside) and the test Redis; a temporary content root and report folder.
/// </summary>
internal sealed class BacktestHarness : IAsyncDisposable
{
    private BacktestHarness(TestDatabase live, string root, IConfiguration configuration)
    {
        Live = live;
        Root = root;
        Configuration = configuration;
    }

    public TestDatabase Live { get; }
    public string Root { get; }
    public IConfiguration Configuration { get; }

    public static string LeanFolder => Path.Combine(TestEnvironment.ReferenceDirectory, "marketdata", "lean_minute");

    public static async Task<BacktestHarness> CreateAsync()
    {
        var live = await TestDatabase.CreateAsync();
        var root = Path.Combine(Path.GetTempPath(), "catalyst-bt-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:catalystdb"] = live.ConnectionString,
            ["ConnectionStrings:cache"] = TestEnvironment.Redis,
            ["Catalyst:Redis:InstanceName"] = "test-" + live.Name,
            ["Catalyst:Redis:ChannelPrefix"] = live.Name + ":",
            ["Logging:LogLevel:Default"] = "Warning",
        }).Build();
        return new BacktestHarness(live, root, configuration);
    }

    public BacktestEngine Engine(Action<IServiceCollection>? configureInner = null, ILoggerFactory? loggers = null) =>
        new(Configuration, new TestHostEnvironment(Root), loggers ?? NullLoggerFactory.Instance)
        {
            ConfigureInnerServices = configureInner,
        };

    public BacktestPlan Plan(RunBacktest request, string name = "report") =>
        BacktestPlanner.Plan(request, Guid.NewGuid(), Path.Combine(Root, name), keepDatabase: false, Configuration);

    /// <summary>Databases on the test server whose name starts with the live database's: the backtest's own, if left behind.</summary>
    public async Task<IReadOnlyList<string>> BacktestDatabasesAsync()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresAdmin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE @p", connection);
        command.Parameters.AddWithValue("p", Live.Name + "_bt_%");
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }

    public async ValueTask DisposeAsync()
    {
        await Live.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }

    private sealed class TestHostEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "Catalyst.Host";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
