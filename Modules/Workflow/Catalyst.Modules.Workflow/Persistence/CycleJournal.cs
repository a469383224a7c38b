using System.Text.Json;
using Catalyst.SharedKernel.Serialization;

namespace Catalyst.Modules.Workflow.Persistence;

/// <summary>Builds timeline and decision rows; the caller saves them in the same SaveChanges as the state they describe.</summary>
internal static class CycleJournal
{
    public static CycleEventRow Event(Guid cycleId, DateTimeOffset at, string type, string description,
        IReadOnlyDictionary<string, object?>? metadata = null) => new()
    {
        CycleId = cycleId,
        Timestamp = at,
        EventType = type,
        Description = Truncate(description, 1000),
        Metadata = ToJson(metadata),
    };

    public static DecisionLogRow Decision(Guid? cycleId, DateTimeOffset at, string type, long? securityId, string decision,
        string reason, IReadOnlyDictionary<string, object?> features, Guid? orderId = null, Guid? positionId = null) => new()
    {
        CycleId = cycleId,
        Timestamp = at,
        DecisionType = type,
        SecurityId = securityId,
        Decision = decision,
        Reason = Truncate(reason, 1000),
        OrderId = orderId,
        PositionId = positionId,
        Features = ToJson(features),
    };

    public static string ToJson(IReadOnlyDictionary<string, object?>? values) =>
        JsonSerializer.Serialize(values ?? new Dictionary<string, object?>(), WireJson.Options);

    public static IReadOnlyDictionary<string, object?> FromJson(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, object?>>(json, WireJson.Options) ?? [];

    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
