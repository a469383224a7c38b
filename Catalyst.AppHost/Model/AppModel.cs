namespace Catalyst.AppHost.Model;

/// <summary>
/// Every resource Catalyst needs, declared once. The <c>run</c> verb turns it into local processes and the
/// <c>publish</c> verb into a compose manifest, so a port, image or dependency changed here changes both.
/// </summary>
internal sealed record AppModel(
    PostgresResource Database,
    RedisResource Cache,
    ProjectResource Migrator,
    ProjectResource Host,
    ProxyResource Proxy,
    DashboardResource Dashboard,
    string Network)
{
    public static AppModel Catalyst { get; } = new(
        Database: new PostgresResource(
            Name: "catalystdb",
            ServiceName: "postgres",
            Image: "postgres:15",
            DatabaseName: "catalyst",
            ContainerUser: "catalyst",
            ContainerPort: 5432,
            PreferredLocalPort: 55432,
            Volume: "catalyst-pgdata"),
        Cache: new RedisResource(
            Name: "cache",
            ServiceName: "redis",
            Image: "redis:7",
            ContainerPort: 6379,
            PreferredLocalPort: 56379),
        Migrator: new ProjectResource(
            Name: "migrator",
            ProjectPath: "migrations/Catalyst.Migrator/Catalyst.Migrator.csproj",
            AssemblyName: "Catalyst.Migrator",
            Image: "catalyst-migrator",
            DockerTarget: "migrator",
            OtelServiceName: "catalyst-migrator",
            ContainerPort: null,
            PreferredLocalPort: null),
        Host: new ProjectResource(
            Name: "host",
            ProjectPath: "Catalyst.Host/Catalyst.Host.csproj",
            AssemblyName: "Catalyst.Host",
            Image: "catalyst-host",
            DockerTarget: "host",
            OtelServiceName: "catalyst-host",
            ContainerPort: 8080,
            PreferredLocalPort: 5080),
        Proxy: new ProxyResource(
            Name: "nginx",
            Image: "nginx:1.27-alpine",
            HttpPort: 80,
            HttpsPort: 443,
            ConfigPath: "nginx/catalyst.conf",
            // The official image runs envsubst on templates/*.template, which fills in ${DOMAIN}.
            ConfigMount: "/etc/nginx/templates/default.conf.template",
            MaxBodySize: "1m",
            StreamTimeoutSeconds: 3600),
        Dashboard: new DashboardResource(
            Name: "dashboard",
            Image: "mcr.microsoft.com/dotnet/aspire-dashboard:9.5",
            UiPort: 18888,
            OtlpGrpcPort: 18889),
        Network: "catalyst");

    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";
    public const string McpPath = "/mcp";

    /// <summary>Prefixes of the settings the Host reads that a developer may set in their shell.</summary>
    public static IReadOnlyList<string> PassThroughPrefixes { get; } = ["Catalyst__", "Alpaca__", "OTEL_"];
}

internal sealed record PostgresResource(
    string Name,
    string ServiceName,
    string Image,
    string DatabaseName,
    string ContainerUser,
    int ContainerPort,
    int PreferredLocalPort,
    string Volume)
{
    public string ConnectionStringKey => $"ConnectionStrings__{Name}";

    /// <summary>Local run: trust authentication on loopback, so no password to manage.</summary>
    public string LocalConnectionString(int port) =>
        $"Host=127.0.0.1;Port={port};Database={DatabaseName};Username=postgres";

    /// <summary>Compose: the password stays a ${…} reference that compose fills in from .env.</summary>
    public string ComposeConnectionString(string passwordVariable) =>
        $"Host={ServiceName};Port={ContainerPort};Database={DatabaseName};Username={ContainerUser};Password=${{{passwordVariable}}}";
}

internal sealed record RedisResource(string Name, string ServiceName, string Image, int ContainerPort, int PreferredLocalPort)
{
    public string ConnectionStringKey => $"ConnectionStrings__{Name}";

    public static string LocalConnectionString(int port) => $"127.0.0.1:{port}";

    public string ComposeConnectionString(string passwordVariable) =>
        $"{ServiceName}:{ContainerPort},password=${{{passwordVariable}}}";
}

internal sealed record ProjectResource(
    string Name,
    string ProjectPath,
    string AssemblyName,
    string Image,
    string DockerTarget,
    string OtelServiceName,
    int? ContainerPort,
    int? PreferredLocalPort)
{
    public string ProjectDirectory(string repoRoot) => Path.GetDirectoryName(Path.Combine(repoRoot, ProjectPath))!;

    /// <summary>Where <c>dotnet build</c> (Debug) puts the assembly; run as <c>dotnet &lt;dll&gt;</c>.</summary>
    public string BuiltAssembly(string repoRoot) =>
        Path.Combine(ProjectDirectory(repoRoot), "bin", "Debug", "net10.0", AssemblyName + ".dll");
}

internal sealed record ProxyResource(
    string Name,
    string Image,
    int HttpPort,
    int HttpsPort,
    string ConfigPath,
    string ConfigMount,
    string MaxBodySize,
    int StreamTimeoutSeconds);

internal sealed record DashboardResource(string Name, string Image, int UiPort, int OtlpGrpcPort);
