using Catalyst.Testing;

namespace Catalyst.Alpaca.Tests.Support;

/// <summary>The Alpaca fixtures in shared/reference/alpaca (the repository is cloned next to shared/).</summary>
internal static class Reference
{
    public static string Example(string name) => File.ReadAllText(TestEnvironment.Reference("alpaca", "examples", name));

    public static string Spec(string name) => File.ReadAllText(TestEnvironment.Reference("alpaca", name));
}
