using Catalyst.Testing;

namespace Catalyst.Simulation.Tests;

internal static class TestPaths
{
    public static string LeanMinute => TestEnvironment.Reference("marketdata", "lean_minute");
}
