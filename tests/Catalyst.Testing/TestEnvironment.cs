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

    /// <summary>
    /// The reference data (indicator values, Alpaca payloads, market data, the sentiment set): CATALYST_REFERENCE_DIR when
    /// set (./test.sh sets it for a clone that does not sit beside shared/), else ../shared/reference beside the repository.
    /// </summary>
    public static string ReferenceDirectory => LazyReferenceDirectory.Value;

    // Lazy: a missing folder fails the tests that read it, with its own message, not every user of this class.
    private static readonly Lazy<string> LazyReferenceDirectory = new(FindReferenceDirectory);

    /// <summary>A path under <see cref="ReferenceDirectory"/>.</summary>
    public static string Reference(params string[] parts) => Path.Combine([ReferenceDirectory, .. parts]);

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = database, Pooling = true, MaxPoolSize = 20 }.ConnectionString;

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Run the tests with ./test.sh, which starts PostgreSQL and Redis and sets it " +
                "(or `source /tmp/catalyst-test-env.sh` after ./test.sh --keep-servers).");

    private static string FindReferenceDirectory()
    {
        var directory = Environment.GetEnvironmentVariable("CATALYST_REFERENCE_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot, "..", "shared", "reference");
        directory = Path.GetFullPath(directory);
        return Directory.Exists(directory)
            ? directory
            : throw new InvalidOperationException(
                $"The reference data is not at {directory}. Clone the repository beside shared/, or set CATALYST_REFERENCE_DIR " +
                "to the shared/reference folder (./test.sh looks beside the clone's origin too).");
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Catalyst.sln"))) return dir.FullName;
        throw new InvalidOperationException("Catalyst.sln not found above " + AppContext.BaseDirectory);
    }
}
