using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Catalyst.Backtesting.Contracts;
using Catalyst.Modules.Reporting.Contracts;
using Catalyst.SharedKernel.Serialization;
using Catalyst.SharedKernel.Time;
using ScottPlot;

namespace Catalyst.Host.Backtesting;

/// <summary>
/// The report folder: summary.json (wire JSON), journal.csv (one closed trade a row), equity.png (the run's equity curve)
/// and index.html (one self-contained page showing all three; the chart inlined, no external assets).
/// Files are written to temporary names and renamed, so a reader never sees half a report.
/// </summary>
internal static class BacktestReportWriter
{
    public const string SummaryFile = "summary.json";
    public const string JournalFile = "journal.csv";
    public const string EquityFile = "equity.png";
    public const string IndexFile = "index.html";

    public static readonly IReadOnlyList<string> Files = [SummaryFile, JournalFile, EquityFile, IndexFile];

    private static readonly JsonSerializerOptions Indented = new(WireJson.Options) { WriteIndented = true };

    public static async Task WriteAsync(string directory, BacktestSummaryDto summary, IReadOnlyList<JournalEntryDto> journal,
        IReadOnlyList<EquityPoint> equity, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var png = RenderEquity(summary, equity, 1200, 500);
        await WriteAtomicAsync(directory, SummaryFile, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(summary, Indented)), ct);
        await WriteAtomicAsync(directory, JournalFile, Encoding.UTF8.GetBytes(JournalCsv(journal)), ct);
        await WriteAtomicAsync(directory, EquityFile, png, ct);
        await WriteAtomicAsync(directory, IndexFile, Encoding.UTF8.GetBytes(Html(summary, journal, png)), ct);
    }

    private static async Task WriteAtomicAsync(string directory, string name, byte[] content, CancellationToken ct)
    {
        var temporary = Path.Combine(directory, "." + name + ".tmp");
        await File.WriteAllBytesAsync(temporary, content, ct);
        File.Move(temporary, Path.Combine(directory, name), overwrite: true);
    }

    internal static readonly string[] JournalColumns =
    [
        "trade_id", "symbol", "side", "entry_time", "exit_time", "entry_price", "exit_price", "quantity", "pnl", "pnl_pct",
        "r_multiple", "pattern", "catalyst", "outcome", "hold_time_minutes", "exit_reason", "notes",
    ];

    internal static string JournalCsv(IReadOnlyList<JournalEntryDto> journal)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', JournalColumns)).Append('\n');
        foreach (var t in journal.OrderBy(t => t.ExitTime).ThenBy(t => t.TradeId))
        {
            string[] fields =
            [
                t.TradeId.ToString(), t.Symbol, t.Side, Time(t.EntryTime), Time(t.ExitTime), Num(t.EntryPrice), Num(t.ExitPrice),
                Num(t.Quantity), Num(t.Pnl), Num(t.PnlPct), t.RMultiple is { } r ? Num(r) : "", t.Pattern ?? "", t.Catalyst ?? "",
                t.Outcome, t.HoldTimeMinutes.ToString(CultureInfo.InvariantCulture), t.ExitReason ?? "", t.Notes ?? "",
            ];
            csv.Append(string.Join(',', fields.Select(Quote))).Append('\n');
        }
        return csv.ToString();
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Num(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Equity over trading time: each day is one unit of the x axis (09:30 to 16:00 ET), nights and weekends left out, so
    /// twenty days read as one continuous curve; the running peak dashed and the drawdown shaded.
    /// </summary>
    internal static byte[] RenderEquity(BacktestSummaryDto summary, IReadOnlyList<EquityPoint> equity, int width, int height)
    {
        var dayIndex = summary.Days.Select((d, i) => (d.Date, i)).ToDictionary(x => x.Date, x => x.i);
        var points = equity.Count > 0
            ? equity.ToList()
            : [new EquityPoint(MarketTime.AtEastern(summary.Run.DateStart, new TimeOnly(9, 30)), summary.Run.DateStart, summary.Run.StartingCash)];
        double X(EquityPoint p)
        {
            var minutes = (MarketTime.EasternTimeOfDay(p.Time) - new TimeOnly(9, 30)).TotalMinutes;
            return dayIndex.GetValueOrDefault(p.Day) + Math.Clamp(minutes / 390.0, 0, 1);
        }
        var xs = points.Select(X).ToArray();
        var ys = points.Select(p => (double)p.Equity).ToArray();
        var peaks = new double[ys.Length];
        for (var i = 0; i < ys.Length; i++) peaks[i] = Math.Max(i == 0 ? ys[0] : peaks[i - 1], ys[i]);

        using var plot = new Plot();
        plot.FigureBackground.Color = Colors.White;
        var baseline = plot.Add.HorizontalLine((double)summary.Run.StartingCash);
        baseline.Color = Colors.Gray;
        baseline.LinePattern = LinePattern.Dotted;
        if (xs.Length > 1)
        {
            var shade = plot.Add.FillY(xs, peaks, ys);
            shade.FillColor = Color.FromHex("#d62728").WithAlpha(0.3);
            shade.LineColor = Colors.Transparent;
            var peak = plot.Add.ScatterLine(xs, peaks);
            peak.Color = Color.FromHex("#d62728").WithAlpha(0.6);
            peak.LinePattern = LinePattern.Dashed;
            peak.LegendText = "Peak";
        }
        var line = plot.Add.ScatterLine(xs, ys);
        line.Color = Color.FromHex("#1f77b4");
        line.LineWidth = 2.5f;
        line.LegendText = "Equity";

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var every = Math.Max(1, summary.Days.Count / 12);
        for (var i = 0; i < summary.Days.Count; i += every)
            ticks.AddMajor(i, summary.Days[i].Date.ToString("MM-dd", CultureInfo.InvariantCulture));
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => v.ToString("$#,##0", CultureInfo.InvariantCulture),
        };
        var low = Math.Min(ys.Min(), (double)summary.Run.StartingCash);
        var high = Math.Max(ys.Max(), (double)summary.Run.StartingCash);
        var pad = Math.Max((high - low) * 0.1, (double)summary.Run.StartingCash * 0.002 + 1);
        plot.Axes.SetLimits(0, Math.Max(1, summary.Days.Count), low - pad, high + pad);
        var r = summary.Report;
        plot.Title($"Backtest {summary.Run.DateStart:yyyy-MM-dd} – {summary.Run.DateEnd:yyyy-MM-dd}: P&L {r.Pnl.ToString("#,##0.00", CultureInfo.InvariantCulture)} USD " +
                   $"({r.PnlPct.ToString("0.##", CultureInfo.InvariantCulture)}%), {r.TradesExecuted} trades, max DD {r.MaxDrawdown.ToString("#,##0.00", CultureInfo.InvariantCulture)}", size: 15);
        plot.YLabel("Equity (USD)");
        plot.XLabel("Trading day (09:30–16:00 ET each)");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    internal static string Html(BacktestSummaryDto summary, IReadOnlyList<JournalEntryDto> journal, byte[] png)
    {
        static string E(object? value) => WebUtility.HtmlEncode(value switch
        {
            null => "–",
            decimal d => d.ToString("#,##0.####", CultureInfo.InvariantCulture),
            double d => d.ToString("#,##0.###", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset t => MarketTime.ToEastern(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " ET",
            BacktestDayPnlDto p => $"{p.Date:yyyy-MM-dd} ({p.Pnl.ToString("#,##0.00", CultureInfo.InvariantCulture)})",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        });
        string Cls(decimal v) => v > 0 ? "pos" : v < 0 ? "neg" : "";
        var run = summary.Run;
        var r = summary.Report;
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>Catalyst backtest {E(run.DateStart)} – {E(run.DateEnd)}</title><style>");
        html.Append("body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}h2{font-size:16px;margin-top:28px}");
        html.Append("table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}th{background:#f4f4f4}");
        html.Append("td.l,th.l{text-align:left}.pos{color:#1a7f37}.neg{color:#c62828}img{max-width:100%;border:1px solid #ddd}.kv td:first-child{text-align:left;color:#555}");
        html.Append("</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Backtest {E(run.DateStart)} – {E(run.DateEnd)}</h1>");
        html.Append(CultureInfo.InvariantCulture,
            $"<p>{E(run.Days)} trading days, {E(run.Source == BacktestPlan.CsvSource ? "CSV replay of " + run.DataDir : "simulated market, seed " + run.Seed)}" +
            $"{(run.Symbols.Count > 0 ? ", symbols " + E(string.Join(", ", run.Symbols)) : "")}; {E(run.Bars)} minute bars in {E(run.ElapsedSeconds)} s " +
            $"({E(run.BarsPerSecond)} bars/s). Run id {E(run.Id)}.</p>");
        html.Append(CultureInfo.InvariantCulture, $"<img alt=\"Equity curve\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">");

        html.Append("<h2>Performance (§5.6, over the run)</h2><table class=\"kv\">");
        void Row(string name, object? value, decimal? sign = null) =>
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(name)}</td><td class=\"{(sign is { } s ? Cls(s) : "")}\">{E(value)}</td></tr>");
        Row("starting equity", run.StartingCash);
        Row("ending equity", run.EndingEquity, run.EndingEquity - run.StartingCash);
        Row("pnl", r.Pnl, r.Pnl);
        Row("pnl_pct", r.PnlPct, r.PnlPct);
        Row("trades_executed", r.TradesExecuted);
        Row("trades_won / lost / scratch", $"{r.TradesWon} / {r.TradesLost} / {r.TradesScratch}");
        Row("win_rate", r.WinRate);
        Row("profit_factor", r.ProfitFactor);
        Row("sharpe_ratio", r.SharpeRatio);
        Row("max_drawdown", r.MaxDrawdown, r.MaxDrawdown);
        Row("max_drawdown_pct", r.MaxDrawdownPct, r.MaxDrawdownPct);
        Row("avg_win / avg_loss", $"{E(r.AvgWin)} / {E(r.AvgLoss)}");
        Row("largest_win / largest_loss", $"{E(r.LargestWin)} / {E(r.LargestLoss)}");
        Row("avg_r_multiple", r.AvgRMultiple);
        Row("best_day", r.BestDay);
        Row("worst_day", r.WorstDay);
        html.Append("</table>");

        html.Append("<h2>Days</h2><table><tr><th class=\"l\">date</th><th>symbols</th><th>bars</th><th>start equity</th><th>end equity</th>");
        html.Append("<th>pnl</th><th>pnl %</th><th>trades</th><th>won</th><th>lost</th><th>win rate</th><th>max dd</th><th>seconds</th></tr>");
        foreach (var d in summary.Days)
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td class=\"l\">{E(d.Date)}</td><td>{E(d.Symbols)}</td><td>{E(d.Bars)}</td><td>{E(d.StartingEquity)}</td><td>{E(d.EndingEquity)}</td>" +
                $"<td class=\"{Cls(d.Pnl)}\">{E(d.Pnl)}</td><td class=\"{Cls(d.Pnl)}\">{E(d.PnlPct)}</td><td>{E(d.TradesExecuted)}</td><td>{E(d.TradesWon)}</td>" +
                $"<td>{E(d.TradesLost)}</td><td>{E(d.WinRate)}</td><td>{E(d.MaxDrawdown)}</td><td>{E(d.ElapsedSeconds)}</td></tr>");
        html.Append("</table>");

        html.Append(CultureInfo.InvariantCulture, $"<h2>Trade journal ({journal.Count} trades, also in journal.csv)</h2>");
        if (journal.Count == 0) html.Append("<p>No closed trades.</p>");
        else
        {
            html.Append("<table><tr><th class=\"l\">symbol</th><th class=\"l\">side</th><th>entry</th><th>exit</th><th>qty</th><th>entry price</th>");
            html.Append("<th>exit price</th><th>pnl</th><th>pnl %</th><th>R</th><th class=\"l\">pattern</th><th class=\"l\">outcome</th><th>hold min</th><th class=\"l\">exit reason</th></tr>");
            foreach (var t in journal.OrderBy(t => t.ExitTime).ThenBy(t => t.TradeId))
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td class=\"l\">{E(t.Symbol)}</td><td class=\"l\">{E(t.Side)}</td><td>{E(t.EntryTime)}</td><td>{E(t.ExitTime)}</td><td>{E(t.Quantity)}</td>" +
                    $"<td>{E(t.EntryPrice)}</td><td>{E(t.ExitPrice)}</td><td class=\"{Cls(t.Pnl)}\">{E(t.Pnl)}</td><td class=\"{Cls(t.Pnl)}\">{E(t.PnlPct)}</td>" +
                    $"<td>{E(t.RMultiple)}</td><td class=\"l\">{E(t.Pattern)}</td><td class=\"l\">{E(t.Outcome)}</td><td>{E(t.HoldTimeMinutes)}</td><td class=\"l\">{E(t.ExitReason)}</td></tr>");
            html.Append("</table>");
        }
        html.Append("</body></html>\n");
        return html.ToString();
    }
}
