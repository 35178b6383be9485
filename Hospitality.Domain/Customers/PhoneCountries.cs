using System.Collections.Frozen;

namespace Hospitality.Domain.Customers;

/// <summary>
/// How one country writes its numbers: just enough to turn a local form into E.164 and to refuse a number that
/// cannot exist there. Lengths are permissive where a country mixes landlines and mobiles of different lengths.
/// </summary>
/// <param name="Iso">ISO 3166-1 alpha-2 code, as a location's default country is configured.</param>
/// <param name="CallingCode">ITU country calling code, digits only.</param>
/// <param name="Trunk">Dialled before a national number inside the country, never from abroad ("0" in most,
/// "1" in NANP, "8" in Russia), or null where there is none (Spain) or it is part of the number (Italy).</param>
/// <param name="MinDigits">Shortest national significant number: after the calling code, without the trunk.</param>
/// <param name="MaxDigits">Longest national significant number.</param>
/// <param name="FirstDigits">Digits a national significant number may start with.</param>
/// <param name="Idd">The country's own international prefix, tried before the "00" most of the world uses.</param>
internal sealed record PhoneCountry(
    string Iso, string CallingCode, string? Trunk, int MinDigits, int MaxDigits,
    string FirstDigits = PhoneCountry.NotZero, string Idd = "00")
{
    /// <summary>Almost everywhere a national number never starts with 0: a leading 0 is the trunk or the "00" prefix.</summary>
    public const string NotZero = "123456789";

    /// <summary>The North American Numbering Plan (US, CA) checks its area code and exchange itself.</summary>
    public bool IsNanp => CallingCode == "1";

    /// <summary>The prefixes that mean "a country calling code follows", longest first.</summary>
    public IReadOnlyList<string> InternationalPrefixes => Idd == "00" ? ["00"] : [Idd, "00"];

    /// <summary>
    /// <paramref name="digits"/> without a leading trunk prefix. Where no national number starts with the trunk's
    /// digit (every "0" trunk) it is always dropped, which also repairs "+44 (0)7700..." typed out of habit. Where
    /// one can (NANP area codes are checked later with a clearer message; Russia has 800 numbers) it is dropped
    /// only when the number is too long to be national without it: "1 415 555 2671", "8 912 345 67 89".
    /// </summary>
    public string DropTrunk(string digits) =>
        Trunk is not null && digits.StartsWith(Trunk, StringComparison.Ordinal)
        && (!FirstDigits.Contains(Trunk[0]) || digits.Length > MaxDigits)
            ? digits[Trunk.Length..]
            : digits;
}

/// <summary>The countries <see cref="PhoneNumbers"/> knows, by ISO code and by calling code.</summary>
internal static class PhoneCountries
{
    // NANP lets the generic first-digit check pass so its own rule can say "the area code cannot start with 0 or 1".
    private const string Nanp = "0123456789";
    private const string AnyDigit = "0123456789";

    // Every 1- and 2-digit ITU calling code is here, so a code this table does not know is always 3 digits long,
    // and the codes stay prefix-free (no code begins another), which makes longest-prefix matching unambiguous.
    // The first country listed for a shared code (1, 7) names it; they share their numbering rules.
    public static readonly IReadOnlyList<PhoneCountry> All =
    [
        new("US", "1", "1", 10, 10, Nanp, Idd: "011"),
        new("CA", "1", "1", 10, 10, Nanp, Idd: "011"),
        new("RU", "7", "8", 10, 10),
        new("KZ", "7", "8", 10, 10),
        new("EG", "20", "0", 8, 10),
        new("ZA", "27", "0", 9, 9),
        new("GR", "30", null, 10, 10),
        new("NL", "31", "0", 9, 9),
        new("BE", "32", "0", 8, 9),
        new("FR", "33", "0", 9, 9),
        new("ES", "34", null, 9, 9),
        new("HU", "36", "06", 8, 9),
        new("IT", "39", null, 6, 11, AnyDigit),   // Rome is +39 06..., so the 0 is part of the number
        new("RO", "40", "0", 9, 9),
        new("CH", "41", "0", 9, 9),
        new("AT", "43", "0", 4, 13),
        new("GB", "44", "0", 10, 10),
        new("DK", "45", null, 8, 8),
        new("SE", "46", "0", 6, 9),
        new("NO", "47", null, 8, 8),
        new("PL", "48", null, 9, 9),
        new("DE", "49", "0", 6, 13),               // mobiles 10-11, landlines vary widely
        new("PE", "51", "0", 8, 9),
        new("MX", "52", null, 10, 10),            // no trunk since 2019
        new("CU", "53", "0", 6, 8),
        new("AR", "54", "0", 10, 11),
        new("BR", "55", "0", 10, 11),
        new("CL", "56", null, 9, 9),
        new("CO", "57", null, 10, 10),
        new("VE", "58", "0", 10, 10),
        new("MY", "60", "0", 8, 10),
        new("AU", "61", "0", 9, 9, Idd: "0011"),
        new("ID", "62", "0", 8, 12),
        new("PH", "63", "0", 8, 10),
        new("NZ", "64", "0", 8, 10),
        new("SG", "65", null, 8, 8),
        new("TH", "66", "0", 8, 9),
        new("JP", "81", "0", 9, 10),
        new("KR", "82", "0", 8, 10),
        new("VN", "84", "0", 9, 10),
        new("CN", "86", "0", 10, 11),
        new("TR", "90", "0", 10, 10),
        new("IN", "91", "0", 10, 10, "6789"),     // guests give mobiles; 10 digits from 1-5 is a landline with its STD code
        new("PK", "92", "0", 8, 10),
        new("AF", "93", "0", 9, 9),
        new("LK", "94", "0", 9, 9),
        new("MM", "95", "0", 7, 10),
        new("IR", "98", "0", 10, 10),
        new("MA", "212", "0", 9, 9),
        new("DZ", "213", "0", 8, 9),
        new("TN", "216", null, 8, 8),
        new("GH", "233", "0", 9, 9),
        new("NG", "234", "0", 8, 10),
        new("ET", "251", "0", 9, 9),
        new("KE", "254", "0", 9, 9),
        new("PT", "351", null, 9, 9),
        new("LU", "352", null, 4, 11),
        new("IE", "353", "0", 7, 9),
        new("FI", "358", "0", 5, 12),
        new("UA", "380", "0", 9, 9),
        new("CZ", "420", null, 9, 9),
        new("HK", "852", null, 8, 8),
        new("BD", "880", "0", 8, 10),
        new("TW", "886", "0", 8, 9),
        new("LB", "961", "0", 7, 8),
        new("JO", "962", "0", 8, 9),
        new("SY", "963", "0", 8, 9),
        new("IQ", "964", "0", 8, 10),
        new("KW", "965", null, 8, 8),
        new("SA", "966", "0", 9, 9),
        new("YE", "967", "0", 7, 9),
        new("OM", "968", null, 8, 8),
        new("PS", "970", "0", 8, 9),
        new("AE", "971", "0", 9, 9),              // mobiles (5x); 8-digit landlines cannot take a text
        new("IL", "972", "0", 8, 9),
        new("BH", "973", null, 8, 8),
        new("QA", "974", null, 8, 8),
    ];

    /// <summary>By ISO code; "gb" is as good as "GB".</summary>
    public static readonly FrozenDictionary<string, PhoneCountry> ByIso =
        All.ToFrozenDictionary(c => c.Iso, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, PhoneCountry> ByCallingCode =
        All.GroupBy(c => c.CallingCode).ToFrozenDictionary(g => g.Key, g => g.First());

    private static readonly FrozenDictionary<string, string> Regions =
        All.GroupBy(c => c.CallingCode).ToFrozenDictionary(g => g.Key, g => string.Join("/", g.Select(c => c.Iso)));

    /// <summary>The country whose calling code begins <paramref name="digits"/> (longest match), or null.</summary>
    public static PhoneCountry? FindByCallingCode(string digits)
    {
        for (var length = Math.Min(3, digits.Length); length > 0; length--)
            if (ByCallingCode.TryGetValue(digits[..length], out var country)) return country;
        return null;
    }

    /// <summary>Who uses a calling code, for messages: "GB", or "US/CA" for +1.</summary>
    public static string Region(string callingCode) => Regions[callingCode];
}
