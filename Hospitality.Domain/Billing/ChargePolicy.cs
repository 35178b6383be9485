using System.Globalization;
using Hospitality.Domain.Orders;

namespace Hospitality.Domain.Billing;

/// <summary>
/// A location's tax and service charge, in basis points (825 = 8.25%), and what they come to on an order. Pure: the
/// same policy, order type, subtotal and tip always give the same charges, so a staff order and a group-order room price
/// alike. Menu prices are taken as before tax; a venue whose prices include tax sets its tax rate to 0.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>The service charge is a percentage of the items subtotal.</item>
/// <item>Tax is a percentage of the subtotal <em>plus the service charge</em>: a service charge the venue adds by
/// itself is part of the price of the meal, and that is how sales tax (New York, California) and VAT or GST treat a
/// compulsory service charge. The tip is the guest's own choice and is never taxed.</item>
/// <item>Each is rounded once to the minor unit, half away from zero, in integer arithmetic (no floating point).</item>
/// </list>
/// Invalid rates cannot exist: the constructor, <c>with</c> and deserialisation refuse them.
/// </remarks>
public sealed record ChargePolicy
{
    public const int MaxTaxBasisPoints = 10_000, MaxServiceChargeBasisPoints = 5_000;
    private const int BasisPointsPerWhole = 10_000;

    /// <summary>No tax and no service charge: a location that has not set its charges.</summary>
    public static readonly ChargePolicy None = new(0, 0);

    // Not a positional record: its property initialisers would set the fields directly, skipping the range checks.
    /// <param name="TaxBasisPoints">Tax rate, 0 to 10000 (100%).</param>
    /// <param name="ServiceChargeBasisPoints">Service charge rate, 0 to 5000 (50%).</param>
    /// <param name="ServiceChargeDineInOnly">True: only dine-in orders pay the service charge (the usual case); false: every order does.</param>
    /// <exception cref="DomainException">Invalid, naming the rate, when a rate is out of range.</exception>
    public ChargePolicy(int TaxBasisPoints, int ServiceChargeBasisPoints, bool ServiceChargeDineInOnly = true)
    {
        this.TaxBasisPoints = TaxBasisPoints;
        this.ServiceChargeBasisPoints = ServiceChargeBasisPoints;
        this.ServiceChargeDineInOnly = ServiceChargeDineInOnly;
    }

    public int TaxBasisPoints
    {
        get;
        init => field = Bounded(value, MaxTaxBasisPoints, "tax rate");
    }

    public int ServiceChargeBasisPoints
    {
        get;
        init => field = Bounded(value, MaxServiceChargeBasisPoints, "service charge rate");
    }

    public bool ServiceChargeDineInOnly { get; init; }

    /// <summary>Whether an order of this type pays the service charge (never when the rate is zero).</summary>
    public bool ServiceApplies(OrderType type) =>
        ServiceChargeBasisPoints > 0 && (!ServiceChargeDineInOnly || type == OrderType.DineIn);

    /// <summary>The charges on an order of <paramref name="type"/>: see <see cref="ChargesFor(Money, bool, Money)"/>.</summary>
    public IReadOnlyList<OrderCharge> ChargesFor(OrderType type, Money subtotal, Money tip) => ChargesFor(subtotal, ServiceApplies(type), tip);

    /// <summary>
    /// The order's charges, ready for <see cref="Bill.Charges"/>: service charge, tax, then tip, each left out when zero.
    /// </summary>
    /// <param name="subtotal">The items subtotal.</param>
    /// <param name="serviceApplies">Whether the service charge is due (see <see cref="ServiceApplies"/>).</param>
    /// <param name="tip">The tip, in the subtotal's currency.</param>
    /// <exception cref="DomainException">Invalid when the tip is in another currency.</exception>
    public IReadOnlyList<OrderCharge> ChargesFor(Money subtotal, bool serviceApplies, Money tip)
    {
        if (tip.Currency != subtotal.Currency)
            throw DomainException.Invalid($"The tip is in {tip.Currency?.Code ?? "no currency"}; the order is in {subtotal.Currency.Code}.");
        var service = serviceApplies ? Percent(subtotal, ServiceChargeBasisPoints) : Money.Zero(subtotal.Currency);
        return NonZero(service, Percent(subtotal + service, TaxBasisPoints), tip);
    }

    /// <summary>The charges in their one order (service charge, tax, tip), zero ones left out.</summary>
    internal static IReadOnlyList<OrderCharge> NonZero(Money service, Money tax, Money tip)
    {
        OrderCharge[] all = [new(ChargeKind.ServiceCharge, service), new(ChargeKind.Tax, tax), new(ChargeKind.Tip, tip)];
        return [.. all.Where(c => c.Amount.Minor != 0)];
    }

    /// <summary><paramref name="basisPoints"/>/10000 of <paramref name="amount"/>, rounded to the minor unit half away from zero.</summary>
    public static Money Percent(Money amount, int basisPoints)
    {
        Int128 product = (Int128)amount.Minor * basisPoints;
        var magnitude = Int128.Abs(product);
        var rounded = (magnitude + BasisPointsPerWhole / 2) / BasisPointsPerWhole;
        // |amount · bp / 10000| ≤ |amount| for bp ≤ 10000, so it fits a long; larger rates are checked by the cast.
        return new Money(checked((long)(product < 0 ? -rounded : rounded)), amount.Currency);
    }

    /// <summary>
    /// Reads a rate typed as percent ("8.25", "10", "12.5%") exactly into basis points (825, 1000, 1250). Blank is 0.
    /// At most two decimals, since a basis point is 0.01%: "8.255" is refused rather than rounded.
    /// </summary>
    /// <param name="name">What the rate is, for the refusal: "tax rate".</param>
    /// <exception cref="DomainException">Invalid, naming the rate, when the text is not a percentage.</exception>
    public static int ParsePercent(string? text, string name)
    {
        var s = text?.Trim() ?? "";
        if (s.EndsWith('%')) s = s[..^1].TrimEnd();
        if (s.Length == 0) return 0;
        var dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? "" : s[(dot + 1)..];
        if (whole.Length == 0 || !whole.All(char.IsAsciiDigit) || dot >= 0 && (fraction.Length == 0 || !fraction.All(char.IsAsciiDigit)))
            throw DomainException.Invalid($"The {name} \"{text!.Trim()}\" is not a percentage; write it like 8.25.");
        if (fraction.Length > 2)
            throw DomainException.Invalid($"The {name} \"{text!.Trim()}\" has {fraction.Length} decimals; a rate has at most 2 (8.25).");
        var digits = whole.TrimStart('0') + fraction.PadRight(2, '0');
        if (digits.Length > 7) throw DomainException.Invalid($"The {name} \"{text!.Trim()}\" is far above 100%.");
        return int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>Basis points as the percent text <see cref="ParsePercent"/> reads: 825 is "8.25", 1000 is "10", 1250 is "12.5".</summary>
    public static string FormatPercent(int basisPoints) => FormatPercent((long)basisPoints);

    private static string FormatPercent(long basisPoints)
    {
        if (basisPoints < 0) return "-" + FormatPercent(-basisPoints);
        var whole = (basisPoints / 100).ToString(CultureInfo.InvariantCulture);
        var hundredths = basisPoints % 100;
        return hundredths == 0 ? whole : $"{whole}.{hundredths.ToString("D2", CultureInfo.InvariantCulture).TrimEnd('0')}";
    }

    private static int Bounded(int basisPoints, int max, string name) =>
        basisPoints is >= 0 && basisPoints <= max ? basisPoints
            : throw DomainException.Invalid(
                $"The {name} must be between 0% and {FormatPercent(max)}%; it was {FormatPercent((long)basisPoints)}%.");
}
