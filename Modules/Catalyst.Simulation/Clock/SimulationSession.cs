using Catalyst.Simulation.Market;
using Catalyst.Simulation.News;
using Catalyst.Simulation.Replay;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Catalyst.Simulation.Clock;

/// <summary>
/// One simulated trading day: the virtual clock (07:55 ET), the heartbeat, and the market and news it drives. The hosted
/// driver paces it in real time; tests and backtests call <see cref="StepAsync"/> or <see cref="RunDayAsync"/> directly,
/// and never wait. A backtest over several days creates one session per date:
/// <code>
/// using var session = SimulationSession.Create(new SimulationOptions { Seed = 7, Date = new DateOnly(2026, 3, 2) });
/// session.Heartbeat.Subscribe("my-strategy", 100, (now, ct) => ...);
/// await session.RunDayAsync(ct);            // 07:56 … 16:05 ET, one minute per step
/// </code>
/// </summary>
public sealed class SimulationSession : IDisposable
{
    /// <summary>The driver stops after the 16:05 ET beat (after the close and the end-of-day reconciliation).</summary>
    public static readonly TimeOnly DayEnd = new(16, 5);

    private static readonly TimeSpan Step = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _stepping = new(1, 1);
    private readonly SimulatedHeartbeat _heartbeat;

    private SimulationSession(MarketDay day, IReadOnlyList<NewsArticle> articles, ILoggerFactory loggerFactory)
    {
        Day = day;
        Clock = VirtualClock.StartOfDay(day.Date);
        _heartbeat = new SimulatedHeartbeat(loggerFactory.CreateLogger<SimulatedHeartbeat>());
        Market = new SimulatedMarketData(day, Clock, _heartbeat);
        NewsWire = new SimulatedNews(articles, Clock, _heartbeat);
        EndOfDay = MarketTime.AtEastern(day.Date, DayEnd);
    }

    /// <summary>
    /// Builds the day from the options: the replayed CSV folder when ReplayDirectory is set, else the generated market for
    /// Date (default: the next trading day on or after today on <paramref name="systemClock"/>, the real clock).
    /// </summary>
    public static SimulationSession Create(SimulationOptions options, TimeProvider? systemClock = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        loggerFactory ??= NullLoggerFactory.Instance;
        if (options.ReplayDirectory is { Length: > 0 } directory)
            return new SimulationSession(CsvBarReplay.Load(directory).ToMarketDay(options.Date), [], loggerFactory);

        var date = options.ResolveDate(systemClock ?? TimeProvider.System);
        if (!NyseCalendar.IsTradingDay(date))
            throw new InvalidOperationException(
                $"{SimulationOptions.SectionName}:Date {date:yyyy-MM-dd} is not an NYSE trading day ({NyseCalendar.HolidayName(date) ?? date.DayOfWeek.ToString()}); the next one is {NyseCalendar.NextTradingDay(date):yyyy-MM-dd}.");
        var day = MarketGenerator.Generate(options.Seed, date, options.UniverseSize, options.CatalystDayShare);
        return new SimulationSession(day, NewsGenerator.Generate(options.Seed, day), loggerFactory);
    }

    public DateOnly Date => Day.Date;

    /// <summary>The session's TimeProvider; the Host registers it as the application's clock.</summary>
    public VirtualClock Clock { get; }

    public IMarketHeartbeat Heartbeat => _heartbeat;

    public IMarketDataPort MarketData => Market;

    public INewsPort News => NewsWire;

    /// <summary>16:05 ET on the simulated date.</summary>
    public DateTimeOffset EndOfDay { get; }

    public bool IsComplete => Clock.GetUtcNow() >= EndOfDay;

    internal MarketDay Day { get; }
    internal SimulatedMarketData Market { get; }
    internal SimulatedNews NewsWire { get; }

    /// <summary>
    /// Moves the clock one virtual minute (firing the timers due on the way), then runs every heartbeat subscriber in order,
    /// awaiting each. Returns false, doing nothing, once the day is complete.
    /// </summary>
    public async Task<bool> StepAsync(CancellationToken ct = default)
    {
        await _stepping.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (IsComplete) return false;
            var next = Clock.GetUtcNow() + Step;
            if (next > EndOfDay) next = EndOfDay;
            Clock.AdvanceTo(next);
            await _heartbeat.BeatAsync(next, ct).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _stepping.Release();
        }
    }

    /// <summary>Steps until <paramref name="until"/> (or the end of the day), without waiting in real time.</summary>
    public async Task RunUntilAsync(DateTimeOffset until, CancellationToken ct = default)
    {
        while (Clock.GetUtcNow() < until && await StepAsync(ct).ConfigureAwait(false))
        {
        }
    }

    /// <summary>Runs the rest of the day to 16:05 ET as fast as the subscribers allow.</summary>
    public Task RunDayAsync(CancellationToken ct = default) => RunUntilAsync(EndOfDay, ct);

    public void Dispose()
    {
        Market.Dispose();
        NewsWire.Dispose();
        _stepping.Dispose();
    }
}
