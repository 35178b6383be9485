using System.Globalization;

namespace Hospitality.Domain.Billing;

/// <summary>
/// An amount of money: a whole number of minor units (cents, fils; yen for JPY) in one currency. There is no
/// floating point anywhere, so 0.10 + 0.20 is exactly 0.30. Amounts combine only within one currency; a mismatch is
/// refused rather than converted. <c>default(Money)</c> has no currency and is not a valid amount.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    /// <param name="minor">The count of minor units; negative for a refund or a difference.</param>
    /// <param name="currency">The currency the units are in.</param>
    public Money(long minor, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        Minor = minor;
        Currency = currency;
    }

    /// <summary>The count of minor units: 1234 for 12.34 USD, 1200 for 1200 JPY, 1234 for 1.234 KWD.</summary>
    public long Minor { get; }

    public Currency Currency { get; }

    public static Money Zero(Currency currency) => new(0, currency);

    public bool IsNegative => Minor < 0;

    /// <summary>The sum of both amounts.</summary>
    /// <exception cref="DomainException">Invalid when the currencies differ or the sum is out of range.</exception>
    public static Money operator +(Money a, Money b)
    {
        RequireSameCurrency(a, b, "add");
        try { return new(checked(a.Minor + b.Minor), a.Currency); }
        catch (OverflowException) { throw TooLarge($"{a} plus {b}"); }
    }

    /// <summary>The difference of both amounts, negative when <paramref name="b"/> is larger.</summary>
    /// <exception cref="DomainException">Invalid when the currencies differ or the difference is out of range.</exception>
    public static Money operator -(Money a, Money b)
    {
        RequireSameCurrency(a, b, "subtract");
        try { return new(checked(a.Minor - b.Minor), a.Currency); }
        catch (OverflowException) { throw TooLarge($"{a} minus {b}"); }
    }

    public static Money operator -(Money a) => new Money(0, a.Currency) - a;

    /// <summary>This amount taken <paramref name="times"/> times: a unit price by a quantity.</summary>
    public Money Times(long times)
    {
        try { return new(checked(Minor * times), Currency); }
        catch (OverflowException) { throw TooLarge($"{this} times {times}"); }
    }

    /// <exception cref="DomainException">Invalid when the currencies differ: they have no order without a rate.</exception>
    public int CompareTo(Money other)
    {
        RequireSameCurrency(this, other, "compare");
        return Minor.CompareTo(other.Minor);
    }

    public static bool operator <(Money a, Money b) => a.CompareTo(b) < 0;
    public static bool operator >(Money a, Money b) => a.CompareTo(b) > 0;
    public static bool operator <=(Money a, Money b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Money a, Money b) => a.CompareTo(b) >= 0;

    /// <summary>The amount in major units with the currency's decimals, then the code: "12.34 USD", "1200 JPY", "-0.05 EUR".</summary>
    public override string ToString() => Currency is null ? $"{Minor} minor units" : $"{Amount()} {Currency.Code}";

    /// <summary>The amount without its code ("12.34"), in the same form <see cref="Parse"/> reads.</summary>
    public string Amount()
    {
        // Unsigned magnitude, so long.MinValue (whose negation overflows a long) still prints.
        var magnitude = Minor < 0 ? unchecked(0UL - (ulong)Minor) : (ulong)Minor;
        var unit = (ulong)Currency.MinorPerMajor;
        var sign = Minor < 0 ? "-" : "";
        var major = (magnitude / unit).ToString(CultureInfo.InvariantCulture);
        if (Currency.Exponent == 0) return sign + major;
        return $"{sign}{major}.{(magnitude % unit).ToString("D" + Currency.Exponent, CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// Reads an amount a person typed in major units: "12", "12.3" or "12.34" for USD; "1200" for JPY; "1.234" for KWD.
    /// Only digits and one '.' are accepted: no sign, no thousands separators, no exponent, and no more decimals than
    /// the currency has (so "12.345" USD is refused instead of being rounded).
    /// </summary>
    /// <exception cref="DomainException">Invalid with a sentence naming what was wrong.</exception>
    public static Money Parse(string? text, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        var s = text?.Trim() ?? "";
        var example = new Money(1234, currency).Amount();
        if (s.Length == 0) throw DomainException.Invalid($"An amount is required, like {example}.");
        if (s[0] == '-') throw DomainException.Invalid($"The amount \"{s}\" is negative; enter zero or more.");
        var dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? "" : s[(dot + 1)..];
        if (whole.Length == 0 || !whole.All(char.IsAsciiDigit) || dot >= 0 && (fraction.Length == 0 || !fraction.All(char.IsAsciiDigit)))
            throw DomainException.Invalid($"\"{s}\" is not an amount; write it like {example}.");
        if (fraction.Length > currency.Exponent)
            throw DomainException.Invalid(currency.Exponent == 0
                ? $"{currency.Code} has no minor unit, so \"{s}\" cannot have decimals."
                : $"\"{s}\" has {fraction.Length} decimals; {currency.Code} has {currency.Exponent}.");
        var digits = whole + fraction.PadRight(currency.Exponent, '0');
        long minor = 0;
        try { foreach (var digit in digits) minor = checked(minor * 10 + (digit - '0')); }
        catch (OverflowException) { throw TooLarge($"\"{s}\" {currency.Code}"); }
        return new Money(minor, currency);
    }

    private static void RequireSameCurrency(Money a, Money b, string verb)
    {
        if (a.Currency != b.Currency)
            throw DomainException.Invalid($"Cannot {verb} {a} and {b}: the currencies differ.");
    }

    private static DomainException TooLarge(string what) =>
        DomainException.Invalid($"{what} is larger than any amount we can hold.");
}
