using System.Text;
using Catalyst.AppHost.Model;

namespace Catalyst.AppHost.Run;

internal static class Banner
{
    public static string Render(string baseUrl, string apiKey, string mode, LocalInfrastructure infrastructure, bool healthy)
    {
        var text = new StringBuilder();
        var rule = new string('=', 78);
        text.AppendLine(rule);
        text.AppendLine(healthy
            ? "  Catalyst is running"
            : $"  Catalyst started, but {AppModel.HealthPath} is not healthy yet (see [host] above)");
        text.AppendLine(rule);
        text.AppendLine($"  Mode        {mode}");
        text.AppendLine($"  REST        {baseUrl}/api/v1/");
        text.AppendLine($"  MCP         {baseUrl}{AppModel.McpPath}   (Streamable HTTP, header X-API-Key)");
        text.AppendLine($"  OpenAPI     {baseUrl}/openapi/v1.json");
        text.AppendLine($"  Scalar UI   {baseUrl}/scalar");
        text.AppendLine($"  Health      {baseUrl}{AppModel.HealthPath}   liveness {baseUrl}{AppModel.AlivePath}");
        text.AppendLine($"  API key     {apiKey}   ({HostEnvironment.ApiKeyVariable} overrides; stored in {Path.Combine(infrastructure.DataDirectory, HostEnvironment.ApiKeyFile)})");
        text.AppendLine($"  PostgreSQL  {infrastructure.PostgresConnectionString}");
        text.AppendLine($"  Redis       {infrastructure.RedisConnectionString}");
        text.AppendLine();
        text.AppendLine($"  curl -H 'X-API-Key: {apiKey}' {baseUrl}/api/v1/system/modules");
        text.AppendLine($"  npx mcp-remote {baseUrl}{AppModel.McpPath} --allow-http --transport http-only --header 'X-API-Key: {apiKey}'");
        text.AppendLine();
        text.AppendLine("  Ctrl+C stops the host, Redis and PostgreSQL.");
        text.Append(rule);
        return text.ToString();
    }
}
