using System.Collections.Concurrent;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Modules.Scanner.Domain;

/// <summary>
/// The share of a normal day's volume that has usually traded by a given time: a few percent in the pre-market, then
/// the regular session's U shape (heavy open, quiet midday, busier close). Relative volume divides today's volume so far
/// by the average daily volume times this share, so a 09:35 scan is compared with a usual 09:35, not with a whole day.
/// </summary>
internal static class VolumeProfile
{
    /// <summary>Extended-hours trading before 09:30 is a small part of a usual day's volume.</summary>
    public const double PreMarketShare = 0.03;

    /// <summary>Floor, so that a scan seconds after 04:00 does not divide by almost nothing.</summary>
    public const double MinimumShare = 0.005;

    private static readonly TimeOnly PreMarketOpen = new(4, 0);
    private static readonly ConcurrentDictionary<int, double[]> Cumulative = new();

    public static double ExpectedShare(DateTimeOffset now)
    {
        var date = MarketTime.EasternDate(now);
        var session = NyseCalendar.Session(date);
        if (session is null) return 1; // a day without a session: compare with a whole day
        var preOpen = MarketTime.AtEastern(date, PreMarketOpen);
        if (now <= preOpen) return MinimumShare;
        if (now < session.Open)
            return Math.Max(MinimumShare, PreMarketShare * (now - preOpen).TotalMinutes / (session.Open - preOpen).TotalMinutes);
        if (now >= session.Close) return 1;

        var minutes = (int)Math.Round((session.Close - session.Open).TotalMinutes);
        var curve = Cumulative.GetOrAdd(minutes, Build);
        var elapsed = (now - session.Open).TotalMinutes;
        var whole = Math.Min(minutes - 1, (int)elapsed);
        var before = whole == 0 ? 0 : curve[whole - 1];
        var within = curve[whole] - before;
        var fraction = before + within * (elapsed - whole);
        return Math.Max(MinimumShare, PreMarketShare + (1 - PreMarketShare) * fraction);
    }

    /// <summary>Cumulative regular-session share after each minute, ending at 1.</summary>
    private static double[] Build(int minutes)
    {
        var curve = new double[minutes];
        double sum = 0;
        for (var m = 0; m < minutes; m++)
        {
            sum += 1 + 2.0 * Math.Exp(-m / 15.0) + 1.2 * Math.Exp(-(minutes - 1 - m) / 20.0);
            curve[m] = sum;
        }
        for (var m = 0; m < minutes; m++) curve[m] /= sum;
        return curve;
    }

    /// <summary>Today's volume so far over the volume a usual day has traded by now; null without a volume history.</summary>
    public static decimal? RelativeVolume(long volumeSoFar, long? averageDailyVolume, DateTimeOffset now)
    {
        if (averageDailyVolume is not > 0) return null;
        var expected = averageDailyVolume.Value * ExpectedShare(now);
        return Math.Round((decimal)(volumeSoFar / expected), 2, MidpointRounding.AwayFromZero);
    }
}
