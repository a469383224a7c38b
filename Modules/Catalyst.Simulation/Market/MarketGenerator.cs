using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Simulation.Market;

/// <summary>
/// Builds a deterministic simulated day: 1-minute bars 04:00–20:00 ET for the universe, 260 prior daily bars each, and on
/// catalyst days 8–12 names that gap 10–80% on news with heavy volume and then run (bull flag, flat-top breakout) or fade.
/// Prices are computed in double (only +, −, ×, ÷ and √, which IEEE makes exact) and stored as decimals to the cent.
/// </summary>
internal static class MarketGenerator
{
    public const int PriorDays = 260;
    public const int ExtendedMinutes = 16 * 60;
    public const int RegularStartIndex = 330;
    private const int FullSessionMinutes = 390;

    private static readonly TimeOnly ExtendedOpen = new(4, 0);
    private static readonly double[] VolumeShape = BuildVolumeShape();

    private readonly record struct Profile(Symbol Symbol, double Price, double AverageVolume, double DailySigma, int Style,
        double Drift, int TradeSize);

    private readonly record struct PricePoint(int Minute, double Level, double Noise);

    public static MarketDay Generate(int seed, DateOnly date, int universeSize, double catalystDayShare)
    {
        var profiles = Universe(seed, universeSize);
        var dayRandom = SimRandom.For(seed, date.DayNumber, -1, 1);
        var catalystDay = dayRandom.NextDouble() < catalystDayShare;
        var catalystIndices = new HashSet<int>();
        if (catalystDay)
        {
            var count = Math.Min(dayRandom.Next(8, 13), profiles.Length / 2);
            while (catalystIndices.Count < count) catalystIndices.Add(dayRandom.Next(0, profiles.Length));
        }

        var priorDates = new DateOnly[PriorDays];
        var d = date;
        for (var k = PriorDays - 1; k >= 0; k--) priorDates[k] = d = NyseCalendar.PreviousTradingDay(d);

        var session = NyseCalendar.Session(date);
        var regularMinutes = session is null ? FullSessionMinutes : (int)(session.Close - session.Open).TotalMinutes;
        var start = MarketTime.AtEastern(date, ExtendedOpen);
        var symbols = new SymbolDay[profiles.Length];
        for (var i = 0; i < profiles.Length; i++)
        {
            var random = SimRandom.For(seed, date.DayNumber, i, 2);
            symbols[i] = GenerateSymbol(profiles[i], random, date, start, priorDates, regularMinutes,
                catalystIndices.Contains(i));
        }
        return new MarketDay(date, symbols);
    }

    private static Profile[] Universe(int seed, int size)
    {
        var random = SimRandom.For(seed, 0, 0, 7);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var profiles = new Profile[size];
        Span<char> letters = stackalloc char[4];
        for (var i = 0; i < size; i++)
        {
            string ticker;
            do
            {
                var length = random.Chance(0.7) ? 4 : 3;
                for (var k = 0; k < length; k++) letters[k] = (char)('A' + random.Next(0, 26));
                ticker = new string(letters[..length]);
            } while (!used.Add(ticker));

            var tier = random.NextDouble();
            (double low, double high, double volLow, double volHigh, double sigmaLow, double sigmaHigh) band = tier switch
            {
                < 0.15 => (2, 5, 3e6, 30e6, 0.035, 0.06),
                < 0.35 => (5, 10, 2e6, 20e6, 0.03, 0.05),
                < 0.55 => (10, 20, 1.5e6, 12e6, 0.025, 0.04),
                < 0.75 => (20, 50, 1e6, 10e6, 0.018, 0.035),
                < 0.85 => (50, 100, 0.8e6, 8e6, 0.015, 0.028),
                < 0.93 => (100, 200, 0.6e6, 6e6, 0.012, 0.025),
                _ => (200, 500, 0.5e6, 5e6, 0.01, 0.022),
            };
            var style = random.Next(0, 3); // 0 random walk, 1 trending, 2 mean-reverting
            var drift = style == 1 ? (random.Chance(0.6) ? 1 : -1) * random.Uniform(0.0005, 0.002) : random.Uniform(-0.0003, 0.0003);
            profiles[i] = new Profile(Symbol.Parse(ticker), random.Uniform(band.low, band.high),
                random.Uniform(band.volLow, band.volHigh), random.Uniform(band.sigmaLow, band.sigmaHigh), style, drift,
                random.Next(60, 220));
        }
        return profiles;
    }

    private static SymbolDay GenerateSymbol(Profile profile, SimRandom random, DateOnly date, DateTimeOffset start,
        DateOnly[] priorDates, int regularMinutes, bool catalyst)
    {
        var daily = PriorDaily(profile, random, priorDates);
        var previousClose = (double)daily[^1].Close;
        double averageVolume = 0;
        for (var k = daily.Length - 20; k < daily.Length; k++) averageVolume += daily[k].Volume;
        averageVolume /= 20;
        var averageMinuteVolume = averageVolume / FullSessionMinutes;
        var minuteSigma = profile.DailySigma / Math.Sqrt(FullSessionMinutes);

        var path = new double[ExtendedMinutes];
        var volume = new double[ExtendedMinutes];
        var sigma = new double[ExtendedMinutes]; // per-minute price noise, in dollars, for the bar's wicks
        var regularEnd = RegularStartIndex + regularMinutes;
        CatalystPlan? plan = null;
        double open;

        if (catalyst)
        {
            var kind = (CatalystKind)random.Next(0, 12);
            var positive = CatalystPlan.IsPositive(kind);
            var gap = positive ? 0.11 + 0.67 * random.NextDouble() * random.NextDouble() : -random.Uniform(0.11, 0.40);
            open = Math.Round(previousClose * (1 + gap), 2);
            var pattern = !positive ? CatalystPattern.Fade : random.NextDouble() switch
            {
                < 0.35 => CatalystPattern.BullFlag,
                < 0.60 => CatalystPattern.FlatTopBreakout,
                _ => CatalystPattern.Fade,
            };
            var relativeVolume = random.Uniform(8, 35);
            var newsIndex = random.Next(120, 286); // 06:00–08:45 ET
            plan = new CatalystPlan(profile.Symbol, kind, pattern,
                Math.Round(((decimal)open - (decimal)previousClose) / (decimal)previousClose * 100m, 2), relativeVolume,
                start.AddMinutes(newsIndex).AddSeconds(random.Next(0, 60)));

            // Pre-market: quiet until the news, then a jump toward the gap on heavy volume, drifting to the open.
            Bridge(path, -1, newsIndex - 1, previousClose, previousClose * (1 + random.Uniform(-0.004, 0.004)), previousClose * 0.0008, random);
            var jump = previousClose * (1 + gap * random.Uniform(0.6, 1.05));
            path[newsIndex] = jump;
            Bridge(path, newsIndex, RegularStartIndex - 1, jump, open * (1 + random.Uniform(-0.01, 0.01)), open * 0.003, random);
            var preVolume = random.Uniform(3, 15);
            for (var k = 0; k < RegularStartIndex; k++)
            {
                sigma[k] = path[k] * (k < newsIndex ? 0.0005 : 0.003);
                volume[k] = k < newsIndex
                    ? ThinVolume(averageMinuteVolume * 0.01, random)
                    : averageMinuteVolume * preVolume * (1 / (1 + (k - newsIndex) / 30.0) + 0.3) * Noise(random);
            }

            var points = PatternPoints(pattern, positive, regularMinutes, random, out var breakoutFrom, out var breakoutTo,
                out var flagFrom, out var flagTo);
            var segmentStart = RegularStartIndex - 1;
            var level = open;
            // The first regular bar opens exactly at the gap price: the path value before it is the open.
            var savedPre = path[RegularStartIndex - 1];
            foreach (var point in points)
            {
                var index = RegularStartIndex + point.Minute;
                Bridge(path, segmentStart, index, level, open * point.Level, open * 0.004 * point.Noise, random);
                segmentStart = index;
                level = open * point.Level;
            }
            path[RegularStartIndex - 1] = savedPre;

            var weights = new double[regularMinutes];
            for (var m = 0; m < regularMinutes; m++)
            {
                var multiplier = m >= breakoutFrom && m <= breakoutTo ? 2.5 : m >= flagFrom && m <= flagTo ? 0.5 : 1.0;
                weights[m] = relativeVolume * (1 / (1 + m / 10.0) + 0.08) * multiplier * Noise(random);
                sigma[RegularStartIndex + m] = path[RegularStartIndex + m] * 0.003;
            }
            double first30 = 0;
            for (var m = 0; m < 30; m++) first30 += weights[m];
            var scale = relativeVolume * 30 / first30;
            for (var m = 0; m < regularMinutes; m++)
                volume[RegularStartIndex + m] = averageMinuteVolume * (m < 30 ? weights[m] * scale : weights[m]);
        }
        else
        {
            open = Math.Round(previousClose * (1 + 0.008 * random.Normal()), 2);
            Bridge(path, -1, RegularStartIndex - 1, previousClose, open, previousClose * minuteSigma * 0.35, random);
            for (var k = 0; k < RegularStartIndex; k++)
            {
                sigma[k] = path[k] * minuteSigma * 0.3;
                volume[k] = ThinVolume(averageMinuteVolume * 0.02, random);
            }
            var dayFactor = Math.Clamp(1 + 0.2 * random.Normal(), 0.5, 1.8);
            var trend = profile.Style == 1 ? Math.Sign(profile.Drift) * profile.DailySigma * random.Uniform(0.2, 1.0) / regularMinutes : 0;
            var x = open;
            for (var m = 0; m < regularMinutes; m++)
            {
                var factor = m < 60 ? 1.8 - 0.8 * m / 60 : m > regularMinutes - 30 ? 1.2 : 1.0;
                var step = minuteSigma * factor * random.Normal();
                if (profile.Style == 2) x += 0.05 * (open - x);
                x = Math.Max(open * 0.3, x * (1 + trend + step));
                path[RegularStartIndex + m] = x;
                sigma[RegularStartIndex + m] = x * minuteSigma * factor;
                volume[RegularStartIndex + m] = averageMinuteVolume * dayFactor * VolumeShape[m] * Noise(random);
            }
        }

        // After hours: a thin random walk from the close.
        var last = path[regularEnd - 1];
        for (var k = regularEnd; k < ExtendedMinutes; k++)
        {
            last = Math.Max(0.05, last * (1 + minuteSigma * 0.3 * random.Normal()));
            path[k] = last;
            sigma[k] = last * minuteSigma * 0.3;
            volume[k] = catalyst
                ? averageMinuteVolume * random.Uniform(0.2, 1.0)
                : ThinVolume(averageMinuteVolume * 0.015, random);
        }

        var bars = new List<Bar>(ExtendedMinutes);
        var previous = (decimal)previousClose;
        for (var k = 0; k < ExtendedMinutes; k++)
        {
            var close = Cents(path[k]);
            var barOpen = k == RegularStartIndex ? (decimal)open : previous;
            previous = close;
            var shares = (long)Math.Round(volume[k]);
            if (shares <= 0) continue; // no trade in that minute: no bar, as on a real feed
            var high = Math.Max(Cents(Math.Max((double)barOpen, (double)close) + Math.Abs(random.Normal()) * sigma[k] * 0.6),
                Math.Max(barOpen, close));
            var low = Math.Min(Cents(Math.Min((double)barOpen, (double)close) - Math.Abs(random.Normal()) * sigma[k] * 0.6),
                Math.Min(barOpen, close));
            low = Math.Max(0.01m, low);
            bars.Add(new Bar(start.AddMinutes(k), barOpen, high, low, close, shares, Math.Max(1, shares / profile.TradeSize),
                Math.Round((high + low + close) / 3m, 4)));
        }
        return new SymbolDay(profile.Symbol, [.. bars], daily, plan);
    }

    private static Bar[] PriorDaily(Profile profile, SimRandom random, DateOnly[] dates)
    {
        var closes = new double[dates.Length];
        var opens = new double[dates.Length];
        var highs = new double[dates.Length];
        var lows = new double[dates.Length];
        var volumes = new long[dates.Length];
        var p = 1.0;
        var sigma = profile.DailySigma;
        for (var k = 0; k < dates.Length; k++)
        {
            var o = p * (1 + sigma * 0.25 * random.Normal());
            var c = Math.Max(0.2, p * (1 + profile.Drift + sigma * random.Normal()));
            opens[k] = o;
            closes[k] = c;
            highs[k] = Math.Max(o, c) * (1 + Math.Abs(random.Normal()) * sigma * 0.4);
            lows[k] = Math.Min(o, c) * (1 - Math.Abs(random.Normal()) * sigma * 0.4);
            volumes[k] = (long)Math.Round(profile.AverageVolume * Math.Clamp(1 + 0.3 * random.Normal(), 0.3, 3));
            p = c;
        }
        var scale = profile.Price * (1 + 0.05 * random.Normal()) / closes[^1];
        var bars = new Bar[dates.Length];
        for (var k = 0; k < dates.Length; k++)
        {
            var o = Math.Max(0.01m, Cents(opens[k] * scale));
            var c = Math.Max(0.01m, Cents(closes[k] * scale));
            var h = Math.Max(Cents(highs[k] * scale), Math.Max(o, c));
            var l = Math.Max(0.01m, Math.Min(Cents(lows[k] * scale), Math.Min(o, c)));
            bars[k] = new Bar(MarketTime.AtEastern(dates[k], TimeOnly.MinValue), o, h, l, c, volumes[k],
                Math.Max(1, volumes[k] / profile.TradeSize), Math.Round((h + l + c) / 3m, 4));
        }
        return bars;
    }

    /// <summary>Key prices as multiples of the open, by minute of the regular session.</summary>
    private static List<PricePoint> PatternPoints(CatalystPattern pattern, bool positive, int minutes, SimRandom random,
        out int breakoutFrom, out int breakoutTo, out int flagFrom, out int flagTo)
    {
        breakoutFrom = breakoutTo = flagFrom = flagTo = -1;
        var points = new List<PricePoint>();
        var end = minutes - 1;
        switch (pattern)
        {
            case CatalystPattern.BullFlag:
            {
                var pole = 1 + random.Uniform(0.06, 0.15);
                var poleEnd = random.Next(8, 18);
                var flagEnd = poleEnd + random.Next(12, 28);
                var flagLow = pole * (1 - random.Uniform(0.02, 0.05));
                var breakoutEnd = flagEnd + random.Next(6, 14);
                var runHigh = pole * (1 + random.Uniform(0.05, 0.12));
                points.Add(new PricePoint(poleEnd, pole, 0.5));
                points.Add(new PricePoint(flagEnd, flagLow, 0.25));
                points.Add(new PricePoint(breakoutEnd, runHigh, 0.6));
                points.Add(new PricePoint(end, runHigh * (1 - random.Uniform(-0.03, 0.10)), 1.0));
                (flagFrom, flagTo, breakoutFrom, breakoutTo) = (poleEnd + 1, flagEnd, flagEnd + 1, breakoutEnd);
                break;
            }
            case CatalystPattern.FlatTopBreakout:
            {
                var top = 1 + random.Uniform(0.03, 0.07);
                var setupEnd = random.Next(42, 55);
                var breakoutEnd = setupEnd + random.Next(8, 15);
                var runHigh = top * (1 + random.Uniform(0.05, 0.12));
                points.Add(new PricePoint(5, top, 0.5));
                points.Add(new PricePoint(12, top * (1 - random.Uniform(0.03, 0.05)), 0.4));
                points.Add(new PricePoint(20, top, 0.3));
                points.Add(new PricePoint(28, top * (1 - random.Uniform(0.02, 0.03)), 0.3));
                points.Add(new PricePoint(36, top, 0.3));
                points.Add(new PricePoint(setupEnd, top * (1 - random.Uniform(0.005, 0.012)), 0.2));
                points.Add(new PricePoint(breakoutEnd, runHigh, 0.6));
                points.Add(new PricePoint(end, runHigh * (1 - random.Uniform(-0.03, 0.08)), 1.0));
                (breakoutFrom, breakoutTo) = (setupEnd + 1, breakoutEnd);
                break;
            }
            default:
            {
                var pop = 1 + random.Uniform(0.01, positive ? 0.05 : 0.03);
                var bottom = 1 - (positive ? random.Uniform(0.08, 0.25) : random.Uniform(0.05, 0.15));
                points.Add(new PricePoint(random.Next(3, 9), pop, 0.5));
                points.Add(new PricePoint(random.Next(60, 150), bottom, 0.8));
                points.Add(new PricePoint(end, bottom * (1 + random.Uniform(-0.03, 0.03)), 1.0));
                break;
            }
        }
        // Half days: squeeze the same shape into the shorter session.
        if (minutes < FullSessionMinutes)
        {
            var squeezed = new List<PricePoint>();
            var lastMinute = 0;
            foreach (var p in points)
            {
                var m = Math.Min(end, Math.Max(lastMinute + 1, p.Minute * minutes / FullSessionMinutes));
                if (m > lastMinute && m <= end) squeezed.Add(p with { Minute = m });
                lastMinute = m;
            }
            points = squeezed;
        }
        return points;
    }

    /// <summary>
    /// Fills path[from+1 .. to] with a Brownian bridge from <paramref name="startLevel"/> (the value "at" from) to
    /// <paramref name="endLevel"/> at <paramref name="to"/>.
    /// </summary>
    private static void Bridge(double[] path, int from, int to, double startLevel, double endLevel, double sigma, SimRandom random)
    {
        var n = to - from;
        if (n <= 0) return;
        var walk = new double[n + 1];
        for (var k = 1; k <= n; k++) walk[k] = walk[k - 1] + sigma * random.Normal();
        for (var k = 1; k <= n; k++)
        {
            var t = (double)k / n;
            var value = startLevel + (endLevel - startLevel) * t + walk[k] - t * walk[n];
            path[from + k] = Math.Max(0.05, value);
        }
    }

    /// <summary>Extended hours: most minutes of a quiet name have no trade at all.</summary>
    private static double ThinVolume(double expected, SimRandom random)
    {
        if (expected >= 100) return expected * Noise(random);
        return random.Chance(expected / 100) ? 100 * random.Next(1, 4) : 0;
    }

    private static double Noise(SimRandom random) => Math.Clamp(1 + 0.35 * random.Normal(), 0.2, 3);

    private static decimal Cents(double value) => Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero);

    /// <summary>U-shaped regular-session volume, normalised to a mean of 1 per minute.</summary>
    private static double[] BuildVolumeShape()
    {
        var shape = new double[FullSessionMinutes];
        double sum = 0;
        for (var m = 0; m < shape.Length; m++)
        {
            var t = m / (double)(FullSessionMinutes - 1);
            var t2 = t * t;
            shape[m] = 0.6 + 2.2 / (1 + m / 12.0) + 1.5 * t2 * t2 * t2;
            sum += shape[m];
        }
        for (var m = 0; m < shape.Length; m++) shape[m] = shape[m] * shape.Length / sum;
        return shape;
    }
}
