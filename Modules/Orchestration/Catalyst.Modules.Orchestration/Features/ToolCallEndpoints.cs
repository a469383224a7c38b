using Catalyst.Modules.Orchestration.Mcp;
using Catalyst.Modules.Orchestration.Persistence;
using Catalyst.SharedKernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Modules.Orchestration.Features;

/// <summary><c>GET /api/v1/mcp/tool-calls</c>: the audit trail of MCP tool calls, newest first, for operators.</summary>
internal static class ToolCallEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/mcp/tool-calls", async (string? tool, string? outcome, int? limit,
                IDbContextFactory<OrchestrationDbContext> contexts, ToolCallRecorder recorder, CancellationToken ct) =>
            {
                var take = limit ?? 50;
                if (take is < 1 or > 1000) throw new ValidationException("limit", "limit must be between 1 and 1000.");
                // The rows are written in the background: the calls that have ended are in the log before it is read.
                await recorder.FlushAsync(ToolCallRecorder.ReadWait, ct);
                await using var db = await contexts.CreateDbContextAsync(ct);
                var query = db.ToolCalls.AsNoTracking();
                if (!string.IsNullOrWhiteSpace(tool)) query = query.Where(c => c.Tool == tool);
                if (!string.IsNullOrWhiteSpace(outcome)) query = query.Where(c => c.Outcome == outcome);
                var rows = await query.OrderByDescending(c => c.CalledAt).Take(take).ToListAsync(ct);
                return TypedResults.Ok(new
                {
                    Count = rows.Count,
                    ToolCalls = rows.Select(c => new
                    {
                        c.Id,
                        c.CalledAt,
                        c.Tool,
                        Arguments = System.Text.Json.JsonDocument.Parse(c.Arguments).RootElement,
                        c.Outcome,
                        c.ErrorCode,
                        c.ErrorKind,
                        c.ErrorMessage,
                        c.DurationMs,
                        c.Caller,
                        c.Transport,
                        c.SessionId,
                        c.RequestId,
                        c.TraceId,
                    }),
                });
            })
            .WithTags("MCP")
            .WithName("GetMcpToolCalls")
            .WithSummary("The MCP tool-call log (tool, redacted arguments, outcome, duration, caller key name), newest first.");
    }
}
