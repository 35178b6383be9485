using Hospitality.Domain;
using Hospitality.Domain.Customers;

namespace Hospitality.Tests.Customers;

/// <summary>Numbers as staff, kiosks and the voice agent type them, in and out of E.164. Pure: no host, no database.</summary>
public class PhoneNumberTests
{
    private static string Normalized(string input, string country)
    {
        Assert.True(PhoneNumbers.TryNormalize(input, country, out var phone, out var error), error);
        Assert.Equal("", error);
        return phone.E164;
    }

    private static string Refusal(string? input, string country)
    {
        Assert.False(PhoneNumbers.TryNormalize(input, country, out var phone, out var error));
        Assert.Equal(default(PhoneNumber), phone);
        return error;
    }

    [Theory]
    [InlineData("(415) 555-2671", "US", "+14155552671")]
    [InlineData("415.555.2671", "US", "+14155552671")]
    [InlineData("1 415 555 2671", "US", "+14155552671")]
    [InlineData("604-555-0199", "CA", "+16045550199")]
    [InlineData("9876543210", "IN", "+919876543210")]
    [InlineData("098765 43210", "IN", "+919876543210")]
    [InlineData("050 123 4567", "AE", "+971501234567")]
    [InlineData("0151 23456789", "DE", "+4915123456789")]
    [InlineData("030 1234567", "DE", "+49301234567")]
    [InlineData("06 12 34 56 78", "FR", "+33612345678")]
    [InlineData("0412 345 678", "AU", "+61412345678")]
    [InlineData("055 123 4567", "SA", "+966551234567")]
    [InlineData("612 34 56 78", "ES", "+34612345678")]
    [InlineData("3312 3456", "QA", "+97433123456")]
    [InlineData("8 (912) 345-67-89", "RU", "+79123456789")]
    [InlineData("8 800 123 45 67", "RU", "+78001234567")]
    public void A_local_number_becomes_E164_with_the_default_countrys_code(string input, string country, string e164) =>
        Assert.Equal(e164, Normalized(input, country));

    [Fact]
    public void A_UK_number_with_the_trunk_zero_becomes_E164() =>
        Assert.Equal("+447700900123", Normalized("07700 900123", "GB"));

    [Fact]
    public void An_Italian_number_keeps_its_leading_zero_because_it_is_part_of_the_number()
    {
        Assert.Equal("+390612345678", Normalized("06 1234 5678", "IT"));
        Assert.Equal("+390612345678", Normalized("+39 06 1234 5678", "GB"));
        Assert.Equal("+393471234567", Normalized("347 123 4567", "IT"));
    }

    [Theory]
    [InlineData("+44 7700 900123", "US", "+447700900123")]
    [InlineData("0044 7700 900123", "FR", "+447700900123")]
    [InlineData("00971 50 123 4567", "GB", "+971501234567")]
    [InlineData("+1-415-555-2671", "GB", "+14155552671")]
    [InlineData("011 44 7700 900123", "US", "+447700900123")]
    [InlineData("011 971 50 123 4567", "CA", "+971501234567")]
    [InlineData("0011 44 7700 900123", "AU", "+447700900123")]
    [InlineData("+91 98765 43210", "AE", "+919876543210")]
    [InlineData("+49 151 23456789", "IN", "+4915123456789")]
    [InlineData("+33 6 12 34 56 78", "DE", "+33612345678")]
    [InlineData("+61 412 345 678", "SA", "+61412345678")]
    [InlineData("+966 55 123 4567", "AU", "+966551234567")]
    [InlineData("+1 (604) 555-0199", "IN", "+16045550199")]
    [InlineData("(+353) 85 123 4567", "GB", "+353851234567")]
    public void An_international_number_keeps_its_own_country_whatever_the_default(string input, string country, string e164) =>
        Assert.Equal(e164, Normalized(input, country));

    [Theory]
    [InlineData("+44 (0)7700 900123", "+447700900123")]
    [InlineData("0044 (0) 7700 900123", "+447700900123")]
    [InlineData("+971 (0)50 123 4567", "+971501234567")]
    [InlineData("+1 1 415 555 2671", "+14155552671")]
    public void A_trunk_prefix_typed_after_the_country_code_is_dropped(string input, string e164) =>
        Assert.Equal(e164, Normalized(input, "US"));

    [Theory]
    [InlineData("  415 555 2671  ")]
    [InlineData("415-555-2671")]
    [InlineData("415/555/2671")]
    [InlineData("(415)555.2671")]
    [InlineData("415\u00a0555\u2013" + "2671")]   // a non-breaking space and an en dash pasted from a document
    public void Separators_are_ignored(string input) =>
        Assert.Equal("+14155552671", Normalized(input, "US"));

    [Fact]
    public void Digits_from_an_Arabic_keypad_are_read_as_digits() =>
        Assert.Equal("+971501234567", Normalized("٠٥٠ ١٢٣ ٤٥٦٧", "AE"));

    [Theory]
    [InlineData("+447700900123")]
    [InlineData("+14155552671")]
    [InlineData("+919876543210")]
    [InlineData("+971501234567")]
    [InlineData("+390612345678")]
    [InlineData("+78001234567")]
    public void An_E164_number_normalises_to_itself_whatever_the_default_country(string e164)
    {
        foreach (var country in new[] { "US", "GB", "IN", "AE", "IT", "RU", "AU" })
            Assert.Equal(e164, Normalized(e164, country));
    }

    [Fact]
    public void Every_known_country_reads_back_its_own_E164_output()
    {
        foreach (var country in PhoneCountries.All)
            foreach (var length in new[] { country.MinDigits, country.MaxDigits })
            {
                var e164 = "+" + country.CallingCode + new string(country.FirstDigits[^1], length);
                Assert.Equal(e164, Normalized(e164, "GB"));
                Assert.Equal(country.CallingCode, new PhoneNumber(e164).CountryCode);
            }
    }

    [Fact]
    public void No_calling_code_begins_another_so_the_longest_match_is_the_only_one()
    {
        var codes = PhoneCountries.All.Select(c => c.CallingCode).Distinct().ToList();
        foreach (var code in codes)
            Assert.DoesNotContain(codes, other => other != code && other.StartsWith(code, StringComparison.Ordinal));
        Assert.All(PhoneCountries.All, c => Assert.True(c.CallingCode.Length + c.MaxDigits <= 15, c.Iso));
    }

    [Theory]
    [InlineData(null, "GB", "A mobile number is required.")]
    [InlineData("", "GB", "A mobile number is required.")]
    [InlineData("   ", "GB", "A mobile number is required.")]
    [InlineData("12ab", "GB", "'12ab' is not a phone number: it contains letters.")]
    [InlineData("415 555 2671 x123", "US", "it contains letters")]
    [InlineData("+", "GB", "'+' is not a phone number: it has no digits.")]
    [InlineData("(-)", "GB", "it has no digits")]
    [InlineData("00", "GB", "must follow the international prefix")]
    [InlineData("07700#900123", "GB", "it contains '#'")]
    [InlineData("*100#", "GB", "it contains '*'")]
    [InlineData("07700 900123 📞", "GB", "it contains '📞'")]
    [InlineData("44+7700 900123", "GB", "'+' may only come once, before the digits")]
    [InlineData("++44 7700 900123", "GB", "'+' may only come once, before the digits")]
    [InlineData("12345", "GB", "'12345' is too short to be a phone number in GB (expected 10 national digits after the trunk 0 is dropped).")]
    [InlineData("07700 900123 4", "GB", "too long to be a phone number in GB")]
    [InlineData("+44 7700 9001", "US", "too short to be a phone number in GB (expected 10 digits after +44)")]
    [InlineData("+1 415 555 26711", "GB", "too long to be a phone number in US/CA (expected 10 digits after +1)")]
    [InlineData("1234 5678 9012 3456", "US", "too long to be a phone number in US")]
    [InlineData("+1234 5678 9012 3456", "US", "an international number has at most 15 digits")]
    [InlineData("+999 123 456 789", "GB", "starts with +999, which is not a country calling code")]
    [InlineData("00 888 123 4567", "GB", "starts with +888, which is not a country calling code")]
    [InlineData("(015) 555-2671", "US", "'(015) 555-2671' is not a phone number in US: the area code cannot start with 0 or 1.")]
    [InlineData("(115) 555-2671", "US", "the area code cannot start with 0 or 1")]
    [InlineData("+1 415 155 2671", "GB", "the exchange (the 3 digits after the area code) cannot start with 0 or 1")]
    [InlineData("5123456789", "IN", "'5123456789' is not a phone number in IN: the national number must start with 6, 7, 8 or 9.")]
    [InlineData("+91 51234 56789", "GB", "not a phone number in IN: the national number must start with 6, 7, 8 or 9")]
    [InlineData("050 123 456", "AE", "too short to be a phone number in AE (expected 9 national digits")]
    [InlineData("061 234 567", "ES", "not a phone number in ES: the national number must start with 1, 2, 3, 4, 5, 6, 7, 8 or 9")]
    [InlineData("07700 900123", "XX", "Unknown default country 'XX'.")]
    public void A_number_that_cannot_be_used_is_refused_with_a_sentence_naming_the_problem(string? input, string country, string reason) =>
        Assert.Contains(reason, Refusal(input, country));

    [Fact]
    public void A_very_long_input_is_quoted_only_in_part()
    {
        var error = Refusal(new string('9', 30) + " and then the caller kept on talking", "GB");
        Assert.StartsWith("'999999999999999999999999999999 and then …' is not a phone number", error);
    }

    [Fact]
    public void Normalize_returns_the_number_or_throws_an_invalid_domain_error_with_the_reason()
    {
        Assert.Equal(new PhoneNumber("+447700900123"), PhoneNumbers.Normalize("07700 900123", "GB"));
        var refused = Assert.Throws<DomainException>(() => PhoneNumbers.Normalize("12ab", "GB"));
        Assert.Equal(DomainErrorKind.Invalid, refused.Kind);
        Assert.Equal("'12ab' is not a phone number: it contains letters.", refused.Message);
    }

    [Fact]
    public void A_phone_number_prints_as_E164_and_names_its_country_code()
    {
        var phone = PhoneNumbers.Normalize("07700 900123", "GB");
        Assert.Equal("+447700900123", phone.ToString());
        Assert.Equal("44", phone.CountryCode);
        Assert.Equal("971", PhoneNumbers.Normalize("050 123 4567", "AE").CountryCode);
        Assert.Equal("1", PhoneNumbers.Normalize("604-555-0199", "CA").CountryCode);
    }

    [Theory]
    [InlineData("+447700900123", "+44 •••• ••0123")]
    [InlineData("+14155552671", "+1 •••• ••2671")]
    [InlineData("+971501234567", "+971 ••• ••4567")]
    [InlineData("+4915123456789", "+49 ••••• ••6789")]
    [InlineData("+97433123456", "+974 •• ••3456")]
    public void Masked_shows_only_the_country_code_and_the_last_four_digits(string e164, string masked) =>
        Assert.Equal(masked, new PhoneNumber(e164).Masked);

    [Fact]
    public void A_phone_number_that_was_never_set_prints_and_masks_as_empty()
    {
        Assert.Equal("", default(PhoneNumber).ToString());
        Assert.Equal("", default(PhoneNumber).Masked);
        Assert.Equal("", default(PhoneNumber).CountryCode);
    }

    [Theory]
    [InlineData("GB", true)]
    [InlineData("gb", true)]
    [InlineData("LB", true)]
    [InlineData("XX", false)]
    [InlineData("", false)]
    [InlineData("GBR", false)]
    public void Known_countries_are_the_ones_with_numbering_rules(string country, bool known) =>
        Assert.Equal(known, PhoneNumbers.IsKnownCountry(country));
}
