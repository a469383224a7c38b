using System.Globalization;
using Catalyst.Modules.Reporting.Contracts;
using Catalyst.Modules.Reporting.Domain;
using Catalyst.SharedKernel.Time;
using ScottPlot;

namespace Catalyst.Modules.Reporting.Features.Reports;

/// <summary>
/// The equity curve as a PNG: equity stepping at each closed trade, the running peak dashed, the gap between them shaded
/// red (the drawdown), the starting equity as a grey baseline and the headline numbers in the title — readable at a
/// glance on a phone or in an email. A daily chart runs on US/Eastern clock time; a weekly or monthly one places the
/// trading sessions side by side (nights, weekends and holidays take no room), one labelled slot per session.
/// </summary>
internal static class EquityChart
{
    private static readonly Color EquityColor = Color.FromHex("#1f77b4");
    private static readonly Color DrawdownColor = Color.FromHex("#d62728");

    public static byte[] Render(ReportData data, PerformanceReportDto report, int width, int height)
    {
        var axis = TimeAxis.For(data);
        var steps = Steps(data);
        var xs = steps.Select(p => axis.X(p.Time)).ToArray();
        var equity = steps.Select(p => (double)p.Equity).ToArray();
        var peak = steps.Select(p => (double)p.Peak).ToArray();

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

        var line = plot.Add.ScatterLine(xs, equity);
        line.Color = EquityColor;
        line.LineWidth = 2.5f;
        line.LegendText = "Equity";
        if (data.Trades.Count is > 0 and <= 60)
        {
            // A dot where each trade closed (the top of each step).
            var closes = Enumerable.Range(0, data.Trades.Count).Select(i => 2 + 2 * i).ToArray();
            var dots = plot.Add.ScatterPoints(closes.Select(i => xs[i]).ToArray(), closes.Select(i => equity[i]).ToArray());
            dots.Color = EquityColor;
            dots.MarkerSize = 6;
        }

        axis.Apply(plot);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => v.ToString("$#,##0", CultureInfo.InvariantCulture),
        };
        plot.YLabel("Equity (USD)");
        plot.Title(Title(report), size: 16);

        // Keep the baseline and a little headroom in view even on a flat day, so "nothing happened" looks flat.
        var low = Math.Min(equity.Min(), (double)data.StartingEquity);
        var high = Math.Max(peak.Max(), (double)data.StartingEquity);
        var pad = Math.Max((high - low) * 0.1, (double)data.StartingEquity * 0.002 + 1);
        plot.Axes.SetLimitsY(low - pad, high + pad);
        plot.Axes.SetLimitsX(axis.Min, axis.Max);

        if (data.Trades.Count == 0)
        {
            var note = plot.Add.Text("No closed trades in this period", (axis.Min + axis.Max) / 2, (double)data.StartingEquity + pad / 2);
            note.LabelFontSize = 18;
            note.LabelFontColor = Colors.Gray;
            note.LabelAlignment = Alignment.LowerCenter;
        }
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>
    /// Equity is constant between exits, so each trade is a vertical step: (exit, equity before), (exit, equity after).
    /// The curve starts at the period's start and is carried flat to its end (or now).
    /// </summary>
    private static List<EquityPoint> Steps(ReportData data)
    {
        var curve = PerformanceCalculator.EquityCurve(data.CurveStart, data.StartingEquity, data.Trades);
        var steps = new List<EquityPoint> { curve[0] };
        for (var i = 1; i < curve.Count; i++)
        {
            steps.Add(curve[i - 1] with { Time = curve[i].Time });
            steps.Add(curve[i]);
        }
        var end = data.CurveEnd > steps[^1].Time ? data.CurveEnd : steps[^1].Time;
        steps.Add(steps[^1] with { Time = end });
        return steps;
    }

    /// <summary>Where an instant goes on the x axis, and how that axis is labelled.</summary>
    private abstract class TimeAxis
    {
        public abstract double Min { get; }
        public abstract double Max { get; }
        public abstract double X(DateTimeOffset instant);
        public abstract void Apply(Plot plot);

        public static TimeAxis For(ReportData data)
        {
            var sessions = NyseCalendar.TradingDays(data.Range.Start, data.Range.End).Select(NyseCalendar.Session)
                .OfType<TradingSession>().ToList();
            return data.Range.Start == data.Range.End || sessions.Count == 0
                ? new ClockAxis(data.CurveStart, data.CurveEnd)
                : new SessionAxis(sessions, data.CurveEnd);
        }
    }

    private sealed class ClockAxis(DateTimeOffset start, DateTimeOffset end) : TimeAxis
    {
        public override double Min => X(start);
        public override double Max => end > start ? X(end) : X(start) + 1.0 / 1440;
        public override double X(DateTimeOffset instant) => MarketTime.ToEastern(instant).DateTime.ToOADate();

        public override void Apply(Plot plot)
        {
            plot.Axes.DateTimeTicksBottom();
            plot.XLabel("US/Eastern");
        }
    }

    /// <summary>Session i spans [i, i + 1); an instant outside every session sits at the edge of the nearest earlier one.</summary>
    private sealed class SessionAxis(IReadOnlyList<TradingSession> sessions, DateTimeOffset end) : TimeAxis
    {
        public override double Min => 0;
        public override double Max => Math.Max(X(end), 0.25);

        public override double X(DateTimeOffset instant)
        {
            var date = MarketTime.EasternDate(instant);
            var i = sessions.Count - 1;
            while (i >= 0 && sessions[i].Date > date) i--;
            if (i < 0) return 0;
            var s = sessions[i];
            if (s.Date < date) return i + 1;
            var fraction = (instant - s.Open).TotalMinutes / (s.Close - s.Open).TotalMinutes;
            return i + Math.Clamp(fraction, 0, 1);
        }

        public override void Apply(Plot plot)
        {
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            var monthly = sessions.Count > 6;
            for (var i = 0; i < sessions.Count; i++)
            {
                var d = sessions[i].Date;
                var label = monthly ? d.ToString("M/d", CultureInfo.InvariantCulture) : d.ToString("ddd M/d", CultureInfo.InvariantCulture);
                ticks.AddMajor(i + 0.5, label);
                if (i > 0)
                {
                    var divider = plot.Add.VerticalLine(i);
                    divider.Color = Colors.LightGray;
                    divider.LineWidth = 1;
                }
            }
            plot.Axes.Bottom.TickGenerator = ticks;
            plot.XLabel("Trading sessions (09:30–16:00 US/Eastern each)");
        }
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
