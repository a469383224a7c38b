using System.Net;
using System.Net.Http.Json;
using Catalyst.Modules.Reporting.Contracts;
using Catalyst.SharedKernel.Serialization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Catalyst.Modules.Reporting.Features.EndOfDay;

/// <summary>What a sink sends: the summary, the report behind it and the day's chart when it could be drawn.</summary>
internal sealed record EndOfDayMessage(DateOnly Date, Guid? CycleId, string Subject, string Text, PerformanceReportDto Report,
    IReadOnlyList<JournalEntryDto> Trades, byte[]? EquityPng);

internal sealed record DeliveryResult(bool Delivered, int Attempts, string? Error);

internal interface IEndOfDaySink
{
    /// <summary>"email" or "webhook": stored with each delivery and reported in DeliveredTo / Failed.</summary>
    string Name { get; }

    bool IsConfigured { get; }

    /// <summary>Where it goes, safe to store and show (no credentials, no query string).</summary>
    string Target { get; }

    /// <summary>Never throws for a delivery failure: the result carries the error.</summary>
    Task<DeliveryResult> DeliverAsync(EndOfDayMessage message, CancellationToken ct);
}

/// <summary>SMTP through MailKit: text body, the equity chart attached.</summary>
internal sealed class EmailSink(IOptions<ReportingOptions> options, ILogger<EmailSink> logger) : IEndOfDaySink
{
    private EmailSinkOptions Options => options.Value.EndOfDay.Email;

    public string Name => "email";
    public bool IsConfigured => Options.IsConfigured;
    public string Target => string.Join(", ", Options.Recipients);

    public async Task<DeliveryResult> DeliverAsync(EndOfDayMessage message, CancellationToken ct)
    {
        var o = Options;
        try
        {
            var mail = new MimeMessage();
            mail.From.Add(MailboxAddress.Parse(o.From));
            foreach (var to in o.Recipients) mail.To.Add(MailboxAddress.Parse(to));
            mail.Subject = message.Subject;
            var body = new BodyBuilder { TextBody = message.Text };
            if (o.AttachEquityChart && message.EquityPng is { Length: > 0 } png)
                await body.Attachments.AddAsync($"equity-{message.Date:yyyy-MM-dd}.png", new MemoryStream(png),
                    new ContentType("image", "png"), ct);
            mail.Body = body.ToMessageBody();

            using var smtp = new SmtpClient { Timeout = o.TimeoutSeconds * 1000 };
            var security = !o.UseTls ? SecureSocketOptions.None
                : o.Port == 465 ? SecureSocketOptions.SslOnConnect
                : SecureSocketOptions.StartTls;
            await smtp.ConnectAsync(o.Host!, o.Port, security, ct);
            if (!string.IsNullOrEmpty(o.User)) await smtp.AuthenticateAsync(o.User, o.Password ?? string.Empty, ct);
            await smtp.SendAsync(mail, ct);
            await smtp.DisconnectAsync(quit: true, ct);
            return new DeliveryResult(true, 1, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogDebug(ex, "SMTP delivery to {Host}:{Port} failed", o.Host, o.Port);
            return new DeliveryResult(false, 1, $"{ex.GetType().Name}: {ex.Message}");
        }
    }
}

/// <summary>
/// A JSON POST (wire naming) retried on network errors, timeouts, 408, 429 and 5xx with doubling waits. Its own
/// HttpClient, not the factory's: the Host's default resilience handler would retry out of our sight (the attempt count
/// is part of the stored record) and would wait on the app's TimeProvider, which in Simulation is a virtual clock that
/// may stand still. Network back-off is wall-clock time by nature.
/// </summary>
internal sealed class WebhookSink(IOptions<ReportingOptions> options, ILogger<WebhookSink> logger) : IEndOfDaySink, IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan, // per attempt below
    };

    private WebhookSinkOptions Options => options.Value.EndOfDay.Webhook;

    public string Name => "webhook";
    public bool IsConfigured => Options.IsConfigured;

    public string Target => Uri.TryCreate(Options.Url, UriKind.Absolute, out var uri)
        ? uri.GetLeftPart(UriPartial.Path)
        : Options.Url ?? string.Empty;

    public async Task<DeliveryResult> DeliverAsync(EndOfDayMessage message, CancellationToken ct)
    {
        var o = Options;
        if (!Uri.TryCreate(o.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return new DeliveryResult(false, 0, $"Catalyst:Reporting:EndOfDay:Webhook:Url '{Target}' is not an absolute http(s) URL.");

        var payload = new EndOfDayWebhookPayload(EndOfDayWebhookPayload.EventName, message.Date, message.CycleId, message.Report,
            message.Text, message.Trades);
        var attempts = Math.Max(1, o.Attempts);
        var delay = TimeSpan.FromMilliseconds(Math.Max(0, o.RetryDelayMs));
        string? error = null;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(delay, ct);
                delay *= 2;
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, o.TimeoutSeconds)));
            try
            {
                using var response = await _http.PostAsJsonAsync(url, payload, WireJson.Options, timeout.Token);
                if (response.IsSuccessStatusCode) return new DeliveryResult(true, attempt, null);
                error = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
                if (!IsTransient(response.StatusCode)) return new DeliveryResult(false, attempt, error);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                error = $"timed out after {o.TimeoutSeconds} s";
            }
            catch (HttpRequestException ex)
            {
                error = ex.Message;
            }
            logger.LogWarning("Webhook {Target} attempt {Attempt}/{Attempts} failed: {Error}", Target, attempt, attempts, error);
        }
        return new DeliveryResult(false, attempts, error);
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    public void Dispose() => _http.Dispose();
}
