using System.Reflection;
using Hospitality.Domain.Billing;
using Hospitality.Domain;

namespace Hospitality.Tests.Billing;

public class MoneyTests
{
    [Theory]
    [InlineData("JPY", 0)]
    [InlineData("USD", 2)]
    [InlineData("eur", 2)]
    [InlineData(" gbp ", 2)]
    [InlineData("INR", 2)]
    [InlineData("AED", 2)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("OMR", 3)]
    [InlineData("JOD", 3)]
    [InlineData("TND", 3)]
    public void A_known_currency_is_found_by_its_code_with_its_decimals(string code, int exponent)
    {
        var currency = Currency.Of(code);
        Assert.Equal(code.Trim().ToUpperInvariant(), currency.Code);
        Assert.Equal(exponent, currency.Exponent);
    }

    [Theory]
    [InlineData("XYZ", "\"XYZ\" is not a currency we accept; use one of AED, AUD,")]
    [InlineData("", "A currency is required; use one of AED,")]
    [InlineData(null, "A currency is required")]
    public void An_unknown_currency_is_refused_with_the_ones_we_accept(string? code, string reason)
    {
        var error = Assert.Throws<DomainException>(() => Currency.Of(code));
        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.StartsWith(reason, error.Message);
    }

    [Theory]
    [InlineData(1234, "USD", "12.34 USD")]
    [InlineData(5, "USD", "0.05 USD")]
    [InlineData(-5, "EUR", "-0.05 EUR")]
    [InlineData(1200, "JPY", "1200 JPY")]
    [InlineData(1234, "KWD", "1.234 KWD")]
    [InlineData(0, "KWD", "0.000 KWD")]
    [InlineData(long.MinValue, "USD", "-92233720368547758.08 USD")]
    public void An_amount_shows_in_major_units_with_the_currency_decimals(long minor, string code, string shown) =>
        Assert.Equal(shown, new Money(minor, Currency.Of(code)).ToString());

    [Theory]
    [InlineData("12.34", "USD", 1234)]
    [InlineData("12.3", "USD", 1230)]
    [InlineData(" 12 ", "USD", 1200)]
    [InlineData("0.05", "USD", 5)]
    [InlineData("1200", "JPY", 1200)]
    [InlineData("1.234", "KWD", 1234)]
    [InlineData("1.2", "KWD", 1200)]
    [InlineData("92233720368547758.07", "USD", long.MaxValue)]
    public void An_amount_in_major_units_parses_to_exact_minor_units(string text, string code, long minor) =>
        Assert.Equal(new Money(minor, Currency.Of(code)), Money.Parse(text, Currency.Of(code)));

    [Theory]
    [InlineData("12.345", "USD", "\"12.345\" has 3 decimals; USD has 2.")]
    [InlineData("12.340", "USD", "\"12.340\" has 3 decimals; USD has 2.")]
    [InlineData("12.5", "JPY", "JPY has no minor unit, so \"12.5\" cannot have decimals.")]
    [InlineData("-1.00", "USD", "The amount \"-1.00\" is negative; enter zero or more.")]
    [InlineData("92233720368547758.08", "USD", "\"92233720368547758.08\" USD is larger than any amount we can hold.")]
    [InlineData("", "USD", "An amount is required, like 12.34.")]
    [InlineData("1,000.00", "USD", "\"1,000.00\" is not an amount; write it like 12.34.")]
    [InlineData("1e3", "USD", "\"1e3\" is not an amount")]
    [InlineData(".5", "USD", "\".5\" is not an amount")]
    [InlineData("5.", "USD", "\"5.\" is not an amount")]
    [InlineData("+5", "USD", "\"+5\" is not an amount")]
    [InlineData("١٢", "USD", "is not an amount")]
    [InlineData("1.2.3", "KWD", "\"1.2.3\" is not an amount; write it like 1.234.")]
    public void An_amount_that_is_not_exact_in_the_currency_is_refused_with_the_reason(string text, string code, string reason)
    {
        var error = Assert.Throws<DomainException>(() => Money.Parse(text, Currency.Of(code)));
        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains(reason, error.Message);
    }

    [Theory, InlineData(21), InlineData(22)]
    public void What_is_shown_parses_back_to_the_same_amount(int seed) =>
        Cases.Run(seed, 2_000, r => new Money(Cases.Total(r), Cases.Currencies[r.Next(3)]), m => $"{m.Minor} {m.Currency}",
            m => Assert.Equal(m, Money.Parse(m.Amount(), m.Currency)));

    [Fact]
    public void Amounts_in_one_currency_add_subtract_and_compare_exactly()
    {
        var dime = Money.Parse("0.10", Currency.USD);
        var twenty = Money.Parse("0.20", Currency.USD);
        Assert.Equal(Money.Parse("0.30", Currency.USD), dime + twenty);
        Assert.Equal(new Money(-10, Currency.USD), dime - twenty);
        Assert.Equal(new Money(-10, Currency.USD), -dime);
        Assert.True(dime < twenty && twenty > dime && dime <= Money.Parse("0.1", Currency.USD) && twenty >= dime);
        Assert.False(twenty < dime || dime > twenty || twenty <= dime || dime >= twenty);
        Assert.Equal(new Money(3600, Currency.JPY), new Money(1200, Currency.JPY).Times(3));
    }

    [Fact]
    public void Amounts_in_different_currencies_are_refused_rather_than_mixed()
    {
        var usd = new Money(100, Currency.USD);
        var eur = new Money(100, Currency.EUR);
        Assert.Equal("Cannot add 1.00 USD and 1.00 EUR: the currencies differ.", Assert.Throws<DomainException>(() => usd + eur).Message);
        Assert.Equal("Cannot subtract 1.00 USD and 1.00 EUR: the currencies differ.", Assert.Throws<DomainException>(() => usd - eur).Message);
        Assert.Throws<DomainException>(() => usd < eur);
        Assert.NotEqual(usd, eur);
    }

    [Fact]
    public void An_amount_beyond_the_range_is_refused_rather_than_wrapped()
    {
        var largest = new Money(long.MaxValue, Currency.USD);
        Assert.Throws<DomainException>(() => largest + new Money(1, Currency.USD));
        Assert.Throws<DomainException>(() => new Money(long.MinValue, Currency.USD) - new Money(1, Currency.USD));
        Assert.Throws<DomainException>(() => -new Money(long.MinValue, Currency.USD));
        Assert.Throws<DomainException>(() => largest.Times(2));
    }

    [Fact]
    public void No_public_member_of_the_money_kernel_takes_or_gives_a_floating_point_number()
    {
        Type[] floating = [typeof(double), typeof(float), typeof(decimal)];
        var types = typeof(Money).Assembly.GetTypes().Where(t => t.Namespace == typeof(Money).Namespace).ToList();
        Assert.Contains(typeof(Allocation), types);
        var offenders =
            from type in types
            from member in type.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            let used = member switch
            {
                FieldInfo f => (IEnumerable<Type>)[f.FieldType],
                PropertyInfo p => [p.PropertyType],
                MethodInfo m => m.GetParameters().Select(x => x.ParameterType).Append(m.ReturnType),
                ConstructorInfo c => c.GetParameters().Select(x => x.ParameterType),
                _ => [],
            }
            where used.Any(floating.Contains)
            select $"{type.Name}.{member.Name}";
        Assert.Empty(offenders);
    }
}
