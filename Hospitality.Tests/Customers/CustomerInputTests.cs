using Hospitality.Domain;
using Hospitality.Domain.Customers;

namespace Hospitality.Tests.Customers;

/// <summary>The one validation behind the staff form, the API and the agent endpoint.</summary>
public class CustomerInputTests
{
    [Fact]
    public void Details_are_trimmed_and_the_phone_normalised_with_the_locations_country()
    {
        var details = new CustomerInput("  Layla ", " Haddad  ", "07700 900123", " layla@example.com ",
            new DeliveryAddress(" 1 High St ", "", null, null, "SW1A 1AA", null),
            new CustomerPreferences(["Mint", "mint", " Grape "], 90, [], " strong heat "), ["vip", "VIP"]).ToDetails("GB");

        Assert.Equal(("Layla", "Haddad", "+447700900123", "layla@example.com"), (details.FirstName, details.LastName, details.Phone, details.Email));
        Assert.Equal(new DeliveryAddress("1 High St", null, null, null, "SW1A 1AA", null), details.Address);
        Assert.Equal(["Mint", "Grape"], details.Preferences.FavoriteFlavors);
        Assert.Equal(["vip"], details.Tags);
    }

    [Theory]
    [InlineData(null, "Haddad", "4155550142", null, "first name is required")]
    [InlineData("Layla", "Haddad", "4155550142", "layla@", "not an email address")]
    [InlineData("Layla", "Haddad", "4155550142", "layla@example", "not an email address")]
    [InlineData("Layla", "Haddad", "call me", null, "not a phone number")]
    public void Bad_details_are_refused_naming_what_is_wrong(string? first, string? last, string? phone, string? email, string expected)
    {
        var error = Assert.Throws<DomainException>(() => new CustomerInput(first, last, phone, email).ToDetails("US"));
        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_session_length_out_of_range_is_refused()
    {
        var error = Assert.Throws<DomainException>(() =>
            new CustomerInput("Layla", "", "4155550142", Preferences: new CustomerPreferences([], 601, [], "")).ToDetails("US"));
        Assert.Contains("between 0 and 600 minutes", error.Message);
    }

    [Theory]
    [InlineData("John", "John", "")]
    [InlineData("  Mary Anne  Smith ", "Mary Anne", "Smith")]
    public void An_agents_single_name_is_split_at_its_last_space(string name, string first, string last) =>
        Assert.Equal((first, last), CustomerInput.SplitFullName(name));
}
