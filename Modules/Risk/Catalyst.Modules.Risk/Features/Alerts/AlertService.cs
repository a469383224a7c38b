using System.Text.Json;
using Catalyst.Modules.Risk.Contracts;
using Catalyst.Modules.Risk.Persistence;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Messaging;
using Catalyst.SharedKernel.Serialization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalyst.Modules.Risk.Features.Alerts;

/// <summary>What to raise; <see cref="DedupeKey"/> makes it at most once (e.g. "daily_loss:2026-03-02:warning").</summary>
internal sealed record NewAlert(string Severity, string AlertType, string Message, IReadOnlyDictionary<string, object?>? Details = null,
    Guid? ActionId = null, string? DedupeKey = null, bool ActionRequired = false, string? SuggestedAction = null);

/// <summary>Stores alerts in risk.alerts and announces each new or changed one (AlertRaised, in-process and on Redis).</summary>
internal sealed class AlertService(IDbContextFactory<RiskDbContext> contexts, EventPublisher events, TimeProvider clock,
    ILogger<AlertService> logger)
{
    public static readonly string[] Severities = ["critical", "warning", "info"];

    /// <summary>Raises the alert; with a dedupe key already used, returns the existing alert and announces nothing.</summary>
    public async Task<AlertDto> RaiseAsync(NewAlert alert, CancellationToken ct)
    {
        var details = new Dictionary<string, object?>(alert.Details ?? new Dictionary<string, object?>());
        if (alert.ActionRequired) details["action_required"] = true;
        if (alert.SuggestedAction is not null) details["suggested_action"] = alert.SuggestedAction;
        var row = new AlertRow
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            Severity = alert.Severity,
            AlertType = alert.AlertType,
            Message = alert.Message,
            Details = JsonSerializer.Serialize(details, WireJson.Options),
            ActionId = alert.ActionId,
            DedupeKey = alert.DedupeKey,
            CreatedAt = clock.GetUtcNow(),
        };
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            db.Alerts.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (alert.DedupeKey is not null &&
                                               ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.ChangeTracker.Clear();
                var existing = await db.Alerts.AsNoTracking().SingleAsync(a => a.DedupeKey == alert.DedupeKey, ct);
                return ToDto(existing);
            }
        }
        var dto = ToDto(row);
        logger.Log(alert.Severity == "critical" ? LogLevel.Error : LogLevel.Warning, "Alert {Severity} {Type}: {Message}",
            alert.Severity, alert.AlertType, alert.Message);
        await PublishAsync(dto, ct);
        return dto;
    }

    public async Task<bool> ExistsAsync(string dedupeKey, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Alerts.AnyAsync(a => a.DedupeKey == dedupeKey, ct);
    }

    public async Task<AlertDto> AcknowledgeAsync(Guid alertId, string actor, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Alerts.SingleOrDefaultAsync(a => a.Id == alertId, ct)
                  ?? throw new NotFoundException($"No alert {alertId}.", new Dictionary<string, object?> { ["alert_id"] = alertId });
        if (row.AcknowledgedAt is not null) return ToDto(row);
        row.AcknowledgedAt = clock.GetUtcNow();
        row.AcknowledgedBy = actor;
        await db.SaveChangesAsync(ct);
        var dto = ToDto(row);
        await PublishAsync(dto, ct);
        return dto;
    }

    public async Task<IReadOnlyList<AlertDto>> ListAsync(bool activeOnly, int limit, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Alerts.AsNoTracking();
        if (activeOnly) query = query.Where(a => a.AcknowledgedAt == null);
        var rows = await query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(limit).ToListAsync(ct);
        return rows.Select(ToDto).ToList();
    }

    private async Task PublishAsync(AlertDto dto, CancellationToken ct)
    {
        try
        {
            await events.PublishAsync(new AlertRaised(dto), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The alert is stored and listed; a subscriber failing must not undo it.
            logger.LogWarning(ex, "Announcing alert {AlertId} failed", dto.AlertId);
        }
    }

    internal static AlertDto ToDto(AlertRow row)
    {
        var details = JsonSerializer.Deserialize<Dictionary<string, object?>>(row.Details, WireJson.Options) ?? [];
        var actionRequired = details.Remove("action_required", out var required) && required is JsonElement { ValueKind: JsonValueKind.True };
        var suggested = details.Remove("suggested_action", out var s) && s is JsonElement { ValueKind: JsonValueKind.String } e ? e.GetString() : null;
        return new AlertDto(row.Id, row.Severity, row.AlertType, row.Message, row.CreatedAt, row.AcknowledgedAt is not null,
            row.ActionId, details, actionRequired, suggested, row.AcknowledgedAt, row.AcknowledgedBy);
    }
}

internal sealed class RaiseAlertHandler(AlertService alerts) : IRequestHandler<RaiseAlert, Guid>
{
    public async ValueTask<Guid> Handle(RaiseAlert request, CancellationToken cancellationToken)
    {
        var severity = request.Severity?.Trim().ToLowerInvariant();
        if (severity is null || !AlertService.Severities.Contains(severity))
            throw new ValidationException("severity", "severity must be critical, warning or info");
        if (string.IsNullOrWhiteSpace(request.AlertType)) throw new ValidationException("alert_type", "alert_type is required");
        if (string.IsNullOrWhiteSpace(request.Message)) throw new ValidationException("message", "message is required");
        var alert = await alerts.RaiseAsync(new NewAlert(severity, request.AlertType.Trim(), request.Message, request.Details),
            cancellationToken);
        return alert.AlertId;
    }
}

internal sealed class GetAlertsHandler(AlertService alerts) : IRequestHandler<GetAlerts, IReadOnlyList<AlertDto>>
{
    public async ValueTask<IReadOnlyList<AlertDto>> Handle(GetAlerts request, CancellationToken cancellationToken)
    {
        var status = request.Status?.Trim().ToLowerInvariant();
        if (status is not ("active" or "all")) throw new ValidationException("status", "status must be active or all");
        return await alerts.ListAsync(status == "active", 200, cancellationToken);
    }
}

internal sealed class AcknowledgeAlertHandler(AlertService alerts) : IRequestHandler<AcknowledgeAlert, AlertDto>
{
    public async ValueTask<AlertDto> Handle(AcknowledgeAlert request, CancellationToken cancellationToken) =>
        await alerts.AcknowledgeAsync(request.AlertId, request.Actor, cancellationToken);
}
