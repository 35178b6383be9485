using Hospitality.EventStore;

namespace Hospitality.Domain.Customers;

/// <summary>
/// Keeps <see cref="CustomerProfile"/> and the <see cref="CustomerPhone"/> index in step with customer events, in the
/// committing transaction. It unseals with the guest's key; with the key gone (erased) it keeps only the stub.
/// </summary>
public sealed class CustomerProfileProjection : IProjection
{
    public string Name => "customer-profiles";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<StreamAction> streams, CancellationToken ct)
    {
        foreach (var stream in streams.Where(s => s.Events.Any(e => IsCustomerEvent(e.Data))))
        {
            var id = DocumentRegistry.IdString(stream.Id);
            var profile = await operations.LoadAsync<CustomerProfile>(id, ct);
            var key = await operations.LoadAsync<CustomerKey>(id, ct);
            var phoneBefore = profile?.Phone;
            foreach (var e in stream.Events) profile = Apply(profile, key, e);
            if (profile is null) continue;
            operations.Store(profile);
            if (phoneBefore == profile.Phone) continue;
            if (phoneBefore is not null) operations.Delete<CustomerPhone>(phoneBefore);
            if (profile.Phone is not null) operations.Insert(new CustomerPhone(profile.Phone, id));
        }
    }

    public static CustomerProfile? Apply(CustomerProfile? profile, CustomerKey? key, IEvent e) => (profile, e.Data) switch
    {
        (null, CustomerRegistered r) => WithDetails(
            new CustomerProfile(r.CustomerId.ToString(), "", "", null, null, null, CustomerPreferences.None, [], CustomerConsents.None, [],
                r.LocationId, r.At, r.At, e.Version, Erased: key is null),
            key, r.Details),
        (null, _) => null,
        (_, CustomerDetailsChanged c) => WithDetails(profile with { UpdatedAt = c.At, Version = e.Version }, key, c.Details),
        (_, CustomerConsentChanged c) => profile with { Consents = profile.Consents.With(c.Consent, c.Granted), UpdatedAt = c.At, Version = e.Version },
        (_, CustomerNoteAdded n) when !profile.Erased && key is not null => profile with
        {
            Notes = [.. profile.Notes, new CustomerNote(n.NoteId, key.Unseal<string>(n.Text), n.Visibility, n.LocationId, e.UserName, n.At)],
            UpdatedAt = n.At, Version = e.Version,
        },
        (_, CustomerNoteRemoved n) => profile with { Notes = [.. profile.Notes.Where(x => x.Id != n.NoteId)], UpdatedAt = n.At, Version = e.Version },
        (_, CustomerErased x) => ErasedStub(profile) with { UpdatedAt = x.At, Version = e.Version },
        (_, CustomerAbsorbed a) => profile with { MergedFrom = [.. profile.Absorbed, a.AbsorbedId.ToString()], UpdatedAt = a.At, Version = e.Version },
        (_, CustomerMergedInto m) => profile with { MergedInto = m.SurvivorId.ToString(), UpdatedAt = m.At, Version = e.Version },
        (_, CustomerMergeUndone u) when profile.MergedInto == u.OtherId.ToString() => profile with { MergedInto = null, UpdatedAt = u.At, Version = e.Version },
        (_, CustomerMergeUndone u) => profile with
        {
            MergedFrom = [.. profile.Absorbed.Where(x => x != u.OtherId.ToString())], UpdatedAt = u.At, Version = e.Version,
        },
        _ => profile with { Version = e.Version },
    };

    private static CustomerProfile WithDetails(CustomerProfile profile, CustomerKey? key, string sealedDetails)
    {
        if (profile.Erased || key is null) return ErasedStub(profile);
        var d = key.Unseal<CustomerDetails>(sealedDetails);
        return profile with
        {
            FirstName = d.FirstName, LastName = d.LastName, Phone = d.Phone, Email = d.Email, Address = d.Address,
            Preferences = d.Preferences, Tags = d.Tags,
        };
    }

    private static CustomerProfile ErasedStub(CustomerProfile profile) => profile with
    {
        FirstName = "", LastName = "", Phone = null, Email = null, Address = null, Preferences = CustomerPreferences.None,
        Tags = [], Notes = [], Erased = true,
    };

    private static bool IsCustomerEvent(object data) =>
        data is CustomerRegistered or CustomerDetailsChanged or CustomerConsentChanged or CustomerNoteAdded or CustomerNoteRemoved or CustomerErased
            or CustomerAbsorbed or CustomerMergedInto or CustomerMergeUndone;
}
