using System.Text.RegularExpressions;
using Catalyst.Modules.News.Contracts;

namespace Catalyst.Modules.News.Domain;

/// <summary>
/// Rule-based catalyst type from finance wording. The headline decides when it matches anything, the summary only
/// when it does not: summaries mention side topics ("…ahead of earnings next week") that would mislabel the story.
/// Rules are tried in precedence order — the rarer, more price-moving event wins when a headline names two
/// ("FDA approval lifts shares; analysts raise targets" is fda).
/// </summary>
internal static partial class CatalystClassifier
{
    private static readonly (string Type, Regex Pattern)[] Rules =
    [
        (CatalystTypes.Fda, Fda()),
        (CatalystTypes.MergerAcquisition, Merger()),
        (CatalystTypes.OfferingDilution, Offering()),
        (CatalystTypes.AnalystDowngrade, Downgrade()),
        (CatalystTypes.AnalystUpgrade, Upgrade()),
        (CatalystTypes.Guidance, GuidanceChange()),
        (CatalystTypes.Earnings, Earnings()),
        (CatalystTypes.Guidance, GuidanceMention()),
        (CatalystTypes.LegalRegulatory, Legal()),
        (CatalystTypes.ContractPartnership, Contract()),
        (CatalystTypes.Product, Product()),
    ];

    public static string Classify(string? headline, string? summary)
    {
        return Match(headline) ?? Match(summary) ?? CatalystTypes.Other;

        static string? Match(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            foreach (var (type, pattern) in Rules)
            {
                if (pattern.IsMatch(text)) return type;
            }
            return null;
        }
    }

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    [GeneratedRegex(@"\bFDA\b|food and drug administration|\bPDUFA\b|clinical (trial|hold|data)|\bphase\s?(1|2|3|i{1,3})\b|breakthrough (therapy|device)|orphan drug|fast[- ]track|complete response letter|\bCRL\b|\bNDA\b|\bBLA\b|\b510\(k\)|\bEMA\b|topline (data|results)|drug (approval|candidate)|(approves|approval of) .{0,40}(drug|therap|treatment|vaccine)", Options)]
    private static partial Regex Fda();

    [GeneratedRegex(@"\bacquir(e|es|ed|ing)\b|\bacquisition\b|\bmerger\b|\bmerg(e|es|ing)\b|takeover|buyout|tender offer|\bto buy\b.{0,40}\b(for|in)\b.{0,15}(\$|billion|million|deal)|\bbid for\b|go(es|ing)? private|\bto be acquired\b|\bcombine\b.{0,30}\b(all-stock|all-cash|deal)|\bspin[- ]?off\b", Options)]
    private static partial Regex Merger();

    [GeneratedRegex(@"(public|secondary|stock|share|equity|follow-on|registered direct|underwritten) offering|prices? .{0,40}offering|\boffering of\b.{0,30}\b(shares|stock|notes)|at[- ]the[- ]market|\bATM (program|offering)|private placement|convertible (senior )?notes|\bdilut(ion|ive|es)\b|shelf registration|\bwarrants?\b.{0,20}(exercise|offering)", Options)]
    private static partial Regex Offering();

    [GeneratedRegex(@"\bdowngrad(e|es|ed|ing)\b|\b(cuts?|lowers?|trims?|slashes?|reduces?)\b.{0,25}\b(price )?target|(price targets?|\bPTs?\b) (cut|lowered|trimmed|slashed|reduced)|\bto (sell|underperform|underweight|neutral|hold|market perform|equal[- ]weight)\b.{0,10}\bfrom\b|\bcuts? to (sell|underperform|underweight|neutral|hold|market perform|equal[- ]weight)|\bcut (at|by) [A-Z]", Options)]
    private static partial Regex Downgrade();

    [GeneratedRegex(@"\bupgrad(e|es|ed|ing)\b|\b(raises?|lifts?|hikes?|boosts?|bumps?|ups)\b.{0,25}\b(price )?target|(price targets?|\bPTs?\b) (raised|hiked|boosted|lifted|increased)|\bto (buy|outperform|overweight|strong buy)\b.{0,10}\bfrom\b|initiat(es|ed|ion).{0,40}\b(buy|outperform|overweight)\b|\bstarts?\b.{0,30}\bat (buy|outperform|overweight)", Options)]
    private static partial Regex Upgrade();

    [GeneratedRegex(@"\b(raises?|lifts?|boosts?|hikes?|cuts?|lowers?|slashes?|trims?|withdraws?|pulls?|suspends?|reaffirms?|reiterates?|maintains?|narrows?|issues?|ups)\b.{0,35}\b(guidance|outlook|forecast|view)\b|\b(guidance|outlook|forecast)\b.{0,10}\b(raised|cut|lowered|withdrawn|pulled|above|below|ahead)\b", Options)]
    private static partial Regex GuidanceChange();

    [GeneratedRegex(@"\bearnings\b|\bEPS\b|\b(beats?|miss(es)?|tops?|exceeds?|trails?)\b.{0,30}\b(estimates|expectations|consensus|forecasts|views)\b|\bQ[1-4]\b.{0,30}\b(results|revenue|sales|profit|loss|earnings|income)\b|(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter\b.{0,30}\b(results|profit|earnings|revenue|sales|loss|income)|quarterly (results|profit|loss|revenue|sales|earnings)|net (income|loss)\b|\bprofit (rises|falls|jumps|drops|surges|slumps|doubles)|\brevenue (rose|fell|grew|jumped|surged|declined|climbed)|\breports? (fiscal )?(q[1-4]|quarter|annual results)", Options)]
    private static partial Regex Earnings();

    [GeneratedRegex(@"\bguidance\b|\boutlook\b|\bforecasts?\b|\bsees (fy|full[- ]year|q[1-4]|20\d\d)", Options)]
    private static partial Regex GuidanceMention();

    [GeneratedRegex(@"lawsuit|\bsues?\b|\bsued\b|class action|\bSEC\b|\bDOJ\b|\bFTC\b|antitrust|\bprobe\b|investigation|subpoena|\bsettle(s|d|ment)?\b|\bfined?\b|\bpenalt(y|ies)\b|indict|fraud|regulator|\bcourt\b|\bjudge\b|\bverdict\b|\bsanctions?\b|patent infringement|\bban(s|ned)?\b|\bcompliance\b|delist", Options)]
    private static partial Regex Legal();

    [GeneratedRegex(@"\bcontracts?\b|partnership|\bpartners? with\b|\bteams? up\b|collaborat|\bagreement with\b|\bawarded\b|\bwins?\b.{0,40}\b(deal|order|contract|bid)\b|\border from\b|supply (deal|agreement)|joint venture|licens(e|ing) (deal|agreement)|strategic alliance|\bselect(s|ed) .{0,30} (as|to)\b", Options)]
    private static partial Regex Contract();

    [GeneratedRegex(@"\blaunch(es|ed|ing)?\b|\bunveil(s|ed|ing)?\b|\bintroduc(es|ed|ing)\b|\bdebuts?\b|\brolls? out\b|\bnew (product|model|chip|phone|device|service|platform|vehicle)|\bnext-generation\b|\breleases? (new|its)\b|\bshipping\b|\bavailable now\b", Options)]
    private static partial Regex Product();
}

/// <summary>
/// Catalyst strength 0–1 = type weight × sentiment factor × source reliability × recency decay:
/// <list type="bullet">
/// <item>type weight: how much such news tends to move a small/mid-cap on the day (<see cref="TypeWeight"/>).</item>
/// <item>sentiment factor = 0.5 + 0.5 × min(1, |score| / 0.8): a neutral story counts half, a clearly signed one
/// (|score| ≥ 0.8) in full, so strong, fresh, well-sourced earnings/FDA/M&amp;A news reaches 0.85–0.95.</item>
/// <item>source reliability: news.source_reliability (unknown sources 0.5).</item>
/// <item>recency = 0.5^(age hours / half-life), age from publication to scoring, half-life Catalyst:News:RecencyHalfLifeHours (24).</item>
/// </list>
/// </summary>
internal static class CatalystStrength
{
    public static double TypeWeight(string catalystType) => catalystType switch
    {
        CatalystTypes.Fda => 1.0,
        CatalystTypes.MergerAcquisition => 1.0,
        CatalystTypes.Earnings => 0.95,
        CatalystTypes.Guidance => 0.9,
        CatalystTypes.OfferingDilution => 0.85,
        CatalystTypes.AnalystUpgrade => 0.8,
        CatalystTypes.AnalystDowngrade => 0.8,
        CatalystTypes.ContractPartnership => 0.8,
        CatalystTypes.LegalRegulatory => 0.75,
        CatalystTypes.Product => 0.65,
        _ => 0.3,
    };

    public static double SentimentFactor(double sentimentScore) =>
        0.5 + 0.5 * Math.Min(1.0, Math.Abs(sentimentScore) / 0.8);

    public static double Recency(TimeSpan age, double halfLifeHours) =>
        halfLifeHours <= 0 ? 1.0 : Math.Pow(0.5, Math.Max(0, age.TotalHours) / halfLifeHours);

    public static double Compute(string catalystType, double sentimentScore, double reliability, TimeSpan age, double halfLifeHours)
    {
        var strength = TypeWeight(catalystType) * SentimentFactor(sentimentScore) * Math.Clamp(reliability, 0, 1)
                       * Recency(age, halfLifeHours);
        return Math.Round(Math.Clamp(strength, 0, 1), 4);
    }
}
