using Catalyst.Modules.Risk.Contracts;
using Catalyst.SharedKernel.Domain;

namespace Catalyst.Modules.Risk.Features.ValidateTrade;

/// <summary>Keeps every validation decision (approved or not) for the audit trail and later analysis.</summary>
internal interface IDecisionRecorder
{
    Task RecordAsync(Contracts.ValidateTrade request, Symbol symbol, decimal? price, RiskDecision decision, CancellationToken ct);
}

/// <summary>Writes each decision to risk.validation_decisions. A decision that cannot be recorded fails the request.</summary>
internal sealed class DecisionRecorder(
    Microsoft.EntityFrameworkCore.IDbContextFactory<Persistence.RiskDbContext> contexts,
    SharedKernel.Securities.ISecurityRegistry securities,
    TimeProvider clock) : IDecisionRecorder
{
    public async Task RecordAsync(Contracts.ValidateTrade request, Symbol symbol, decimal? price, RiskDecision decision,
        CancellationToken ct)
    {
        var securityId = await securities.GetOrCreateIdAsync(symbol, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Decisions.Add(new Persistence.ValidationDecisionRow
        {
            SecurityId = securityId,
            Side = request.Side == SharedKernel.Ports.OrderSide.Buy ? "buy" : "sell",
            Quantity = request.Quantity,
            Price = price,
            StopLoss = decision.StopLoss ?? request.StopLoss,
            TakeProfit = decision.TakeProfit ?? request.TakeProfit,
            IsExit = request.IsExit,
            Preview = request.Preview,
            Approved = decision.Approved,
            CheckFailed = decision.Details is { } d && d.TryGetValue("check_failed", out var check) ? check as string : null,
            Reason = decision.Reason,
            PositionSize = decision.PositionSize,
            RiskAmount = decision.RiskAmount,
            Details = System.Text.Json.JsonSerializer.Serialize(decision.Details ?? new Dictionary<string, object?>(),
                SharedKernel.Serialization.WireJson.Options),
            DecidedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
    }
}
