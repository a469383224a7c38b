using System.Globalization;
using Catalyst.Modules.Reporting.Contracts;
using Catalyst.Modules.Reporting.Domain;
using Catalyst.SharedKernel.Time;
using ScottPlot;

namespace Catalyst.Modules.Reporting.Features.Reports;

/// <summary>
/// The equity curve as a PNG: equity after each closed trade (US/Eastern time on the x axis), the running peak dashed,
/// the gap between them shaded red (the drawdown), the starting equity as a grey baseline and the headline numbers in
/// the title — readable at a glance on a phone or in an email.
/// </summary>
internal static class EquityChart
{
    private static readonly Color EquityColor = Color.FromHex("#1f77b4");
    private static readonly Color DrawdownColor = Color.FromHex("#d62728");

    public static byte[] Render(ReportData data, PerformanceReportDto report, int width, int height)
    {
        var curve = PerformanceCalculator.EquityCurve(data.CurveStart, data.StartingEquity, data.Trades);
        // The curve is flat after the last trade: carry it to the end of the period (or now) so the span reads true.
        var last = curve[^1];
        var points = curve.ToList();
        if (data.CurveEnd > last.Time) points.Add(last with { Time = data.CurveEnd });

        var xs = points.Select(p => MarketTime.ToEastern(p.Time).DateTime.ToOADate()).ToArray();
        var equity = points.Select(p => (double)p.Equity).ToArray();
        var peak = points.Select(p => (double)p.Peak).ToArray();

        using var plot = new Plot();
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;

        var baseline = plot.Add.HorizontalLine((double)data.StartingEquity);
        baseline.Color = Colors.Gray;
        baseline.LinePattern = LinePattern.Dotted;
        baseline.LineWidth = 1;

        if (data.Trades.Count > 0)
        {
            var shade = plot.Add.FillY(xs, peak, equity);
            shade.FillColor = DrawdownColor.WithAlpha(0.30);
            shade.LineColor = Colors.Transparent;
            shade.LegendText = "Drawdown";

            var peakLine = plot.Add.ScatterLine(xs, peak);
            peakLine.Color = DrawdownColor.WithAlpha(0.6);
            peakLine.LinePattern = LinePattern.Dashed;
            peakLine.LineWidth = 1;
            peakLine.LegendText = "Peak";
        }

        var line = plot.Add.Scatter(xs, equity);
        line.Color = EquityColor;
        line.LineWidth = 2.5f;
        line.MarkerSize = data.Trades.Count <= 60 ? 5 : 0;
        line.LegendText = "Equity";

        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => v.ToString("$#,##0", CultureInfo.InvariantCulture),
        };
        plot.YLabel("Equity (USD)");
        plot.XLabel("US/Eastern");
        plot.Title(Title(report), size: 16);

        // Keep the baseline and a little headroom in view even on a flat day, so "nothing happened" looks flat.
        var low = Math.Min(equity.Min(), (double)data.StartingEquity);
        var high = Math.Max(peak.Max(), (double)data.StartingEquity);
        var pad = Math.Max((high - low) * 0.1, (double)data.StartingEquity * 0.002 + 1);
        plot.Axes.SetLimitsY(low - pad, high + pad);
        plot.Axes.SetLimitsX(xs[0], xs[^1] > xs[0] ? xs[^1] : xs[0] + 1.0 / 1440);

        if (data.Trades.Count == 0)
        {
            var note = plot.Add.Text("No closed trades in this period", (xs[0] + xs[^1]) / 2, (double)data.StartingEquity + pad / 2);
            note.LabelFontSize = 18;
            note.LabelFontColor = Colors.Gray;
            note.LabelAlignment = Alignment.LowerCenter;
        }
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static string Title(PerformanceReportDto r)
    {
        var span = r.DateStart == r.DateEnd
            ? r.DateStart.ToString("ddd MMM d, yyyy", CultureInfo.InvariantCulture)
            : $"{r.DateStart.ToString("MMM d", CultureInfo.InvariantCulture)} – {r.DateEnd.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}";
        var period = r.Period switch
        {
            ReportPeriods.Weekly => "Weekly",
            ReportPeriods.Monthly => "Monthly",
            _ => "Daily",
        };
        return $"{period} equity, {span}:  P&L {SummaryFormat.Usd(r.Pnl, signed: true)} ({SummaryFormat.Pct(r.PnlPct)}),  " +
               $"{r.TradesExecuted} trades,  max DD {SummaryFormat.Usd(r.MaxDrawdown, signed: true)}";
    }
}

internal sealed class RenderEquityCurveHandler(ReportService reports) : Mediator.IRequestHandler<RenderEquityCurve, byte[]>
{
    public async ValueTask<byte[]> Handle(RenderEquityCurve request, CancellationToken cancellationToken)
    {
        var data = await reports.LoadAsync(request.Period, request.Date, cancellationToken);
        return EquityChart.Render(data, data.Compute(), request.Width, request.Height);
    }
}
