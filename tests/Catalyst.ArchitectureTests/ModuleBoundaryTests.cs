using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Catalyst.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NetArchTest.Rules;

namespace Catalyst.ArchitectureTests;

/// <summary>
/// The modular monolith stays modular: a module reaches another only through its Contracts, keeps its insides internal,
/// and reads time from the injected clock (the simulated day runs on a virtual one).
/// </summary>
public sealed partial class ModuleBoundaryTests
{
    private static readonly string[] Modules =
        ["Orchestration", "Scanner", "Pattern", "Technical", "Risk", "Trading", "Workflow", "News", "Reporting"];

    private static Assembly ModuleAssembly(string module) => Assembly.Load($"Catalyst.Modules.{module}");

    private static IEnumerable<string> ModuleNames() => Modules;

    [TestCaseSource(nameof(ModuleNames))]
    public void A_module_project_references_only_the_shared_kernel_and_contracts(string module)
    {
        // Compile-time references are the sound check: a project that does not reference another module's
        // implementation cannot use its types, and Contracts reference no implementation (next test).
        var references = ProjectReferences(Path.Combine("Modules", module, $"Catalyst.Modules.{module}",
            $"Catalyst.Modules.{module}.csproj"));

        var offending = references.Where(r => r != "Catalyst.SharedKernel" && !r.EndsWith(".Contracts", StringComparison.Ordinal));
        Assert.That(offending, Is.Empty, $"{module} may reference only Catalyst.SharedKernel and *.Contracts projects");
    }

    [TestCaseSource(nameof(ModuleNames))]
    public void A_module_depends_on_no_other_module_implementation(string module)
    {
        var forbidden = Modules.Where(m => m != module).SelectMany(ImplementationNames).ToArray();
        var result = Types.InAssembly(ModuleAssembly(module)).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        Assert.That(result.FailingTypeNames ?? [], Is.Empty,
            $"{module} must reach other modules only through their .Contracts (no handlers, DbContexts or domain types)");
    }

    [TestCaseSource(nameof(ModuleNames))]
    public void A_contracts_project_references_only_the_shared_kernel_and_other_contracts(string module)
    {
        var references = ProjectReferences(Path.Combine("Modules", module, $"Catalyst.Modules.{module}.Contracts",
            $"Catalyst.Modules.{module}.Contracts.csproj"));
        var offending = references.Where(r => r != "Catalyst.SharedKernel" && !r.EndsWith(".Contracts", StringComparison.Ordinal));
        Assert.That(offending, Is.Empty);
    }

    [TestCaseSource(nameof(ModuleNames))]
    public void Handlers_and_db_contexts_are_internal(string module)
    {
        var exposed = ModuleAssembly(module).GetTypes()
            .Where(t => t.IsPublic || t.IsNestedPublic)
            .Where(t => typeof(DbContext).IsAssignableFrom(t) || t.GetInterfaces().Any(IsHandlerInterface))
            .Select(t => t.FullName)
            .ToList();
        Assert.That(exposed, Is.Empty, "handlers and DbContexts are a module's insides");
    }

    [Test]
    public void The_shared_kernel_knows_no_module()
    {
        var result = Types.InAssembly(typeof(Catalyst.SharedKernel.Domain.Symbol).Assembly)
            .ShouldNot().HaveDependencyOnAny("Catalyst.Modules", "Catalyst.Host", "Catalyst.Simulation", "Catalyst.Alpaca")
            .GetResult();
        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }

    [Test]
    public void Production_code_reads_time_only_from_the_injected_clock()
    {
        var roots = new[] { "Modules", "Catalyst.Host" }.Select(d => Path.Combine(TestEnvironment.RepositoryRoot, d));
        var offenders = roots
            .SelectMany(r => Directory.EnumerateFiles(r, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => WallClock().IsMatch(x.line) && !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Select(x => $"{Path.GetRelativePath(TestEnvironment.RepositoryRoot, x.f)}:{x.i + 1}")
            .ToList();
        Assert.That(offenders, Is.Empty, "use the injected TimeProvider, never the wall clock");
    }

    private static bool IsHandlerInterface(Type i) =>
        i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)
                            || i.GetGenericTypeDefinition() == typeof(INotificationHandler<>));

    /// <summary>
    /// What NetArchTest must not see referenced: every namespace of a module's implementation, and the full names of the
    /// types in its root namespace (a root-namespace prefix would also match the module's own Contracts namespace).
    /// </summary>
    private static IEnumerable<string> ImplementationNames(string module)
    {
        var root = $"Catalyst.Modules.{module}";
        return ModuleAssembly(module).GetTypes()
            // Only the module's own namespaces: source generators (e.g. [GeneratedRegex]) put shared helper types in
            // System.* namespaces of every assembly that uses them, which says nothing about module boundaries.
            .Where(t => t.Namespace is not null && !t.Name.StartsWith('<')
                        && (t.Namespace == root || t.Namespace.StartsWith(root + ".", StringComparison.Ordinal)))
            .Select(t => t.Namespace == root ? t.FullName! : t.Namespace!)
            .Distinct();
    }

    private static List<string> ProjectReferences(string relativeCsproj) =>
        XDocument.Load(Path.Combine(TestEnvironment.RepositoryRoot, relativeCsproj)).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();

    [GeneratedRegex(@"\bDate(Time|TimeOffset)\.(Now|UtcNow|Today)\b")]
    private static partial Regex WallClock();
}
