using Npgsql;

namespace Catalyst.Testing;

/// <summary>
/// The throwaway PostgreSQL and Redis that ./test.sh starts, described by environment variables it exports:
/// CATALYST_TEST_PG (an admin connection string to the server), CATALYST_TEST_REDIS (a StackExchange.Redis
/// configuration string) and CATALYST_TEST_TEMPLATE (a database migrated once, cloned per fixture).
/// </summary>
public static class TestEnvironment
{
    public static string PostgresAdmin => Require("CATALYST_TEST_PG");

    public static string Redis => Require("CATALYST_TEST_REDIS");

    public static string TemplateDatabase => Environment.GetEnvironmentVariable("CATALYST_TEST_TEMPLATE") ?? "catalyst_template";

    /// <summary>The repository root (the folder holding Catalyst.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>../shared/reference beside the repository.</summary>
    public static string ReferenceDirectory => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "reference"));

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = database, Pooling = true, MaxPoolSize = 20 }.ConnectionString;

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Run the tests with ./test.sh, which starts PostgreSQL and Redis and sets it " +
                "(or `source /tmp/catalyst-test-env.sh` after ./test.sh --keep-servers).");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Catalyst.sln"))) return dir.FullName;
        throw new InvalidOperationException("Catalyst.sln not found above " + AppContext.BaseDirectory);
    }
}
