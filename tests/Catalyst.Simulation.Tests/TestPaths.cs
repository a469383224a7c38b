namespace Catalyst.Simulation.Tests;

internal static class TestPaths
{
    /// <summary>../shared/reference/… next to the repository (found by walking up to Catalyst.sln).</summary>
    public static string Reference(params string[] parts)
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Catalyst.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Catalyst.sln not found above the test directory.");
        return Path.Combine([dir.FullName, "..", "shared", "reference", .. parts]);
    }

    public static string LeanMinute => Reference("marketdata", "lean_minute");
}
