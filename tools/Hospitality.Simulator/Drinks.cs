namespace Hospitality.Simulator;

/// <summary>A drink on a virtual machine's menu and what one cup takes from each bin (a bin the machine lacks is skipped).</summary>
public sealed record Drink(string Name, string Price, IReadOnlyList<(string Bin, long Amount)> Uses);

/// <summary>The menu every virtual machine sells from, and the bins a new one starts with.</summary>
public static class Drinks
{
    public static readonly IReadOnlyList<Drink> Menu =
    [
        new("Espresso", "2.50", [("beans", 18), ("cups", 1)]),
        new("Cappuccino", "3.60", [("beans", 18), ("milk", 150), ("cups", 1)]),
        new("Latte", "3.90", [("beans", 18), ("milk", 220), ("cups", 1)]),
        new("Hot chocolate", "3.40", [("chocolate", 30), ("milk", 200), ("cups", 1)]),
    ];

    /// <summary>Bins (and the materials of the demo catalog in them) a machine gets when nothing else is said.</summary>
    public static readonly IReadOnlyList<(string Bin, string MaterialCode, long Capacity, long Threshold)> StandardBins =
    [
        ("beans", "BEANS-ESPRESSO", 1000, 200),
        ("milk", "MILK-WHOLE", 2000, 500),
        ("cups", "CUP-12OZ", 100, 20),
    ];
}
