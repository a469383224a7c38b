using System.Globalization;

namespace Catalyst.Modules.Reporting.Features.Reports;

/// <summary>How numbers read in the summary, the chart title and the email: "-$450.25", "+$1,250.75", "-0.45%", "62.5%".</summary>
internal static class SummaryFormat
{
    public static string Usd(decimal value, bool signed = false)
    {
        var text = Math.Abs(value).ToString("#,##0.00", CultureInfo.InvariantCulture);
        return value < 0m ? "-$" + text : signed && value > 0m ? "+$" + text : "$" + text;
    }

    /// <summary>A value already in percent (−0.45 → "-0.45%").</summary>
    public static string Pct(decimal percent) =>
        (percent > 0m ? "+" : "") + percent.ToString("0.00", CultureInfo.InvariantCulture) + "%";

    /// <summary>A fraction as percent (0.625 → "62.5%").</summary>
    public static string Fraction(decimal fraction) =>
        (fraction * 100m).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Number(decimal? value, string format = "0.00") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";
}
