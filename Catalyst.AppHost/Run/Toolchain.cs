namespace Catalyst.AppHost.Run;

/// <summary>The local binaries a run needs, found once up front so a missing one fails before anything starts.</summary>
internal sealed record Toolchain(string PostgresBin, string RedisServer, bool RunPostgresAsPostgresUser)
{
    public string InitDb => Path.Combine(PostgresBin, "initdb");
    public string PgCtl => Path.Combine(PostgresBin, "pg_ctl");
    public string Postgres => Path.Combine(PostgresBin, "postgres");

    public static Toolchain Discover()
    {
        var pgBin = FindPostgresBin()
            ?? throw new MissingToolException(
                "PostgreSQL 15 not found: sudo apt-get install -y postgresql (or set CATALYST_PG_BIN to the folder holding initdb, pg_ctl and postgres)");
        var redis = FindOnPath("redis-server")
            ?? throw new MissingToolException("Redis not found: sudo apt-get install -y redis-server");
        // PostgreSQL refuses to run as root, so as root it runs as the postgres account the Debian package creates.
        var asPostgres = IsRoot();
        if (asPostgres && FindOnPath("runuser") is null)
            throw new MissingToolException("runuser not found (needed to start PostgreSQL as the postgres user when running as root): sudo apt-get install -y util-linux");
        return new Toolchain(pgBin, redis, asPostgres);
    }

    public static bool IsRoot() => Environment.UserName == "root";

    /// <summary>The command line for a PostgreSQL binary: through <c>runuser -u postgres</c> when we are root.</summary>
    public (string File, List<string> Arguments) PostgresCommand(string binary, params string[] arguments) =>
        RunPostgresAsPostgresUser
            ? ("runuser", ["-u", "postgres", "--", binary, .. arguments])
            : (binary, [.. arguments]);

    private static string? FindPostgresBin()
    {
        var configured = Environment.GetEnvironmentVariable("CATALYST_PG_BIN");
        if (!string.IsNullOrWhiteSpace(configured))
            return File.Exists(Path.Combine(configured, "pg_ctl")) ? configured : null;
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            // Prefer 15 (what production runs), else the newest installed major version.
            var candidates = Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(c => File.Exists(Path.Combine(c.Dir, "pg_ctl")) && File.Exists(Path.Combine(c.Dir, "initdb")))
                .OrderByDescending(c => c.Version == 15)
                .ThenByDescending(c => c.Version)
                .ToList();
            if (candidates.Count > 0) return candidates[0].Dir;
        }
        var pgCtl = FindOnPath("pg_ctl");
        return pgCtl is not null && File.Exists(Path.Combine(Path.GetDirectoryName(pgCtl)!, "initdb"))
            ? Path.GetDirectoryName(pgCtl)
            : null;
    }

    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/sbin").Append("/sbin"))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The dotnet that launched us (set by <c>dotnet run</c>), else the one on PATH.</summary>
    public static string Dotnet() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : FindOnPath("dotnet") ?? "dotnet";
}
