namespace Catalyst.SharedKernel.Messaging;

/// <summary>
/// A request that can check its own input. The Host's validation behaviour runs this before any handler, so a bad
/// request is a 400 naming the field and never reaches the database.
/// </summary>
public interface IValidatable
{
    /// <summary>Each problem as (field, message); empty when the request is valid.</summary>
    IEnumerable<(string Field, string Message)> Validate();
}
