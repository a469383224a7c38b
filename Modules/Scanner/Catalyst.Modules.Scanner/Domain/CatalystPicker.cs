using Catalyst.Modules.News.Contracts;

namespace Catalyst.Modules.Scanner.Domain;

internal static class CatalystPicker
{
    /// <summary>
    /// The news that speaks for a symbol: the strongest catalyst that is not bad news (newest on a tie); when there is
    /// none, the strongest bearish one, so the drop reason can name it. Items typed "other" are not catalysts.
    /// </summary>
    public static CatalystPick? Pick(IEnumerable<NewsItemDto> items)
    {
        var catalysts = items.Where(i => i.CatalystType != CatalystTypes.Other)
            .Select(i => new CatalystPick(i.NewsId, i.Headline, i.CatalystType, Round(i.CatalystStrength),
                Round(i.SentimentScore), i.Source, i.PublishedAt))
            .OrderByDescending(p => p.Strength).ThenByDescending(p => p.PublishedAt).ThenBy(p => p.NewsId)
            .ToList();
        return catalysts.FirstOrDefault(p => !p.Bearish) ?? catalysts.FirstOrDefault();
    }

    private static decimal Round(double value) =>
        double.IsFinite(value) ? Math.Round((decimal)Math.Clamp(value, -1, 1), 4, MidpointRounding.AwayFromZero) : 0m;
}
