namespace Hospitality.Domain.Customers;

/// <summary>A note's bookkeeping in the decision state: who may see it. Its text is only in the read model.</summary>
public sealed record NoteRef(Guid NoteId, NoteVisibility Visibility, string LocationId);

/// <summary>
/// What decisions about a guest need, folded from their events. Nothing personal: the events carry that sealed,
/// and deciding never needs to read it.
/// </summary>
public sealed record Customer(
    Guid Id, string? HomeLocationId, IReadOnlyDictionary<ConsentKind, bool> Consents, IReadOnlyList<NoteRef> Notes,
    bool Erased, long Version, Guid? MergedInto = null, IReadOnlyList<Guid>? MergedFrom = null)
{
    public IReadOnlyList<Guid> Absorbed => MergedFrom ?? [];

    public bool Consented(ConsentKind consent) => Consents.GetValueOrDefault(consent);

    public static Customer? Fold(Customer? state, object e, long version) => (state, e) switch
    {
        (null, CustomerRegistered r) => new Customer(r.CustomerId, r.LocationId, new Dictionary<ConsentKind, bool>(), [], false, version),
        (null, _) => null,
        (_, CustomerConsentChanged c) => state with
        {
            Consents = new Dictionary<ConsentKind, bool>(state.Consents) { [c.Consent] = c.Granted }, Version = version,
        },
        (_, CustomerNoteAdded n) => state with { Notes = [.. state.Notes, new NoteRef(n.NoteId, n.Visibility, n.LocationId)], Version = version },
        (_, CustomerNoteRemoved n) => state with { Notes = [.. state.Notes.Where(x => x.NoteId != n.NoteId)], Version = version },
        (_, CustomerErased) => state with { Erased = true, Notes = [], Version = version },
        (_, CustomerAbsorbed a) => state with { MergedFrom = [.. state.Absorbed, a.AbsorbedId], Version = version },
        (_, CustomerMergedInto m) => state with { MergedInto = m.SurvivorId, Version = version },
        (_, CustomerMergeUndone u) when state.MergedInto == u.OtherId => state with { MergedInto = null, Version = version },
        (_, CustomerMergeUndone u) => state with { MergedFrom = [.. state.Absorbed.Where(x => x != u.OtherId)], Version = version },
        _ => state with { Version = version },
    };
}
