using System.Globalization;

namespace Catalyst.AppHost;

/// <summary>Two verbs and four options: parsed by hand, which is shorter than wiring a parser library.</summary>
internal sealed record CommandLine(string Verb, int? Port, string? DataDirectory, bool NoBuild, string? Output, bool Help, string? Error)
{
    public const string Usage = """
        usage:
          dotnet run --project Catalyst.AppHost [-- run] [--port N] [--data-dir DIR] [--no-build]
              start PostgreSQL, Redis, the migrator and the Host locally (data under .catalyst/)
          dotnet run --project Catalyst.AppHost -- publish [--output DIR]
              write the compose manifest, nginx config and .env.example (default DIR: infra/)
        """;

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var verb = "run";
        int? port = null;
        string? dataDir = null, output = null;
        var noBuild = false;
        var start = 0;
        if (args.Count > 0 && !args[0].StartsWith('-'))
        {
            verb = args[0];
            start = 1;
            if (verb is not ("run" or "publish"))
                return Failed($"unknown verb '{verb}'");
        }

        for (var i = start; i < args.Count; i++)
        {
            var (name, inline) = Split(args[i]);
            string? Value() => inline ?? (i + 1 < args.Count ? args[++i] : null);
            switch (name)
            {
                case "-h" or "--help" or "-?":
                    return new CommandLine(verb, null, null, false, null, true, null);
                case "--port" when verb == "run":
                    var text = Value();
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
                        return Failed($"--port needs a number from 1 to 65535, not '{text}'");
                    port = p;
                    break;
                case "--data-dir" when verb == "run":
                    dataDir = Value() ?? "";
                    if (dataDir.Length == 0) return Failed("--data-dir needs a folder");
                    break;
                case "--no-build" when verb == "run":
                    noBuild = true;
                    break;
                case "--output" or "-o" when verb == "publish":
                    output = Value() ?? "";
                    if (output.Length == 0) return Failed("--output needs a folder");
                    break;
                default:
                    return Failed($"unknown option '{args[i]}' for '{verb}'");
            }
        }
        return new CommandLine(verb, port, dataDir, noBuild, output, false, null);
    }

    private static (string Name, string? Inline) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    private static CommandLine Failed(string error) => new("run", null, null, false, null, false, error);
}

internal static class RepoRoot
{
    /// <summary>The folder holding Catalyst.sln, looked for from the working directory, then from the binary.</summary>
    public static string? Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Catalyst.sln"))) return dir.FullName;
            }
        }
        return null;
    }
}
