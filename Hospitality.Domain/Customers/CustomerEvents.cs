namespace Hospitality.Domain.Customers;

// A customer's stream holds no readable personal data: names, phone, email, address, preferences, tags and note
// texts travel sealed with the customer's own key (CustomerKey). Erasure destroys the key, so the history stays
// (visits and counts survive) but nobody can read who it was about, in the events or anywhere else.

/// <summary>A guest was added to the tenant's guest book, by staff or through an agent.</summary>
/// <param name="Details">The sealed <see cref="CustomerDetails"/>.</param>
public sealed record CustomerRegistered(Guid CustomerId, string Details, string? LocationId, DateTimeOffset At);

/// <summary>Staff (or the guest, through an agent) changed the guest's details; the sealed details replace the old ones.</summary>
public sealed record CustomerDetailsChanged(Guid CustomerId, string Details, DateTimeOffset At);

/// <summary>The guest gave or withdrew a consent. Consents are kept as events so their history can be shown.</summary>
public sealed record CustomerConsentChanged(Guid CustomerId, ConsentKind Consent, bool Granted, string? LocationId, DateTimeOffset At);

/// <summary>Staff wrote a note about the guest, for the whole tenant or only for one location.</summary>
/// <param name="Text">The sealed note text.</param>
public sealed record CustomerNoteAdded(Guid CustomerId, Guid NoteId, string Text, NoteVisibility Visibility, string LocationId, DateTimeOffset At);

/// <summary>A note was taken back.</summary>
public sealed record CustomerNoteRemoved(Guid CustomerId, Guid NoteId, DateTimeOffset At);

/// <summary>
/// The guest asked to be forgotten (or staff deleted them). Their key is destroyed in the same transaction:
/// from then on no personal field of theirs can be read, while their visits still count.
/// </summary>
public sealed record CustomerErased(Guid CustomerId, DateTimeOffset At);

/// <summary>What a guest can agree to, each on its own.</summary>
public enum ConsentKind
{
    /// <summary>Transactional texts: booking confirmations, "your table is ready", reminders.</summary>
    Sms,
    /// <summary>Offers and news by text or email.</summary>
    Marketing,
    /// <summary>Every location of the business may see the profile; without it, only the location that added them.</summary>
    SharingAcrossLocations,
    /// <summary>The guest asked to take their profile to another business using Hospitality.</summary>
    Portability,
}

/// <summary>Who may read a note.</summary>
public enum NoteVisibility
{
    /// <summary>Every location of the tenant.</summary>
    Shared,
    /// <summary>Only staff of the location that wrote it.</summary>
    Location,
}

/// <summary>Everything personal about a guest, sealed as one value in their events.</summary>
public sealed record CustomerDetails(
    string FirstName, string LastName, string Phone, string? Email, DeliveryAddress? Address,
    CustomerPreferences Preferences, IReadOnlyList<string> Tags);

/// <summary>Where a delivery goes (seed 001's deliveryAddress; "pincode" is the postcode).</summary>
public sealed record DeliveryAddress(string? Street, string? Apartment, string? City, string? State, string? Postcode, string? Landmark);

/// <param name="FavoriteFlavors">Flavors the guest asks for, most liked first.</param>
/// <param name="SessionDurationMinutes">How long the guest usually stays.</param>
/// <param name="AddOnPreferences">Add-ons they like (ice hose, mint leaves, ...).</param>
/// <param name="Notes">Staff observations about taste; never contact details.</param>
public sealed record CustomerPreferences(
    IReadOnlyList<string> FavoriteFlavors, int SessionDurationMinutes, IReadOnlyList<string> AddOnPreferences, string Notes)
{
    public static readonly CustomerPreferences None = new([], 0, [], "");
}

/// <summary>
/// Staff found two profiles of one guest: <paramref name="AbsorbedId"/> now shows as part of this guest. Recorded on
/// both streams; nothing is copied, so both histories stay whole and the merge can be undone.
/// </summary>
public sealed record CustomerAbsorbed(Guid CustomerId, Guid AbsorbedId, DateTimeOffset At);

/// <summary>This profile was merged into <paramref name="SurvivorId"/>: lookups of it lead there.</summary>
public sealed record CustomerMergedInto(Guid CustomerId, Guid SurvivorId, DateTimeOffset At);

/// <summary>A merge was taken back (on both streams): the two profiles stand alone again, each with its own history.</summary>
public sealed record CustomerMergeUndone(Guid CustomerId, Guid OtherId, DateTimeOffset At);
