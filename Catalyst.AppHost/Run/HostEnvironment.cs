using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using Catalyst.AppHost.Model;

namespace Catalyst.AppHost.Run;

/// <summary>What the migrator and the Host are given in a local run.</summary>
internal static class HostEnvironment
{
    public const string ApiKeyVariable = "CATALYST_API_KEY";
    public const string ApiKeyName = "local";
    public const string ApiKeyFile = "api-key";

    public static Dictionary<string, string?> ForMigrator(AppModel model, LocalInfrastructure infrastructure,
        IDictionary inherited) =>
        new(PassThrough(inherited), StringComparer.Ordinal)
        {
            [model.Database.ConnectionStringKey] = infrastructure.PostgresConnectionString,
            ["OTEL_SERVICE_NAME"] = model.Migrator.OtelServiceName,
            ["DOTNET_ENVIRONMENT"] = "Development",
        };

    public const string RiskParametersVariable = "Catalyst__Risk__ParametersFile";

    /// <param name="repoRoot">The checkout: the Host trades with its <c>config/risk_parameters.yaml</c> unless
    /// <c>Catalyst__Risk__ParametersFile</c> says otherwise (the Host's own default would be under its project folder).</param>
    public static Dictionary<string, string?> ForHost(AppModel model, string postgres, string redis, int port,
        string apiKey, IDictionary inherited, string repoRoot)
    {
        var environment = new Dictionary<string, string?>(PassThrough(inherited), StringComparer.Ordinal)
        {
            [model.Database.ConnectionStringKey] = postgres,
            [model.Cache.ConnectionStringKey] = redis,
            ["ASPNETCORE_URLS"] = BaseUrl(port),
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["OTEL_SERVICE_NAME"] = model.Host.OtelServiceName,
            ["Catalyst__ApiKeys__" + ApiKeyName] = apiKey,
        };
        environment.TryAdd(RiskParametersVariable, Path.Combine(repoRoot, "config", "risk_parameters.yaml"));
        // No OTLP endpoint by default: with no collector running locally it would only log export errors.
        return environment;
    }

    /// <summary>Every <c>Catalyst__*</c>, <c>Alpaca__*</c> and <c>OTEL_*</c> variable the AppHost was given.</summary>
    public static Dictionary<string, string?> PassThrough(IDictionary inherited)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in inherited)
        {
            var key = (string)entry.Key;
            if (AppModel.PassThroughPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)))
                result[key] = entry.Value as string;
        }
        return result;
    }

    public static string BaseUrl(int port) => "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);

    public static string Mode(IDictionary inherited) =>
        inherited["Catalyst__Mode"] is string { Length: > 0 } mode ? mode : "Simulation";

    /// <summary>
    /// <c>CATALYST_API_KEY</c> when set; else the key stored in the data directory; else a new one, stored so the
    /// URL and key a developer pasted into a client keep working across runs.
    /// </summary>
    public static string ApiKey(string dataDirectory, IDictionary inherited)
    {
        if (inherited[ApiKeyVariable] is string { Length: > 0 } given) return given;
        var path = Path.Combine(dataDirectory, ApiKeyFile);
        if (File.Exists(path))
        {
            var stored = File.ReadAllText(path).Trim();
            if (stored.Length > 0) return stored;
        }
        var key = "cat_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        Directory.CreateDirectory(dataDirectory);
        File.WriteAllText(path, key + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }
}
