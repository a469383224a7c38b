using System.Globalization;
using System.Text;
using Catalyst.Modules.Risk.Domain;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Catalyst.Modules.Risk.Parameters;

/// <summary>Reads and writes config/risk_parameters.yaml: nested mappings whose leaves are numbers, flattened to dot paths.</summary>
internal static class RiskParametersYaml
{
    public static bool TryParse(string text, out RiskParameters parameters, out IReadOnlyList<(string Path, string Message)> errors)
    {
        var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var problems = new List<(string, string)>();
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                problems.Add(("$", "the file must be a YAML mapping of parameters"));
            }
            else
            {
                Flatten(root, "", values, problems);
            }
        }
        catch (YamlException ex)
        {
            problems.Add(("$", $"not valid YAML (line {ex.Start.Line}, column {ex.Start.Column}): {ex.Message}"));
        }

        if (problems.Count > 0)
        {
            parameters = RiskParameters.Defaults;
            errors = problems;
            return false;
        }
        return RiskParameters.TryCreate(values, out parameters, out errors);
    }

    private static void Flatten(YamlMappingNode node, string prefix, Dictionary<string, decimal> values, List<(string, string)> problems)
    {
        foreach (var (keyNode, valueNode) in node.Children)
        {
            var key = keyNode is YamlScalarNode { Value: { } k } ? k : keyNode.ToString();
            var path = prefix.Length == 0 ? key : prefix + "." + key;
            switch (valueNode)
            {
                case YamlMappingNode child:
                    Flatten(child, path, values, problems);
                    break;
                case YamlScalarNode { Value: { } raw } when decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                    if (!values.TryAdd(path, number)) problems.Add((path, $"{path} appears twice"));
                    break;
                case YamlScalarNode scalar:
                    problems.Add((path, $"{path} must be a number, not '{scalar.Value}'"));
                    break;
                default:
                    problems.Add((path, $"{path} must be a number"));
                    break;
            }
        }
    }

    /// <summary>The whole file, one section per dot-path prefix, each value with its description as a comment.</summary>
    public static string Render(RiskParameters parameters)
    {
        var text = new StringBuilder();
        text.AppendLine("# Catalyst risk parameters. Hot-reloaded: save the file and the Risk module validates and applies it.");
        text.AppendLine("# A file that fails validation is ignored (the last good parameters stay in force) and raises an alert.");
        text.AppendLine("# Changes through POST /api/v1/config/update rewrite this file.");
        text.AppendLine();
        string? section = null;
        foreach (var definition in RiskParameters.Definitions)
        {
            var dot = definition.Path.IndexOf('.', StringComparison.Ordinal);
            var group = dot < 0 ? null : definition.Path[..dot];
            var name = dot < 0 ? definition.Path : definition.Path[(dot + 1)..];
            if (group != section)
            {
                text.AppendLine();
                if (group is not null) text.Append(group).AppendLine(":");
                section = group;
            }
            var indent = group is null ? "" : "  ";
            text.Append(indent).Append("# ").AppendLine(definition.Description);
            text.Append(indent).Append(name).Append(": ").AppendLine(ParameterDefinition.Format(parameters[definition.Path]));
        }
        return text.ToString();
    }
}
