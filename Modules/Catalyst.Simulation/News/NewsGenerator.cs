using System.Globalization;
using Catalyst.Simulation.Market;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Simulation.News;

/// <summary>
/// Writes the day's newswire from the market's catalyst plans (each mover gets its story before it moves), plus routine
/// company news, low-reliability rumors and market-wide headlines. Deterministic for a seed and date.
/// </summary>
internal static class NewsGenerator
{
    public const string Benzinga = "Benzinga";
    public const string Reuters = "Reuters";
    public const string PrNewswire = "PR Newswire";
    public const string BusinessWire = "Business Wire";
    public const string RumorMill = "StockTwits Rumor Mill";
    public const string SeekingAlphaBlog = "SeekingAlpha Blog";

    private sealed record Draft(DateTimeOffset At, string Headline, string Summary, string Source, Symbol[] Symbols);

    public static IReadOnlyList<NewsArticle> Generate(int seed, MarketDay day)
    {
        var random = SimRandom.For(seed, day.Date.DayNumber, -1, 3);
        var drafts = new List<Draft>();
        var date = day.Date;
        var quarter = $"Q{(date.Month - 1) / 3 + 1}";
        var regularOpen = MarketTime.AtEastern(date, new TimeOnly(9, 30));

        foreach (var plan in day.Catalysts)
        {
            var templates = HeadlineTemplates.Catalyst[plan.Kind];
            var (headline, summary) = templates[random.Next(0, templates.Length)];
            var fill = Filler(plan.Symbol, quarter, random, Math.Abs(plan.GapPercent), day.Find(plan.Symbol)?.PreviousDaily?.Close);
            drafts.Add(new Draft(plan.NewsAt, fill(headline), fill(summary), PrimarySource(plan.Kind, random), [plan.Symbol]));

            var moverAt = plan.NewsAt.AddMinutes(random.Next(20, 46));
            if (moverAt > regularOpen.AddMinutes(-10)) moverAt = regularOpen.AddMinutes(-10);
            var movers = plan.GapPercent > 0 ? HeadlineTemplates.PremarketMovers : HeadlineTemplates.PremarketLosers;
            var moverHeadline = fill(movers[random.Next(0, movers.Length)]);
            drafts.Add(new Draft(moverAt.AddSeconds(random.Next(0, 60)), moverHeadline, moverHeadline, Benzinga, [plan.Symbol]));

            var followUps = !plan.Positive ? HeadlineTemplates.DownFollowUps
                : plan.Pattern == CatalystPattern.Fade ? HeadlineTemplates.FaderFollowUps
                : HeadlineTemplates.RunnerFollowUps;
            var followUp = fill(followUps[random.Next(0, followUps.Length)]);
            drafts.Add(new Draft(regularOpen.AddMinutes(random.Next(30, 210)).AddSeconds(random.Next(0, 60)), followUp, followUp,
                Benzinga, [plan.Symbol]));
        }

        var quiet = day.Symbols.Where(s => s.Catalyst is null).Select(s => s.Symbol).ToArray();
        var start = MarketTime.AtEastern(date, new TimeOnly(4, 0));
        if (quiet.Length > 0)
        {
            for (var i = 0; i < 20; i++)
            {
                var symbol = quiet[random.Next(0, quiet.Length)];
                var fill = Filler(symbol, quarter, random, 0, null);
                var headline = fill(HeadlineTemplates.Routine[random.Next(0, HeadlineTemplates.Routine.Length)]);
                drafts.Add(new Draft(start.AddMinutes(random.Next(0, 720)).AddSeconds(random.Next(0, 60)), headline, headline,
                    random.Chance(0.5) ? BusinessWire : PrNewswire, [symbol]));
            }
            for (var i = 0; i < 4; i++)
            {
                var symbol = quiet[random.Next(0, quiet.Length)];
                var fill = Filler(symbol, quarter, random, 0, null);
                var headline = fill(HeadlineTemplates.Rumors[random.Next(0, HeadlineTemplates.Rumors.Length)]);
                drafts.Add(new Draft(start.AddMinutes(random.Next(60, 720)).AddSeconds(random.Next(0, 60)), headline, headline,
                    random.Chance(0.5) ? RumorMill : SeekingAlphaBlog, [symbol]));
            }
        }
        for (var i = 0; i < 5; i++)
        {
            var headline = HeadlineTemplates.MarketWide[random.Next(0, HeadlineTemplates.MarketWide.Length)];
            drafts.Add(new Draft(start.AddMinutes(random.Next(180, 660)).AddSeconds(random.Next(0, 60)), headline, headline,
                Reuters, []));
        }

        var id = 0;
        var stamp = date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return
        [
            .. drafts.Select((d, order) => (d, order)).OrderBy(x => x.d.At).ThenBy(x => x.order).Select(x =>
            {
                var articleId = $"sim-{stamp}-{++id}";
                return new NewsArticle(articleId, x.d.Headline, x.d.Summary, x.d.Source,
                    $"https://news.simulation.invalid/{articleId}", x.d.Symbols, x.d.At, x.d.At);
            }),
        ];
    }

    private static string PrimarySource(CatalystKind kind, SimRandom random) => kind switch
    {
        CatalystKind.Acquisition or CatalystKind.Legal => Reuters,
        CatalystKind.AnalystUpgrade or CatalystKind.AnalystDowngrade => Benzinga,
        _ => random.Chance(0.5) ? PrNewswire : BusinessWire,
    };

    private static Func<string, string> Filler(Symbol symbol, string quarter, SimRandom random, decimal percent, decimal? price)
    {
        var firm = HeadlineTemplates.Firms[random.Next(0, HeadlineTemplates.Firms.Length)];
        var pct = percent > 0 ? Math.Round(percent).ToString(CultureInfo.InvariantCulture)
            : random.Next(12, 60).ToString(CultureInfo.InvariantCulture);
        var target = ((price ?? 20m) * (1 + percent / 100m + 0.1m)).ToString("0.00", CultureInfo.InvariantCulture);
        var amount = (random.Next(5, 120) * 5).ToString(CultureInfo.InvariantCulture);
        return template => template.Replace("{T}", symbol.Value, StringComparison.Ordinal)
            .Replace("{Q}", quarter, StringComparison.Ordinal)
            .Replace("{F}", firm, StringComparison.Ordinal)
            .Replace("{P}", pct, StringComparison.Ordinal)
            .Replace("{X}", target, StringComparison.Ordinal)
            .Replace("{A}", amount, StringComparison.Ordinal);
    }
}
