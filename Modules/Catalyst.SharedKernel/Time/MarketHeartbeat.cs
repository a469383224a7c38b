namespace Catalyst.SharedKernel.Time;

/// <summary>
/// The beat that drives everything time-based in the trading day (workflow phases, position monitoring, simulated
/// fills). In Simulation the virtual clock's driver calls each subscriber once per virtual minute and awaits it before
/// moving time on, so a day runs deterministically at any speed; in Paper/Live a real-time timer calls it each minute.
/// The same strategy code therefore runs live and in a backtest.
/// </summary>
public interface IMarketHeartbeat
{
    /// <summary>
    /// <paramref name="onMinute"/> is called with the clock's current instant, on the minute. Subscribers run in the
    /// order of <paramref name="order"/> (lower first): the market and broker (0–99) before modules (100+).
    /// Dispose the result to unsubscribe.
    /// </summary>
    IDisposable Subscribe(string name, int order, Func<DateTimeOffset, CancellationToken, Task> onMinute);
}
