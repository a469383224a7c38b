using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.Reporting.Tests;

/// <summary>A Kestrel endpoint on loopback that records each POST body and answers with the next scripted status.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Queue<int> _statuses;
    private readonly List<string> _bodies = [];

    private WebhookReceiver(WebApplication app, IEnumerable<int> statuses)
    {
        _app = app;
        _statuses = new Queue<int>(statuses);
    }

    /// <summary>Answers each request with the next of <paramref name="statuses"/>, then 200 for ever.</summary>
    public static async Task<WebhookReceiver> StartAsync(params int[] statuses)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, statuses);
        app.MapPost("/hooks/eod", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            int status;
            lock (receiver._bodies)
            {
                receiver._bodies.Add(body);
                status = receiver._statuses.Count > 0 ? receiver._statuses.Dequeue() : 200;
            }
            context.Response.StatusCode = status;
        });
        await app.StartAsync();
        return receiver;
    }

    public Uri Url => new(_app.Urls.First() + "/hooks/eod");

    public IReadOnlyList<string> Bodies
    {
        get { lock (_bodies) return [.. _bodies]; }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
