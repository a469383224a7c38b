using Catalyst.Modules.Technical.Contracts;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Workflow.Contracts;
using Catalyst.Modules.Workflow.Domain;
using Catalyst.Modules.Workflow.Persistence;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.Workflow.Features.Monitoring;

/// <summary>§3.4 positions/{position_id}/status: Trading's position, the live price, Technical's support and ATR.</summary>
internal sealed class GetPositionMonitorHandler(ISender sender, IMarketDataPort market, WorkflowDbContext db,
    ILogger<GetPositionMonitorHandler> logger) : IRequestHandler<GetPositionMonitor, PositionMonitorDto>
{
    public async ValueTask<PositionMonitorDto> Handle(GetPositionMonitor request, CancellationToken cancellationToken)
    {
        var position = await sender.Send(new GetPosition(request.PositionId), cancellationToken);
        var symbol = Symbol.Parse(position.Symbol);
        decimal? price = position.CurrentPrice;
        decimal? support = null, atr = null;
        if (string.Equals(position.Status, "open", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var snapshots = await market.GetSnapshotsAsync([symbol], cancellationToken);
                if (snapshots.TryGetValue(symbol, out var snapshot) && snapshot.Price is { } live) price = live;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Position monitor {Symbol}: live price unavailable ({Reason}); using Trading's mark", symbol, ex.Message);
            }
            try
            {
                var indicators = await sender.Send(new GetLatestIndicators(symbol, "1Min"), cancellationToken);
                support = indicators.Support;
                atr = indicators.Atr14;
            }
            catch (Exception ex) when (ex is CatalystException or InvalidOperationException)
            {
                logger.LogInformation("Position monitor {Symbol}: no technical levels ({Reason})", symbol, ex.Message);
            }
        }
        var exitReason = await db.Decisions.AsNoTracking()
            .Where(d => d.PositionId == request.PositionId && d.DecisionType == DecisionTypes.Exit)
            .OrderByDescending(d => d.Id).Select(d => d.Reason).FirstOrDefaultAsync(cancellationToken);
        return PositionAssessment.Assess(position, price, support, atr, exitReason?.Split(':')[0]);
    }
}
