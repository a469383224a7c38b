using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Catalyst.Testing;

public sealed class CatalystAppOptions
{
    /// <summary>Configuration overrides, e.g. ["Catalyst:Mode"] = "Paper".</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When set, replaces the TimeProvider (the Simulation's virtual clock included) with this fake.</summary>
    public FakeTimeProvider? Clock { get; set; }

    /// <summary>Last-word service changes, applied after the Host's own registrations.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Clone the migrated template (default) or start from an empty database.</summary>
    public bool Migrated { get; set; } = true;

    /// <summary>
    /// Start on this database instead of a fresh one (a restart on the same data); the caller owns it and disposes it
    /// after every app that uses it.
    /// </summary>
    public TestDatabase? Database { get; set; }
}

/// <summary>
/// The real Host (HTTP pipeline, auth, Mediator, modules) on a fresh database cloned from the migrated template, with
/// the Redis ./test.sh started (keys prefixed per app so parallel tests do not see each other's cache).
/// </summary>
public sealed class CatalystApp : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-key-0123456789";
    public const string ApiKeyName = "tests";

    private readonly CatalystAppOptions _options;

    private CatalystApp(CatalystAppOptions options, TestDatabase database)
    {
        _options = options;
        Database = database;
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider? Clock => _options.Clock;

    public static async Task<CatalystApp> StartAsync(Action<CatalystAppOptions>? configure = null)
    {
        var options = new CatalystAppOptions();
        configure?.Invoke(options);
        var database = options.Database ?? await TestDatabase.CreateAsync(options.Migrated);
        var app = new CatalystApp(options, database);
        _ = app.Server; // start now, so a broken start-up fails here with its real exception
        return app;
    }

    /// <summary>An HttpClient through the real pipeline, carrying the test API key.</summary>
    public HttpClient CreateApiClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-API-Key", ApiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:catalystdb"] = Database.ConnectionString,
            ["ConnectionStrings:cache"] = TestEnvironment.Redis,
            ["Catalyst:Redis:InstanceName"] = "test-" + Database.Name,
            ["Catalyst:Redis:ChannelPrefix"] = Database.Name + ":",
            [$"Catalyst:ApiKeys:{ApiKeyName}"] = ApiKey,
            ["Catalyst:Mode"] = "Simulation",
            // Tests step the simulated day themselves (SimulationSession.StepAsync/RunUntilAsync) and start cycles explicitly.
            ["Catalyst:Simulation:Speed"] = "manual",
            ["Catalyst:Simulation:AutoStart"] = "Off",
            // Each app its own risk parameters file (created with the defaults), never the repository's config/.
            ["Catalyst:Risk:ParametersFile"] = Path.Combine(Path.GetTempPath(), "catalyst-tests", Database.Name, "risk_parameters.yaml"),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in _options.Settings) settings[key] = value;
        foreach (var (key, value) in settings) builder.UseSetting(key, value);

        builder.ConfigureServices(services =>
        {
            if (_options.Clock is { } clock) services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            _options.ConfigureServices?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_options.Database is null) await Database.DisposeAsync();
    }
}
