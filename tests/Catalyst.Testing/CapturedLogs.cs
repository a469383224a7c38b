using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Catalyst.Testing;

/// <summary>
/// Keeps what a test host logs at <see cref="MinimumLevel"/> or above, so a failing test can show the host's own account
/// of what went wrong (register with <c>services.AddSingleton&lt;ILoggerProvider&gt;(logs)</c>).
/// </summary>
public sealed class CapturedLogs(LogLevel minimumLevel = LogLevel.Warning) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public LogLevel MinimumLevel { get; } = minimumLevel;

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var line = $"{logLevel} {category}: {formatter(state, exception)}";
            if (exception is not null) line += Environment.NewLine + exception;
            owner._lines.Enqueue(line);
        }
    }
}
