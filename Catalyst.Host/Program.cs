using Catalyst.Host;
using Catalyst.Host.Backtesting;
using Catalyst.Host.Infrastructure;
using Catalyst.Modules.Orchestration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Scalar.AspNetCore;

// backtest: the command-line backtest runs in this process and exits; no web host is built.
if (args is [BacktestCommand.Name, ..])
{
    using var interrupt = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; interrupt.Cancel(); };
    return await BacktestCommand.RunAsync(args[1..], Console.Out, Console.Error, interrupt.Token);
}

// --mcp-stdio: MCP over stdin/stdout for a local Claude Desktop (logs on stderr, no HTTP listener).
var builder = WebApplication.CreateBuilder(OrchestrationModule.WithoutStdioSwitch(args));
OrchestrationModule.UseMcpStdioIfRequested(builder, args);

builder.AddServiceDefaults();
builder.Services.AddCatalyst(builder.Configuration);
builder.Services.AddBacktesting(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ErrorEnvelopeExceptionHandler>();
// A body or parameter that does not bind throws (in every environment, not only Development), so the envelope handler
// can name the field ("quantity" for {"quantity":"ten"}) instead of an anonymous 400.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

builder.Services.AddSingleton<ApiKeyStore>();
builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build());
builder.Services.AddOpenApi();

var app = builder.Build();

app.UseMiddleware<RequestIdMiddleware>();
app.UseExceptionHandler();
app.UseStatusCodePages(context =>
{
    var status = context.HttpContext.Response.StatusCode;
    var (code, message) = status switch
    {
        404 => ("NOT_FOUND", $"No route {context.HttpContext.Request.Method} {context.HttpContext.Request.Path}."),
        405 => ("METHOD_NOT_ALLOWED", $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}."),
        415 => ("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json."),
        _ => ("HTTP_" + status, "The request could not be served."),
    };
    return ErrorEnvelope.WriteAsync(context.HttpContext, status, code, message, null);
});
app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
var openApi = app.MapOpenApi();
if (app.Environment.IsDevelopment())
{
    // The document and its browsable UI describe routes, not data; open them locally so a browser can read them.
    openApi.AllowAnonymous();
    app.MapScalarApiReference().AllowAnonymous();
}
app.MapSystemEndpoints();
app.MapCatalystModules();
app.MapBacktestEndpoints();

var keys = app.Services.GetRequiredService<ApiKeyStore>();
if (keys.Count == 0)
    app.Logger.LogWarning("No API keys configured (Catalyst__ApiKeys__<name>=<key>): every route but /health and /alive will answer 401.");

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
