using System.Globalization;
using System.Text;

namespace Hospitality.Domain.Customers;

/// <summary>
/// A phone number in E.164 form, e.g. "+447700900123": '+', the country calling code, the national number, at most
/// 15 digits. Strings end to end, never numbers: the '+' and Italy's leading 0 must survive.
/// Make one with <see cref="PhoneNumbers.Normalize"/>; <c>default</c> holds no number.
/// </summary>
public readonly record struct PhoneNumber(string E164)
{
    /// <summary>The country calling code without the '+', e.g. "44"; empty if the number is not one this system made.</summary>
    public string CountryCode => PhoneCountries.FindByCallingCode(Digits)?.CallingCode ?? "";

    /// <summary>
    /// "+44 •••• ••0123": the calling code and the last 4 digits only. What logs and screens show, since a guest's
    /// number identifies them and must not leak through either.
    /// </summary>
    public string Masked
    {
        get
        {
            var code = CountryCode;
            var national = Digits[code.Length..];
            if (code.Length == 0 || national.Length <= 4) return "";
            var masked = new string('•', national.Length - 4) + national[^4..];
            // A space before the last six reads like a written number and keeps the visible digits together.
            return $"+{code} {(masked.Length > 6 ? masked[..^6] + " " + masked[^6..] : masked)}";
        }
    }

    public override string ToString() => E164 ?? "";

    private string Digits => E164 is ['+', .. var digits] ? digits : "";
}

/// <summary>
/// Turns the numbers staff, kiosks and the voice agent type ("07700 900123", "(415) 555-2671", "00971 50 123 4567")
/// into <see cref="PhoneNumber"/>s, the key a guest is known by. Pure: no I/O, no clock, no culture.
/// </summary>
public static class PhoneNumbers
{
    private const int MaxE164Digits = 15;

    /// <summary>
    /// Normalises <paramref name="input"/> to E.164, using <paramref name="defaultCountry"/> (ISO 3166-1 alpha-2) when
    /// it has no international prefix ('+', "00", or the country's own such as "011" in the US). Normalising an
    /// E.164 number again returns it unchanged, whatever the default country.
    /// </summary>
    /// <returns>False with a sentence a staff member can read in <paramref name="error"/>, naming what was wrong.</returns>
    public static bool TryNormalize(string? input, string defaultCountry, out PhoneNumber phone, out string error)
    {
        error = Parse(input, defaultCountry, out var e164) ?? "";
        phone = error.Length == 0 ? new PhoneNumber(e164) : default;
        return error.Length == 0;
    }

    /// <summary>As <see cref="TryNormalize"/>, but a number that cannot be used throws.</summary>
    /// <exception cref="DomainException">Kind <see cref="DomainErrorKind.Invalid"/>, with the reason as its message.</exception>
    public static PhoneNumber Normalize(string? input, string defaultCountry) =>
        TryNormalize(input, defaultCountry, out var phone, out var error) ? phone : throw DomainException.Invalid(error);

    /// <summary>True when <paramref name="country"/> is an ISO alpha-2 code whose numbers this normaliser knows.</summary>
    public static bool IsKnownCountry(string country) => PhoneCountries.ByIso.ContainsKey(country ?? "");

    private static string? Parse(string? input, string? defaultCountry, out string e164)
    {
        e164 = "";
        // Checked first: a location configured with a bad country is a setup problem, not this guest's number.
        if (!PhoneCountries.ByIso.TryGetValue(defaultCountry ?? "", out var home)) return $"Unknown default country '{defaultCountry}'.";
        if (string.IsNullOrWhiteSpace(input)) return "A mobile number is required.";
        var shown = Quote(input);
        if (ReadDigits(input, shown, out var digits, out var plus) is { } unreadable) return unreadable;
        if (digits.Length == 0) return $"{shown} is not a phone number: it has no digits.";

        var idd = plus ? "" : home.InternationalPrefixes.FirstOrDefault(p => digits.StartsWith(p, StringComparison.Ordinal));
        if (idd is null) return Check(shown, home, home.DropTrunk(digits), international: false, out e164);

        var rest = digits[idd.Length..];
        if (rest.Length == 0) return $"{shown} is not a phone number: a country code and number must follow the international prefix.";
        if (rest.Length > MaxE164Digits) return $"{shown} is too long to be a phone number: an international number has at most {MaxE164Digits} digits.";
        if (PhoneCountries.FindByCallingCode(rest) is not { } country)
            return $"{shown} starts with +{rest[..Math.Min(3, rest.Length)]}, which is not a country calling code this system knows.";
        return Check(shown, country, country.DropTrunk(rest[country.CallingCode.Length..]), international: true, out e164);
    }

    // Spaces, dashes, dots, brackets and slashes are how people group digits: they carry no meaning, so they go.
    // Anything else might (an extension, a keypad code, a typo), and guessing could tie a guest to someone else's
    // number, so it is refused. Digits in other scripts (an Arabic keypad's ٠٥٠) are the same digits.
    private static string? ReadDigits(string input, string shown, out string digits, out bool plus)
    {
        var read = new StringBuilder(input.Length);
        plus = false;
        digits = "";
        foreach (var rune in input.EnumerateRunes())
        {
            if (Rune.IsDigit(rune)) read.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
            else if (rune.Value == '+')
            {
                if (plus || read.Length > 0) return $"{shown} is not a phone number: '+' may only come once, before the digits.";
                plus = true;
            }
            else if (Rune.IsWhiteSpace(rune) || rune.Value is '.' or '(' or ')' or '/'
                     || Rune.GetUnicodeCategory(rune) == UnicodeCategory.DashPunctuation) { }
            else if (Rune.IsLetter(rune)) return $"{shown} is not a phone number: it contains letters.";
            else return $"{shown} is not a phone number: it contains '{rune}', which is not part of a phone number.";
        }
        digits = read.ToString();
        return null;
    }

    private static string? Check(string shown, PhoneCountry country, string national, bool international, out string e164)
    {
        e164 = "";
        var where = international ? PhoneCountries.Region(country.CallingCode) : country.Iso;
        var lengths = country.MinDigits == country.MaxDigits ? $"{country.MinDigits}" : $"{country.MinDigits} to {country.MaxDigits}";
        var expected = international ? $"expected {lengths} digits after +{country.CallingCode}"
            : country.Trunk is null ? $"expected {lengths} national digits"
            : $"expected {lengths} national digits after the trunk {country.Trunk} is dropped";
        if (national.Length < country.MinDigits) return $"{shown} is too short to be a phone number in {where} ({expected}).";
        if (national.Length > country.MaxDigits) return $"{shown} is too long to be a phone number in {where} ({expected}).";
        if (country.IsNanp && NanpProblem(national) is { } problem) return $"{shown} is not a phone number in {where}: {problem}.";
        if (!country.FirstDigits.Contains(national[0]))
            return $"{shown} is not a phone number in {where}: the national number must start with {Spell(country.FirstDigits)}.";
        if (country.CallingCode.Length + national.Length > MaxE164Digits)
            return $"{shown} is too long to be a phone number: an international number has at most {MaxE164Digits} digits.";
        e164 = "+" + country.CallingCode + national;
        return null;
    }

    // NANP numbers are NXX-NXX-XXXX: an area code or exchange starting 0 or 1 would be read as the operator or trunk.
    private static string? NanpProblem(string national) =>
        national[0] is '0' or '1' ? "the area code cannot start with 0 or 1"
        : national[3] is '0' or '1' ? "the exchange (the 3 digits after the area code) cannot start with 0 or 1"
        : null;

    private static string Spell(string digits) => digits.Length == 1 ? digits
        : $"{string.Join(", ", digits[..^1].ToCharArray())} or {digits[^1]}";

    // The input as typed, so staff see what was refused, cut short if a voice agent sent a paragraph.
    private static string Quote(string input)
    {
        var text = input.Trim();
        if (text.Length <= 40) return $"'{text}'";
        var cut = char.IsHighSurrogate(text[39]) ? 39 : 40;
        return $"'{text[..cut]}…'";
    }
}
