namespace Catalyst.Alpaca.Tests.Support;

/// <summary>The Alpaca fixtures in shared/reference/alpaca (the repository is cloned next to shared/).</summary>
internal static class Reference
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Catalyst.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Catalyst.sln not found above the test directory.");
        return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "reference", "alpaca"));
    });

    public static string Example(string name) => File.ReadAllText(Path.Combine(Root.Value, "examples", name));

    public static string Spec(string name) => File.ReadAllText(Path.Combine(Root.Value, name));
}
