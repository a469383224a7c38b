using Catalyst.Modules.Risk.Contracts;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalyst.Modules.Reporting.Features.Reports;

/// <summary>
/// The equity a report period starts from: Risk's capital (the risk parameters are the single source of it), else the
/// configured Catalyst:Reporting:StartingEquity — a report must still be served while Risk is down or being built.
/// </summary>
internal interface IStartingEquity
{
    Task<decimal> GetAsync(CancellationToken ct);
}

internal sealed class RiskStartingEquity(ISender sender, IOptions<ReportingOptions> options, ILogger<RiskStartingEquity> logger)
    : IStartingEquity
{
    public async Task<decimal> GetAsync(CancellationToken ct)
    {
        try
        {
            var parameters = await sender.Send(new GetRiskParameters(), ct);
            if (parameters.Capital > 0m) return parameters.Capital;
            logger.LogWarning("Risk reports a capital of {Capital}; using the configured starting equity {Fallback}",
                parameters.Capital, options.Value.StartingEquity);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Risk parameters unavailable ({Reason}); using the configured starting equity {Fallback}",
                ex.Message, options.Value.StartingEquity);
        }
        return options.Value.StartingEquity;
    }
}
