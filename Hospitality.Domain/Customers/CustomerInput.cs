using System.Net.Mail;

namespace Hospitality.Domain.Customers;

/// <summary>
/// A guest's details as staff, kiosks and agents send them: strings, phone numbers in local formats. The same
/// validation serves creating and editing, the staff form and the API.
/// </summary>
public sealed record CustomerInput(
    string? FirstName, string? LastName, string? Phone, string? Email = null, DeliveryAddress? Address = null,
    CustomerPreferences? Preferences = null, IReadOnlyList<string>? Tags = null)
{
    public const int MaxNameLength = 60, MaxEmailLength = 254, MaxAddressPartLength = 120, MaxTags = 20, MaxTagLength = 30;
    public const int MaxFlavors = 20, MaxFlavorLength = 60, MaxSessionMinutes = 600, MaxPreferenceNotesLength = 500;

    /// <summary>Validates and normalises; <paramref name="defaultCountry"/> reads phone numbers given without a country code.</summary>
    public CustomerDetails ToDetails(string defaultCountry)
    {
        var first = Name(FirstName, "first name", required: true);
        var last = Name(LastName, "last name", required: false);
        var phone = PhoneNumbers.Normalize(Phone, defaultCountry).E164;
        return new CustomerDetails(first, last, phone, EmailAddress(Email), Normalize(Address), Normalize(Preferences ?? CustomerPreferences.None), TagList(Tags));
    }

    /// <summary>Splits an agent's single "name" (seed 001's capture_customer_info) at its last space.</summary>
    public static (string First, string Last) SplitFullName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        var space = trimmed.LastIndexOf(' ');
        return space < 0 ? (trimmed, "") : (trimmed[..space].Trim(), trimmed[(space + 1)..]);
    }

    private static string Name(string? value, string what, bool required)
    {
        var trimmed = string.Join(' ', (value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (required && trimmed.Length == 0) throw DomainException.Invalid($"The guest's {what} is required.");
        if (trimmed.Length > MaxNameLength) throw DomainException.Invalid($"The {what} can be at most {MaxNameLength} characters.");
        if (trimmed.Any(char.IsControl)) throw DomainException.Invalid($"The {what} contains control characters.");
        return trimmed;
    }

    private static string? EmailAddress(string? email)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > MaxEmailLength || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed
            || !parsed.Host.Contains('.') || parsed.Host.EndsWith('.'))
            throw DomainException.Invalid($"'{trimmed}' is not an email address (expected something like name@example.com).");
        return trimmed;
    }

    private static DeliveryAddress? Normalize(DeliveryAddress? address)
    {
        if (address is null) return null;
        string? Part(string? value, string what)
        {
            var trimmed = value?.Trim();
            if (string.IsNullOrEmpty(trimmed)) return null;
            if (trimmed.Length > MaxAddressPartLength) throw DomainException.Invalid($"The address {what} can be at most {MaxAddressPartLength} characters.");
            return trimmed;
        }

        var normalized = new DeliveryAddress(Part(address.Street, "street"), Part(address.Apartment, "apartment"), Part(address.City, "city"),
            Part(address.State, "state"), Part(address.Postcode, "postcode"), Part(address.Landmark, "landmark"));
        return normalized == new DeliveryAddress(null, null, null, null, null, null) ? null : normalized;
    }

    private static CustomerPreferences Normalize(CustomerPreferences preferences)
    {
        var flavors = Distinct(preferences.FavoriteFlavors, "favorite flavor", MaxFlavors, MaxFlavorLength);
        var addOns = Distinct(preferences.AddOnPreferences, "add-on", MaxFlavors, MaxFlavorLength);
        if (preferences.SessionDurationMinutes is < 0 or > MaxSessionMinutes)
            throw DomainException.Invalid($"A typical session length must be between 0 and {MaxSessionMinutes} minutes.");
        var notes = preferences.Notes?.Trim() ?? "";
        if (notes.Length > MaxPreferenceNotesLength) throw DomainException.Invalid($"Preference notes can be at most {MaxPreferenceNotesLength} characters.");
        return new CustomerPreferences(flavors, preferences.SessionDurationMinutes, addOns, notes);
    }

    private static IReadOnlyList<string> TagList(IReadOnlyList<string>? tags) => Distinct(tags, "tag", MaxTags, MaxTagLength);

    private static IReadOnlyList<string> Distinct(IReadOnlyList<string>? values, string what, int max, int maxLength)
    {
        var list = (values ?? []).Select(v => v?.Trim() ?? "").Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (list.Count > max) throw DomainException.Invalid($"A guest can have at most {max} entries of {what}; {list.Count} were given.");
        if (list.FirstOrDefault(v => v.Length > maxLength) is { } tooLong)
            throw DomainException.Invalid($"The {what} '{tooLong[..20]}…' is longer than {maxLength} characters.");
        return list;
    }
}
