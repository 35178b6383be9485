namespace Hospitality.Domain.Customers;

/// <summary>
/// Merging two profiles of one guest, and undoing it: pure decisions over both guests' states, returning the
/// events for each stream. Both streams are written in one transaction, each at the version decided on.
/// </summary>
public static class MergeDecisions
{
    public static (object[] Survivor, object[] Absorbed) Merge(Customer? survivor, Customer? absorbed, DateTimeOffset at)
    {
        if (survivor is null || absorbed is null || survivor.Erased || absorbed.Erased)
            throw DomainException.NotFound("Both guests must exist to be merged.");
        if (survivor.Id == absorbed.Id) throw DomainException.Invalid("A guest cannot be merged with themselves.");
        if (survivor.MergedInto is not null) throw DomainException.Conflict("The guest to keep was itself merged into another profile; merge into that one.");
        if (absorbed.MergedInto is not null) throw DomainException.Conflict("That profile is already merged into another guest.");
        if (absorbed.Absorbed.Count > 0)
            throw DomainException.Conflict("That profile holds merged profiles of its own; keep it instead, or undo its merges first.");
        return ([new CustomerAbsorbed(survivor.Id, absorbed.Id, at)], [new CustomerMergedInto(absorbed.Id, survivor.Id, at)]);
    }

    public static (object[] Survivor, object[] Absorbed) Undo(Customer? survivor, Customer? absorbed, DateTimeOffset at)
    {
        if (survivor is null || absorbed is null) throw DomainException.NotFound("Both guests must exist to undo their merge.");
        if (absorbed.MergedInto != survivor.Id || !survivor.Absorbed.Contains(absorbed.Id))
            throw DomainException.Conflict("These two profiles are not merged, so there is nothing to undo.");
        if (survivor.Erased || absorbed.Erased) throw DomainException.Conflict("An erased guest's merge cannot be undone.");
        return ([new CustomerMergeUndone(survivor.Id, absorbed.Id, at)], [new CustomerMergeUndone(absorbed.Id, survivor.Id, at)]);
    }
}
