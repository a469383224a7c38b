namespace Catalyst.Modules.Trading;

/// <summary>Configuration section <c>Catalyst:Trading</c>.</summary>
internal sealed class TradingOptions
{
    public const string Section = "Catalyst:Trading";

    /// <summary>
    /// How long (real seconds) a close waits for its market order to fill before answering "closing". Null: 5 with a real
    /// broker, 0 in Simulation, where fills happen on the next virtual minute and waiting in real time cannot help.
    /// </summary>
    public double? CloseFillWaitSeconds { get; set; }

    /// <summary>Reconcile when the session closes (16:00 ET, 13:00 on early closes) as well as at start-up.</summary>
    public bool ReconcileAtClose { get; set; } = true;
}
