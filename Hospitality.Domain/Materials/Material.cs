using Hospitality.Domain.Common;

namespace Hospitality.Domain.Materials;

/// <summary>
/// A material of the tenant's dictionary (coffee beans, whole milk, 12 oz cups), folded from its events: the decision
/// state and, stored inline by the store, the read model. Device bins refer to it by <see cref="Id"/> or <see cref="Code"/>.
/// </summary>
/// <param name="Code">Unique per tenant, upper-case (<c>MILK-WHOLE</c>); never changes.</param>
/// <param name="Specs">Sorted by key.</param>
public sealed record Material(Guid Id, string Code, string Name, MaterialUnit Unit, string Category, IReadOnlyList<MaterialSpec> Specs,
    long DefaultCapacity, long LowStockThreshold, bool Archived, DateTimeOffset CreatedAt, DateTimeOffset ChangedAt, long Version)
{
    // Fixed forever: changing it would orphan every material stream already written.
    private static readonly Guid StreamNamespace = Guid.Parse("0b7f3c2e-5a41-4d8e-9f16-2c7a9e4b1d63");

    /// <summary>
    /// The material's stream id, a name-based UUID of tenant and normalized code: two creates of one code, even on two
    /// servers at once, meet on one stream and the second fails to start it. That is what keeps codes unique.
    /// </summary>
    public static Guid StreamId(string tenantId, string code) => NameBasedGuid.Create(StreamNamespace, $"material\n{tenantId}\n{code}");

    /// <summary>Code, name and category in lower case, for the list's search (the store's LIKE is case-sensitive).</summary>
    public string SearchText => $"{Code}\n{Name}\n{Category}".ToLowerInvariant();

    /// <summary>The category in lower case, for the list's category filter.</summary>
    public string CategoryKey => Category.ToLowerInvariant();

    /// <summary>Folds one event at stream version <paramref name="version"/>; null until the material is created.</summary>
    public static Material? Fold(Material? material, object e, long version) => (material, e) switch
    {
        (null, MaterialCreated c) => new Material(c.MaterialId, c.Code, c.Name, c.Unit, c.Category, c.Specs, c.DefaultCapacity,
            c.LowStockThreshold, false, c.At, c.At, version),
        (null, _) => null,
        (_, MaterialChanged c) => material with
        {
            Name = c.Name, Unit = c.Unit, Category = c.Category, Specs = c.Specs, DefaultCapacity = c.DefaultCapacity,
            LowStockThreshold = c.LowStockThreshold, ChangedAt = c.At, Version = version,
        },
        (_, MaterialArchived a) => material with { Archived = true, ChangedAt = a.At, Version = version },
        (_, MaterialRestored r) => material with { Archived = false, ChangedAt = r.At, Version = version },
        _ => material with { Version = version },
    };
}
