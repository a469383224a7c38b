namespace Catalyst.SharedKernel.Domain;

/// <summary>An amount of US dollars. Money is decimal everywhere; doubles never carry cash.</summary>
public readonly record struct Money(decimal Amount) : IComparable<Money>
{
    public static readonly Money Zero = new(0m);

    public static Money Usd(decimal amount) => new(amount);

    /// <summary>Rounded to the cent, away from zero, as brokers report cash.</summary>
    public Money ToCents() => new(Math.Round(Amount, 2, MidpointRounding.AwayFromZero));

    public static Money operator +(Money a, Money b) => new(a.Amount + b.Amount);
    public static Money operator -(Money a, Money b) => new(a.Amount - b.Amount);
    public static Money operator -(Money a) => new(-a.Amount);
    public static Money operator *(Money a, decimal factor) => new(a.Amount * factor);
    public static Money operator /(Money a, decimal divisor) => new(a.Amount / divisor);
    public static bool operator <(Money a, Money b) => a.Amount < b.Amount;
    public static bool operator >(Money a, Money b) => a.Amount > b.Amount;
    public static bool operator <=(Money a, Money b) => a.Amount <= b.Amount;
    public static bool operator >=(Money a, Money b) => a.Amount >= b.Amount;

    public int CompareTo(Money other) => Amount.CompareTo(other.Amount);

    public override string ToString() => Amount < 0 ? $"-${-Amount:N2}" : $"${Amount:N2}";
}
