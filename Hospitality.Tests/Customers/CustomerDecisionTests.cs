using Hospitality.Domain;
using Hospitality.Domain.Customers;

namespace Hospitality.Tests.Customers;

/// <summary>Given a guest's events, when a command, then these events or a readable refusal. No store, no key.</summary>
public class CustomerDecisionTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 18, 0, 0, TimeSpan.Zero);
    private static readonly CustomerDetails Layla = new("Layla", "Haddad", "+14155550142", null, null, CustomerPreferences.None, []);

    /// <summary>A transparent "sealer": the tests read what would be sealed.</summary>
    private static string Seal(object value) => "sealed:" + System.Text.Json.JsonSerializer.Serialize(value);

    private static Customer? Given(params object[] events)
    {
        Customer? state = null;
        for (var i = 0; i < events.Length; i++) state = Customer.Fold(state, events[i], i + 1);
        return state;
    }

    private static Customer Registered(params object[] more) =>
        Given([new CustomerRegistered(Id, Seal(Layla), "bar", T0), .. more])!;

    [Fact]
    public void Registering_seals_every_personal_detail_into_one_value()
    {
        var registered = Assert.IsType<CustomerRegistered>(Assert.Single(CustomerDecisions.Decide(null, new RegisterCustomer(Id, Layla, "bar", T0), Seal)));
        Assert.Equal(Seal(Layla), registered.Details);
        Assert.Equal("bar", registered.LocationId);
    }

    [Fact]
    public void A_guest_cannot_be_registered_twice()
    {
        var error = Assert.Throws<DomainException>(() => CustomerDecisions.Decide(Registered(), new RegisterCustomer(Id, Layla, null, T0), Seal));
        Assert.Equal(DomainErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public void Giving_a_consent_already_given_records_nothing_and_withdrawing_it_is_an_event()
    {
        var consented = Registered(new CustomerConsentChanged(Id, ConsentKind.Sms, true, "bar", T0));
        Assert.Empty(CustomerDecisions.Decide(consented, new ChangeConsent(ConsentKind.Sms, true, "bar", T0), Seal));
        var withdrawn = Assert.IsType<CustomerConsentChanged>(Assert.Single(
            CustomerDecisions.Decide(consented, new ChangeConsent(ConsentKind.Sms, false, "terrace", T0), Seal)));
        Assert.False(withdrawn.Granted);
    }

    [Theory]
    [InlineData("", "needs some text")]
    [InlineData("   ", "needs some text")]
    public void An_empty_note_is_refused(string text, string expected)
    {
        var error = Assert.Throws<DomainException>(() =>
            CustomerDecisions.Decide(Registered(), new AddCustomerNote(Guid.NewGuid(), text, NoteVisibility.Shared, "bar", T0), Seal));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_note_longer_than_the_limit_is_refused_with_its_length()
    {
        var error = Assert.Throws<DomainException>(() => CustomerDecisions.Decide(Registered(),
            new AddCustomerNote(Guid.NewGuid(), new string('x', CustomerDecisions.MaxNoteLength + 1), NoteVisibility.Shared, "bar", T0), Seal));
        Assert.Contains($"{CustomerDecisions.MaxNoteLength + 1}", error.Message);
    }

    [Fact]
    public void A_locations_private_note_cannot_be_removed_from_another_location_but_can_from_its_own()
    {
        var note = Guid.NewGuid();
        var state = Registered(new CustomerNoteAdded(Id, note, Seal("Allergic to cinnamon"), NoteVisibility.Location, "bar", T0));

        var error = Assert.Throws<DomainException>(() => CustomerDecisions.Decide(state, new RemoveCustomerNote(note, "terrace", T0), Seal));
        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
        Assert.IsType<CustomerNoteRemoved>(Assert.Single(CustomerDecisions.Decide(state, new RemoveCustomerNote(note, "bar", T0), Seal)));
    }

    [Fact]
    public void After_erasure_nothing_about_the_guest_can_be_changed()
    {
        var erased = Registered(new CustomerErased(Id, T0));
        var error = Assert.Throws<DomainException>(() => CustomerDecisions.Decide(erased, new ChangeCustomerDetails(Layla, T0), Seal));
        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
        Assert.Contains("erased", error.Message);
    }

    [Theory]
    [InlineData(0, LoyaltyTier.New, 1)]
    [InlineData(1, LoyaltyTier.Bronze, 4)]
    [InlineData(5, LoyaltyTier.Silver, 10)]
    [InlineData(15, LoyaltyTier.Gold, null)]
    public void Loyalty_tiers_follow_the_visit_count(int visits, LoyaltyTier tier, int? toNext)
    {
        var loyalty = CustomerLoyalty.From(visits, null);
        Assert.Equal((tier, toNext), (loyalty.Tier, loyalty.VisitsToNextTier));
    }
}
