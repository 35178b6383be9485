using Hospitality.Domain.Common;

namespace Hospitality.Domain.Customers;

/// <summary>
/// A guest as staff see them (seed 000's CustomerProfile, seed 001's customer, seed 004's customer record): one
/// profile per tenant, followed across its locations. A read model kept by <see cref="CustomerProfileProjection"/>;
/// once erased, only <see cref="Id"/>, the dates and <see cref="Erased"/> remain.
/// </summary>
public sealed record CustomerProfile(
    string Id, string FirstName, string LastName, string? Phone, string? Email, DeliveryAddress? Address,
    CustomerPreferences Preferences, IReadOnlyList<string> Tags, CustomerConsents Consents, IReadOnlyList<CustomerNote> Notes,
    string? HomeLocationId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version, bool Erased = false,
    string? MergedInto = null, IReadOnlyList<string>? MergedFrom = null)
{
    /// <summary>Profiles merged into this one: their sessions and notes count as this guest's.</summary>
    public IReadOnlyList<string> Absorbed => MergedFrom ?? [];

    public const string ErasedName = "Erased guest";

    /// <summary>What cards and lists show.</summary>
    public string Name => Erased ? ErasedName : $"{FirstName} {LastName}".Trim();

    /// <summary>Lists sort by last name, then first name (seed 004).</summary>
    public string SortKey => $"{LastName} {FirstName}".Trim().ToLowerInvariant();

    /// <summary>What a search matches: the name either way round, the phone's digits and the email.</summary>
    public string SearchText => Erased ? "" :
        $"{FirstName} {LastName} {LastName} {FirstName} {new string((Phone ?? "").Where(char.IsDigit).ToArray())} {Email}".ToLowerInvariant();

    /// <summary>
    /// Whether <paramref name="actor"/> may see this guest at all: staff of every location may, staff of one location
    /// only when the guest is theirs or agreed to be known across the business's locations.
    /// </summary>
    public bool IsVisibleTo(Actor actor) =>
        actor.LocationId is null || HomeLocationId is null || Consents.SharingAcrossLocations || HomeLocationId == actor.LocationId;

    /// <summary>The profile as <paramref name="actor"/> may read it: another location's private notes left out.</summary>
    public CustomerProfile For(Actor actor) =>
        this with { Notes = [.. Notes.Where(n => n.Visibility == NoteVisibility.Shared || actor.CanReach(n.LocationId))] };
}

public sealed record CustomerConsents(bool Sms, bool Marketing, bool SharingAcrossLocations, bool Portability = false)
{
    public static readonly CustomerConsents None = new(false, false, false);

    public bool this[ConsentKind kind] => kind switch
    {
        ConsentKind.Sms => Sms,
        ConsentKind.Marketing => Marketing,
        ConsentKind.SharingAcrossLocations => SharingAcrossLocations,
        _ => Portability,
    };

    public CustomerConsents With(ConsentKind kind, bool granted) => kind switch
    {
        ConsentKind.Sms => this with { Sms = granted },
        ConsentKind.Marketing => this with { Marketing = granted },
        ConsentKind.SharingAcrossLocations => this with { SharingAcrossLocations = granted },
        _ => this with { Portability = granted },
    };
}

/// <param name="LocationId">Where it was written; a <see cref="NoteVisibility.Location"/> note is only shown there.</param>
/// <param name="By">The staff member who wrote it.</param>
public sealed record CustomerNote(Guid Id, string Text, NoteVisibility Visibility, string LocationId, string? By, DateTimeOffset At);

/// <summary>The phone index: at most one guest per mobile number in a tenant (inserted, so a second one conflicts).</summary>
public sealed record CustomerPhone(string Id, string CustomerId);
