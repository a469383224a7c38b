namespace Catalyst.SharedKernel.Securities;

/// <summary>The securities master row: every module refers to a security by this id, never by a free-text symbol.</summary>
public sealed class Security
{
    public long Id { get; set; }
    public required string Symbol { get; set; }
    public string? Name { get; set; }
    public string? Exchange { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
