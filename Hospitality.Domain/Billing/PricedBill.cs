namespace Hospitality.Domain.Billing;

/// <summary>A bill checked once and reduced to minor units: what the split modes work from.</summary>
internal sealed record PricedBill(
    Currency Currency, IReadOnlyDictionary<string, long> ItemsByOwner, long Items, long[] Charges, long Total)
{
    public static PricedBill Of(Bill bill)
    {
        var currency = bill.Currency ?? throw DomainException.Invalid("A bill needs a currency.");
        var lines = bill.Lines ?? [];
        var charges = bill.Charges ?? [];
        var byOwner = new Dictionary<string, long>(StringComparer.Ordinal);
        long items = 0, total;
        try
        {
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                if (string.IsNullOrWhiteSpace(line.Owner)) throw DomainException.Invalid($"Line {i + 1} of the bill has no owner.");
                if (line.Quantity < 1)
                    throw DomainException.Invalid($"Line {i + 1} of the bill has quantity {line.Quantity}; it must be at least 1.");
                RequireAmount(line.UnitPrice, currency, $"The unit price on line {i + 1}");
                var lineTotal = checked(line.UnitPrice.Minor * line.Quantity);
                byOwner[line.Owner] = checked(byOwner.GetValueOrDefault(line.Owner) + lineTotal);
                items = checked(items + lineTotal);
            }
            total = items;
            foreach (var charge in charges)
            {
                RequireAmount(charge.Amount, currency, $"The {Name(charge.Kind)}");
                total = checked(total + charge.Amount.Minor);
            }
        }
        catch (OverflowException)
        {
            throw DomainException.Invalid("The bill is larger than any amount we can hold.");
        }
        return new PricedBill(currency, byOwner, items, charges.Select(c => c.Amount.Minor).ToArray(), total);
    }

    /// <summary>Refuses an amount in another currency than the bill's, or below zero.</summary>
    public static void RequireAmount(Money amount, Currency currency, string what)
    {
        if (amount.Currency != currency)
            throw DomainException.Invalid($"{what} is in {amount.Currency?.Code ?? "no currency"}; the bill is in {currency.Code}.");
        if (amount.IsNegative)
            throw DomainException.Invalid($"{what} is {amount}; amounts on a bill cannot be negative.");
    }

    private static string Name(ChargeKind kind) => kind switch
    {
        ChargeKind.Tax => "tax",
        ChargeKind.ServiceCharge => "service charge",
        ChargeKind.DeliveryFee => "delivery fee",
        ChargeKind.Tip => "tip",
        _ => kind.ToString(),
    };
}
