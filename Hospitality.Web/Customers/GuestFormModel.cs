using Hospitality.Domain.Customers;

namespace Hospitality.Web.Customers;

/// <summary>
/// What the staff guest form edits: text as typed, lists as comma-separated text. The domain's
/// <see cref="CustomerInput"/> validates and normalises; the form adds only seed 004's rule that both names are required.
/// </summary>
public sealed class GuestFormModel
{
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Email { get; set; } = "";
    public string Street { get; set; } = "";
    public string Apartment { get; set; } = "";
    public string City { get; set; } = "";
    public string State { get; set; } = "";
    public string Postcode { get; set; } = "";
    public string Landmark { get; set; } = "";
    public string FavoriteFlavors { get; set; } = "";
    public int? SessionMinutes { get; set; }
    public string AddOns { get; set; } = "";
    public string PreferenceNotes { get; set; } = "";
    public string Tags { get; set; } = "";
    public bool SmsConsent { get; set; }
    public bool MarketingConsent { get; set; }
    public bool SharingConsent { get; set; }
    public string? HomeLocationId { get; set; }

    public static GuestFormModel From(CustomerProfile guest) => new()
    {
        FirstName = guest.FirstName, LastName = guest.LastName, Phone = guest.Phone ?? "", Email = guest.Email ?? "",
        Street = guest.Address?.Street ?? "", Apartment = guest.Address?.Apartment ?? "", City = guest.Address?.City ?? "",
        State = guest.Address?.State ?? "", Postcode = guest.Address?.Postcode ?? "", Landmark = guest.Address?.Landmark ?? "",
        FavoriteFlavors = Join(guest.Preferences.FavoriteFlavors),
        SessionMinutes = guest.Preferences.SessionDurationMinutes == 0 ? null : guest.Preferences.SessionDurationMinutes,
        AddOns = Join(guest.Preferences.AddOnPreferences), PreferenceNotes = guest.Preferences.Notes, Tags = Join(guest.Tags),
        SmsConsent = guest.Consents.Sms, MarketingConsent = guest.Consents.Marketing, SharingConsent = guest.Consents.SharingAcrossLocations,
        HomeLocationId = guest.HomeLocationId,
    };

    /// <summary>
    /// Seed 004: staff must give both names, though agents may register a guest by first name only. Worded as the
    /// domain words its own checks, so the form reads the same whichever refused.
    /// </summary>
    public string? MissingName() =>
        string.IsNullOrWhiteSpace(FirstName) ? "The guest's first name is required."
        : string.IsNullOrWhiteSpace(LastName) ? "The guest's last name is required."
        : null;

    public CustomerInput ToInput() => new(
        FirstName, LastName, Phone, Email, new DeliveryAddress(Street, Apartment, City, State, Postcode, Landmark),
        new CustomerPreferences(Split(FavoriteFlavors), SessionMinutes ?? 0, Split(AddOns), PreferenceNotes), Split(Tags));

    public ConsentGrant Consents => new(SmsConsent, MarketingConsent, SharingConsent);

    private static string[] Split(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string Join(IEnumerable<string> values) => string.Join(", ", values);
}

/// <summary>Where "Cancel" and "Back" go: the page the user came from, if it is one of ours.</summary>
public static class ReturnUrl
{
    /// <summary><paramref name="url"/> when it is a path on this site; otherwise <paramref name="fallback"/> (never another host).</summary>
    public static string LocalOr(string? url, string fallback) =>
        url is ['/', ..] && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : fallback;

    /// <summary><paramref name="path"/> with <paramref name="returnTo"/> as its returnUrl.</summary>
    public static string With(string path, string returnTo) => $"{path}?returnUrl={Uri.EscapeDataString(returnTo)}";
}
