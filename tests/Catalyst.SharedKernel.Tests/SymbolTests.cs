using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;

namespace Catalyst.SharedKernel.Tests;

public sealed class SymbolTests
{
    [TestCase("TSLA", ExpectedResult = "TSLA")]
    [TestCase("BRK.B", ExpectedResult = "BRK.B")]
    [TestCase("A", ExpectedResult = "A")]
    [TestCase("ABCDEFGHIJ", ExpectedResult = "ABCDEFGHIJ")]
    [TestCase("tsla", ExpectedResult = "TSLA")]
    public string Valid_symbols_parse(string text) => Symbol.Parse(text).Value;

    [TestCase("")]
    [TestCase("1ABC")]
    [TestCase(".A")]
    [TestCase("ABCDEFGHIJK")]
    [TestCase("TS LA")]
    [TestCase("TSLA$")]
    public void Invalid_symbols_are_a_validation_error_naming_the_field(string text)
    {
        var ex = Assert.Throws<ValidationException>(() => Symbol.Parse(text, "ticker"));
        Assert.That(ex!.Field, Is.EqualTo("ticker"));
    }

    [Test]
    public void Money_rounds_to_cents_away_from_zero()
    {
        Assert.That(Money.Usd(10.005m).ToCents(), Is.EqualTo(Money.Usd(10.01m)));
        Assert.That(Money.Usd(-10.005m).ToCents(), Is.EqualTo(Money.Usd(-10.01m)));
        Assert.That((Money.Usd(1.10m) + Money.Usd(2.20m)).Amount, Is.EqualTo(3.30m));
    }
}
