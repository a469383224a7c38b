using System.Text.Json;
using Catalyst.Modules.Risk.Features.Config;
using Catalyst.Modules.Risk.Parameters;
using Catalyst.Modules.Risk.Persistence;
using Catalyst.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static Catalyst.Modules.Risk.Tests.RiskTestKit;

namespace Catalyst.Modules.Risk.Tests;

/// <summary>GET /api/v1/config, POST /api/v1/config/update and the hot reload of the parameters file.</summary>
[NonParallelizable]
public sealed class ConfigApiTests
{
    private CatalystApp _app = null!;
    private HttpClient _client = null!;
    private FakeCycleProbe _cycles = null!;
    private string _file = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _file = ParametersFile(); // missing: the module writes the defaults
        _cycles = new FakeCycleProbe();
        _app = await StartAsync(_file, o => o.ConfigureServices = s => s.Replace(ServiceDescriptor.Singleton<ICycleProbe>(_cycles)));
        _client = _app.CreateApiClient();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private RiskParameterStore Store => _app.Services.GetRequiredService<RiskParameterStore>();

    private static async Task<bool> Eventually(Func<Task<bool>> condition, int seconds = 15)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            if (await condition()) return true;
            await Task.Delay(100);
        }
        return await condition();
    }

    [Test, Order(1)]
    public async Task A_missing_file_is_created_with_the_defaults_and_config_shows_them()
    {
        Assert.That(File.Exists(_file), Is.True);
        Assert.That(RiskParametersYaml.TryParse(await File.ReadAllTextAsync(_file), out var onDisk, out _), Is.True);
        Assert.That(onDisk.MaxDailyLossUsd, Is.EqualTo(2000m));

        var (status, body) = await SendAsync(_client, HttpMethod.Get, "/api/v1/config");
        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(body.GetProperty("mode").GetString(), Is.EqualTo("simulation"));
        Assert.That(body.GetProperty("parameters_file").GetString(), Is.EqualTo(_file));
        var parameters = body.GetProperty("risk_parameters");
        Assert.That(parameters.GetProperty("daily_limits.max_daily_loss_usd").GetDecimal(), Is.EqualTo(2000m));
        Assert.That(parameters.GetProperty("position_limits.max_positions").GetDecimal(), Is.EqualTo(5m));
        Assert.That(Strings(body.GetProperty("locked_during_cycle")), Is.EquivalentTo(new[] { "capital", "kelly.fraction", "kelly.min_trades" }));
        var settings = body.GetProperty("settings").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(settings, Does.Contain("Catalyst:Simulation:Seed"));
        Assert.That(settings.Any(k => k.Contains("ApiKeys", StringComparison.OrdinalIgnoreCase)), Is.False, "no secrets");
    }

    [Test, Order(2)]
    public async Task An_update_is_applied_written_to_the_file_and_audited()
    {
        var (status, body) = await PostAsync(_client, "/api/v1/config/update",
            new { parameter_path = "daily_limits.max_daily_loss_usd", new_value = 3000.0 });
        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(body.GetProperty("parameter").GetString(), Is.EqualTo("daily_limits.max_daily_loss_usd"));
        Assert.That(body.GetProperty("old_value").GetDecimal(), Is.EqualTo(2000m));
        Assert.That(body.GetProperty("new_value").GetDecimal(), Is.EqualTo(3000m));
        Assert.That(body.GetProperty("actor").GetString(), Is.EqualTo("api:" + CatalystApp.ApiKeyName));
        Assert.That(body.TryGetProperty("updated_at", out _), Is.True);

        Assert.That(Store.Current.MaxDailyLossUsd, Is.EqualTo(3000m));
        Assert.That(await File.ReadAllTextAsync(_file), Does.Contain("max_daily_loss_usd: 3000"));
        var (_, riskStatus) = await SendAsync(_client, HttpMethod.Get, "/api/v1/risk/status");
        Assert.That(riskStatus.GetProperty("max_daily_loss").GetDecimal(), Is.EqualTo(-3000m));

        await using var scope = _app.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<RiskDbContext>().ParameterChanges.OrderByDescending(c => c.Id).FirstAsync();
        Assert.That((row.ParameterPath, row.OldValue, row.NewValue, row.Actor),
            Is.EqualTo(("daily_limits.max_daily_loss_usd", 2000m, 3000m, "api:" + CatalystApp.ApiKeyName)));

        var (_, config) = await SendAsync(_client, HttpMethod.Get, "/api/v1/config");
        Assert.That(config.GetProperty("recent_changes")[0].GetProperty("parameter").GetString(), Is.EqualTo("daily_limits.max_daily_loss_usd"));
    }

    [TestCase("{\"parameter_path\":\"daily_limits.max_loss\",\"new_value\":10}", "parameter_path")]
    [TestCase("{\"new_value\":10}", "parameter_path")]
    [TestCase("{\"parameter_path\":\"daily_limits.max_daily_loss_usd\"}", "new_value")]
    [TestCase("{\"parameter_path\":\"daily_limits.max_daily_loss_usd\",\"new_value\":\"lots\"}", "new_value")]
    [TestCase("{\"parameter_path\":\"daily_limits.max_daily_loss_usd\",\"new_value\":-5}", "new_value")]
    [TestCase("{\"parameter_path\":\"position_limits.max_positions\",\"new_value\":5.5}", "new_value")]
    [TestCase("{\"parameter_path\":\"daily_limits.warning_threshold_pct\",\"new_value\":95}", "new_value")]
    [TestCase("{\"parameter_path\":\"correlation.max_correlation\",\"new_value\":1.2}", "new_value")]
    public async Task A_bad_update_is_a_400_naming_the_field_and_changes_nothing(string json, string field)
    {
        var before = Store.Current.Values.ToDictionary();
        var fileBefore = await File.ReadAllTextAsync(_file);
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(new Uri("/api/v1/config/update", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(400), text);
        using var doc = JsonDocument.Parse(text);
        Assert.That(doc.RootElement.GetProperty("error").GetProperty("details").GetProperty("field").GetString(), Is.EqualTo(field));
        Assert.That(Store.Current.Values, Is.EquivalentTo(before));
        Assert.That(await File.ReadAllTextAsync(_file), Is.EqualTo(fileBefore));
    }

    [Test]
    public async Task Capital_and_kelly_are_locked_while_a_cycle_is_active()
    {
        _cycles.Active = true;
        try
        {
            foreach (var path in new[] { "capital", "kelly.fraction", "kelly.min_trades" })
            {
                var (status, body) = await PostAsync(_client, "/api/v1/config/update", new { parameter_path = path, new_value = 0.5 });
                Assert.That(status, Is.EqualTo(403), body.ToString());
                Assert.That(body.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("PARAMETER_LOCKED"));
                Assert.That(body.GetProperty("error").GetProperty("details").GetProperty("parameter").GetString(), Is.EqualTo(path));
            }
            var (other, _) = await PostAsync(_client, "/api/v1/config/update", new { parameter_path = "stops.atr_multiplier", new_value = 2.5 });
            Assert.That(other, Is.EqualTo(200), "other parameters may change during a cycle");
        }
        finally
        {
            _cycles.Active = false;
        }
        var (after, afterBody) = await PostAsync(_client, "/api/v1/config/update", new { parameter_path = "kelly.fraction", new_value = 0.5 });
        Assert.That(after, Is.EqualTo(200), afterBody.ToString());
        Assert.That(Store.Current.KellyFraction, Is.EqualTo(0.5m));
    }

    [Test, Order(10)]
    public async Task An_edited_file_is_reloaded_without_a_restart_and_audited()
    {
        var text = (await File.ReadAllTextAsync(_file)).Replace("max_positions: 5", "max_positions: 7", StringComparison.Ordinal);
        await File.WriteAllTextAsync(_file, text);
        Assert.That(await Eventually(() => Task.FromResult(Store.Current.MaxPositions == 7)), Is.True, "reloaded");

        var (_, limits) = await SendAsync(_client, HttpMethod.Get, "/api/v1/risk/limits");
        Assert.That(limits.GetProperty("positions").GetProperty("limit").GetDecimal(), Is.EqualTo(7m));
        Assert.That(await Eventually(async () =>
        {
            await using var scope = _app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<RiskDbContext>().ParameterChanges
                .AnyAsync(c => c.ParameterPath == "position_limits.max_positions" && c.NewValue == 7m && c.Actor == "file");
        }), Is.True, "the file change is in the audit trail");
    }

    [Test, Order(11)]
    public async Task A_bad_file_keeps_the_last_good_parameters_and_raises_an_alert()
    {
        var good = await File.ReadAllTextAsync(_file);
        await File.WriteAllTextAsync(_file, good.Replace("max_positions: 7", "max_positions: many", StringComparison.Ordinal));
        Assert.That(await Eventually(async () =>
        {
            var (_, alerts) = await SendAsync(_client, HttpMethod.Get, "/api/v1/alerts?status=active");
            return alerts.EnumerateArray().Any(a => a.GetProperty("alert_type").GetString() == "risk_config_invalid");
        }), Is.True, "an alert for the refused file");
        Assert.That(Store.Current.MaxPositions, Is.EqualTo(7), "the last good value stays in force");
        var (_, config) = await SendAsync(_client, HttpMethod.Get, "/api/v1/config");
        Assert.That(Strings(config.GetProperty("file_errors")).Single(), Does.Contain("position_limits.max_positions must be a number"));

        await File.WriteAllTextAsync(_file, good.Replace("max_positions: 7", "max_positions: 6", StringComparison.Ordinal));
        Assert.That(await Eventually(() => Task.FromResult(Store.Current.MaxPositions == 6)), Is.True, "a fixed file applies");
        Assert.That(Store.FileErrors, Is.Empty);
    }
}
