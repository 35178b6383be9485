namespace Hospitality.Domain.Materials;

// A material's stream id is derived from its tenant and code (Material.StreamId), so the code is the identity: it is
// written once, in MaterialCreated, and never changes. MaterialChanged carries every other value in full (replace, not
// patch), so a reader never needs an earlier event to know what the material is now.

/// <summary>A manager (or an import) added a material to the tenant's dictionary.</summary>
/// <param name="DefaultCapacity">What a bin of this material holds by default, in <paramref name="Unit"/>.</param>
/// <param name="LowStockThreshold">Below this a bin counts as low on stock, in <paramref name="Unit"/>.</param>
public sealed record MaterialCreated(Guid MaterialId, string Code, string Name, MaterialUnit Unit, string Category,
    IReadOnlyList<MaterialSpec> Specs, long DefaultCapacity, long LowStockThreshold, DateTimeOffset At);

/// <summary>The material's name, unit, category, specs, capacity or threshold changed; the values replace the old ones.</summary>
public sealed record MaterialChanged(Guid MaterialId, string Name, MaterialUnit Unit, string Category,
    IReadOnlyList<MaterialSpec> Specs, long DefaultCapacity, long LowStockThreshold, DateTimeOffset At);

/// <summary>The material is no longer used: hidden from pickers, kept for history; its code stays taken.</summary>
public sealed record MaterialArchived(Guid MaterialId, DateTimeOffset At);

/// <summary>An archived material is in use again.</summary>
public sealed record MaterialRestored(Guid MaterialId, DateTimeOffset At);

/// <summary>The unit a material is counted in; quantities (capacity, threshold, stock) are whole numbers of it.</summary>
public enum MaterialUnit { G, Kg, Ml, L, Pcs }

/// <summary>One specification of a material, such as <c>origin = Brazil</c> or <c>fat = 3.5%</c>. Keys are lower-case.</summary>
public sealed record MaterialSpec(string Key, string Value);
