namespace Catalyst.Modules.Reporting;

/// <summary>Bound from Catalyst:Reporting.</summary>
internal sealed class ReportingOptions
{
    public const string Section = "Catalyst:Reporting";

    /// <summary>
    /// Equity at the start of every report period when Risk cannot tell its capital (GetRiskParameters failing or not yet
    /// built). Percentages and drawdowns are measured against it.
    /// </summary>
    public decimal StartingEquity { get; set; } = 100_000m;

    /// <summary>A round trip whose |P&amp;L| is below this many dollars is a scratch, neither a win nor a loss.</summary>
    public decimal ScratchThreshold { get; set; } = 1m;

    /// <summary>Where the summary's "view the journal" line points, e.g. https://catalyst.example.com. Relative when unset.</summary>
    public string? PublicBaseUrl { get; set; }

    public EndOfDayOptions EndOfDay { get; set; } = new();
}

internal sealed class EndOfDayOptions
{
    public EmailSinkOptions Email { get; set; } = new();
    public WebhookSinkOptions Webhook { get; set; } = new();
}

/// <summary>SMTP delivery (MailKit). Configured when Host and To are both set.</summary>
internal sealed class EmailSinkOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string From { get; set; } = "catalyst@localhost";

    /// <summary>One or more addresses separated by ',' or ';'.</summary>
    public string? To { get; set; }

    /// <summary>TLS: implicit on port 465, STARTTLS on any other port. Off → plain SMTP (a local relay).</summary>
    public bool UseTls { get; set; }

    public string? User { get; set; }
    public string? Password { get; set; }
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Attach the day's equity chart (equity-YYYY-MM-DD.png).</summary>
    public bool AttachEquityChart { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && Recipients.Count > 0;

    public IReadOnlyList<string> Recipients =>
        (To ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>JSON POST of the summary. Configured when Url is set.</summary>
internal sealed class WebhookSinkOptions
{
    public string? Url { get; set; }

    /// <summary>Tries in all (the first included) on a network error, a timeout, 408, 429 or a 5xx.</summary>
    public int Attempts { get; set; } = 4;

    /// <summary>The wait before the second try; doubled for each try after it.</summary>
    public int RetryDelayMs { get; set; } = 1000;

    public int TimeoutSeconds { get; set; } = 10;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Url);
}
