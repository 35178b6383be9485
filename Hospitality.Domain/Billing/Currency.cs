namespace Hospitality.Domain.Billing;

/// <summary>
/// An ISO 4217 currency and how many decimals its minor unit has: 0 for JPY (no minor unit), 2 for USD (cents),
/// 3 for KWD (fils). Only the currencies in <see cref="Known"/> exist, so an amount never carries a made-up code.
/// </summary>
public sealed record Currency
{
    private static readonly long[] PowersOfTen = [1, 10, 100, 1000];

    private Currency(string code, int exponent)
    {
        Code = code;
        Exponent = exponent;
    }

    /// <summary>The three-letter ISO 4217 code, upper case: "USD".</summary>
    public string Code { get; }

    /// <summary>Decimals in the minor unit: 0, 2 or 3.</summary>
    public int Exponent { get; }

    /// <summary>Minor units in one major unit: 1, 100 or 1000.</summary>
    public long MinorPerMajor => PowersOfTen[Exponent];

    public static readonly Currency JPY = new("JPY", 0);
    public static readonly Currency KRW = new("KRW", 0);
    public static readonly Currency USD = new("USD", 2);
    public static readonly Currency EUR = new("EUR", 2);
    public static readonly Currency GBP = new("GBP", 2);
    public static readonly Currency INR = new("INR", 2);
    public static readonly Currency AED = new("AED", 2);
    public static readonly Currency SAR = new("SAR", 2);
    public static readonly Currency QAR = new("QAR", 2);
    public static readonly Currency CAD = new("CAD", 2);
    public static readonly Currency AUD = new("AUD", 2);
    public static readonly Currency CHF = new("CHF", 2);
    public static readonly Currency KWD = new("KWD", 3);
    public static readonly Currency BHD = new("BHD", 3);
    public static readonly Currency OMR = new("OMR", 3);
    public static readonly Currency JOD = new("JOD", 3);
    public static readonly Currency TND = new("TND", 3);

    // Declared after the fields it lists: static fields initialise in text order.
    private static readonly Dictionary<string, Currency> ByCode = new Currency[]
    {
        JPY, KRW, USD, EUR, GBP, INR, AED, SAR, QAR, CAD, AUD, CHF, KWD, BHD, OMR, JOD, TND,
    }.ToDictionary(c => c.Code, StringComparer.Ordinal);

    /// <summary>Every currency an amount can be in, by code.</summary>
    public static IReadOnlyCollection<Currency> Known => ByCode.Values;

    /// <summary>
    /// The currency with this ISO 4217 code, ignoring case and surrounding spaces ("usd" is USD).
    /// </summary>
    /// <exception cref="DomainException">Invalid when the code is not one of <see cref="Known"/>.</exception>
    public static Currency Of(string? code)
    {
        var normalized = code?.Trim().ToUpperInvariant() ?? "";
        if (ByCode.TryGetValue(normalized, out var currency)) return currency;
        var known = string.Join(", ", ByCode.Keys.Order(StringComparer.Ordinal));
        throw DomainException.Invalid(normalized.Length == 0
            ? $"A currency is required; use one of {known}."
            : $"\"{code!.Trim()}\" is not a currency we accept; use one of {known}.");
    }

    public override string ToString() => Code;
}
