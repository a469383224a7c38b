using System.Globalization;
using Catalyst.Simulation.Market;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Simulation.Replay;

/// <summary>A CSV row that cannot be read; the message names the file and the 1-based line.</summary>
public sealed class CsvReplayFormatException(string file, int line, string problem)
    : FormatException($"{file}, line {line}: {problem}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
}

/// <summary>
/// 1-minute bars read from a folder of CSV files, grouped by symbol and Eastern trading date, each day sorted by time.
/// Two layouts, told apart by the header: Lean (<c>timestamp_et,open,high,low,close,volume</c>, bar start in New York
/// time, files named SYMBOL_YYYYMMDD_1min.csv) and Alpaca (<c>timestamp,open,high,low,close,volume,trade_count,vwap</c>,
/// UTC ISO-8601, files named SYMBOL*.csv). Missing minutes and half days are normal; duplicate minutes keep the first row.
/// </summary>
public sealed class CsvBarReplay
{
    private readonly Dictionary<Symbol, SortedDictionary<DateOnly, Bar[]>> _bars;

    private CsvBarReplay(Dictionary<Symbol, SortedDictionary<DateOnly, Bar[]>> bars) => _bars = bars;

    public IReadOnlyList<Symbol> Symbols => [.. _bars.Keys.OrderBy(s => s.Value, StringComparer.Ordinal)];

    /// <summary>Every Eastern date with at least one bar, ascending.</summary>
    public IReadOnlyList<DateOnly> Dates => [.. _bars.Values.SelectMany(d => d.Keys).Distinct().Order()];

    public int BarCount => _bars.Values.Sum(d => d.Values.Sum(b => b.Length));

    /// <summary>The symbol's bars on an Eastern date, in time order; empty when there are none.</summary>
    public IReadOnlyList<Bar> MinuteBars(Symbol symbol, DateOnly date) =>
        _bars.TryGetValue(symbol, out var days) && days.TryGetValue(date, out var bars) ? bars : [];

    /// <summary>Reads every *.csv in <paramref name="directory"/> (not recursive).</summary>
    public static CsvBarReplay Load(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Replay directory '{directory}' does not exist.");
        var rows = new Dictionary<Symbol, List<Bar>>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.csv").Order(StringComparer.Ordinal))
        {
            var symbol = SymbolFromFileName(file);
            if (!rows.TryGetValue(symbol, out var list)) rows[symbol] = list = [];
            list.AddRange(ReadFile(file));
        }
        var result = new Dictionary<Symbol, SortedDictionary<DateOnly, Bar[]>>();
        foreach (var (symbol, list) in rows)
        {
            var days = new SortedDictionary<DateOnly, Bar[]>();
            foreach (var group in list.GroupBy(b => MarketTime.EasternDate(b.Time)))
            {
                // Stable sort, then the first row of each minute wins.
                var sorted = group.OrderBy(b => b.Time).ToList();
                var unique = new List<Bar>(sorted.Count);
                foreach (var bar in sorted)
                    if (unique.Count == 0 || unique[^1].Time != bar.Time) unique.Add(bar);
                days[group.Key] = [.. unique];
            }
            if (days.Count > 0) result[symbol] = days;
        }
        return new CsvBarReplay(result);
    }

    /// <summary>The symbol is the file name up to the first '_' (or the extension): AAPL_20140609_1min.csv → AAPL.</summary>
    public static Symbol SymbolFromFileName(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        var text = underscore > 0 ? name[..underscore] : name;
        if (!Symbol.TryParse(text, out var symbol))
            throw new CsvReplayFormatException(path, 0, $"the file name does not start with a symbol ('{text}')");
        return symbol;
    }

    /// <summary>Reads one file in either layout, in file order (not sorted).</summary>
    public static IReadOnlyList<Bar> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        if (header is null) throw new CsvReplayFormatException(path, 1, "the file is empty (expected a header row)");
        var columns = header.Trim().TrimStart('\uFEFF').Split(',');
        var lean = columns is ["timestamp_et", "open", "high", "low", "close", "volume", ..];
        var alpaca = columns is ["timestamp", "open", "high", "low", "close", "volume", ..];
        if (!lean && !alpaca)
            throw new CsvReplayFormatException(path, 1,
                $"unknown header '{header}'; expected 'timestamp_et,open,high,low,close,volume' (Lean) or "
                + "'timestamp,open,high,low,close,volume,trade_count,vwap' (Alpaca)");
        var tradeCountColumn = Array.IndexOf(columns, "trade_count");
        var vwapColumn = Array.IndexOf(columns, "vwap");

        var bars = new List<Bar>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = line.Split(',');
            if (fields.Length != columns.Length)
                throw new CsvReplayFormatException(path, lineNumber, $"expected {columns.Length} fields, found {fields.Length}");
            var time = lean ? ParseEastern(fields[0], path, lineNumber) : ParseUtc(fields[0], path, lineNumber);
            var open = Price(fields[1], "open", path, lineNumber);
            var high = Price(fields[2], "high", path, lineNumber);
            var low = Price(fields[3], "low", path, lineNumber);
            var close = Price(fields[4], "close", path, lineNumber);
            if (high < low || high < Math.Max(open, close) || low > Math.Min(open, close))
                throw new CsvReplayFormatException(path, lineNumber,
                    $"inconsistent prices (open {open}, high {high}, low {low}, close {close}): high must be the largest and low the smallest");
            var volume = Count(fields[5], "volume", path, lineNumber);
            var trades = tradeCountColumn > 0 ? Count(fields[tradeCountColumn], "trade_count", path, lineNumber) : 0;
            decimal? vwap = vwapColumn > 0 && fields[vwapColumn].Length > 0 ? Price(fields[vwapColumn], "vwap", path, lineNumber) : null;
            bars.Add(new Bar(time, open, high, low, close, volume, trades, vwap));
        }
        return bars;
    }

    /// <summary>
    /// The replayed market for one date: <paramref name="date"/> when given (it must be in the files), else the date with
    /// the most symbols (the latest on a tie). Earlier dates in the files become the prior daily bars.
    /// </summary>
    internal MarketDay ToMarketDay(DateOnly? date)
    {
        var dates = Dates;
        if (dates.Count == 0) throw new InvalidOperationException("The replay directory holds no bars.");
        DateOnly chosen;
        if (date is { } wanted)
        {
            if (!dates.Contains(wanted))
                throw new InvalidOperationException(
                    $"{SimulationOptions.SectionName}:Date {wanted:yyyy-MM-dd} is not in the replay files; they hold {string.Join(", ", dates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}.");
            chosen = wanted;
        }
        else
        {
            chosen = dates.OrderByDescending(d => _bars.Values.Count(v => v.ContainsKey(d))).ThenByDescending(d => d).First();
        }

        var symbols = new List<SymbolDay>();
        foreach (var (symbol, days) in _bars.OrderBy(kv => kv.Key.Value, StringComparer.Ordinal))
        {
            if (!days.TryGetValue(chosen, out var minutes)) continue;
            var prior = days.Where(kv => kv.Key < chosen).Select(kv => Aggregate(kv.Key, kv.Value)).ToArray();
            symbols.Add(new SymbolDay(symbol, minutes, prior));
        }
        return new MarketDay(chosen, symbols);
    }

    private static Bar Aggregate(DateOnly date, Bar[] minutes)
    {
        long volume = 0, trades = 0;
        foreach (var bar in minutes)
        {
            volume += bar.Volume;
            trades += bar.TradeCount;
        }
        return new Bar(MarketTime.AtEastern(date, TimeOnly.MinValue), minutes[0].Open, minutes.Max(b => b.High),
            minutes.Min(b => b.Low), minutes[^1].Close, volume, trades);
    }

    private static DateTimeOffset ParseEastern(string text, string path, int line)
    {
        if (!DateTime.TryParseExact(text.Trim(), ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyyMMdd HH:mm"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            throw new CsvReplayFormatException(path, line, $"timestamp_et '{text}' is not 'yyyy-MM-dd HH:mm'");
        return MarketTime.AtEastern(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }

    private static DateTimeOffset ParseUtc(string text, string path, int line)
    {
        if (!DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            throw new CsvReplayFormatException(path, line, $"timestamp '{text}' is not an ISO-8601 UTC time");
        return time;
    }

    private static decimal Price(string text, string column, string path, int line)
    {
        if (!decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
            throw new CsvReplayFormatException(path, line, $"{column} '{text}' is not a positive number");
        return value;
    }

    private static long Count(string text, string column, string path, int line)
    {
        if (!long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            // Some exports write counts as 1234.0.
            if (decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 && d == Math.Floor(d))
                return (long)d;
            throw new CsvReplayFormatException(path, line, $"{column} '{text}' is not a non-negative whole number");
        }
        return value;
    }
}
