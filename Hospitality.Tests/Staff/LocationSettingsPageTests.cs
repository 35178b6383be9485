using System.Security.Claims;
using Bunit;
using Hospitality.Domain.Billing;
using Hospitality.Domain.Tenancy;
using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Staff.Locations;

namespace Hospitality.Tests.Staff;

/// <summary>A manager sets a location's tax and service charge and its time zone on its settings page (the app's real handlers, in-memory store).</summary>
public sealed class LocationSettingsPageTests : InMemoryPages
{
    private IRenderedComponent<LocationSettings> Page()
    {
        Auth.SetAuthorized("Maya");
        Auth.SetRoles("Manager");
        Auth.SetPolicies(Policies.ViewBoard, Policies.OperateSessions, Policies.ManageVenue);
        Auth.SetClaims(new Claim(HospitalityClaims.Tenant, Tenant));
        return Render<LocationSettings>(p => p.Add(s => s.LocationId, Bar));
    }

    private Task<LocationCharges> StoredAsync() => Mediator.Send(new GetLocationCharges(Desk, Bar));

    private static void Type(IRenderedComponent<LocationSettings> page, string field, string value) =>
        page.Find($"input[data-test={field}]").Change(value);

    [Fact]
    public async Task The_page_shows_the_current_rates_and_saving_stores_them_exactly_in_basis_points()
    {
        await Mediator.Send(new ChangeLocationCharges(Desk, Bar, "5", "10", ServiceChargeDineInOnly: true));
        var page = Page();
        page.WaitForAssertion(() => Assert.Equal("5", page.Find("input[data-test=tax-rate]").GetAttribute("value")), Wait);
        Assert.Equal("10", page.Find("input[data-test=service-charge-rate]").GetAttribute("value"));

        Type(page, "tax-rate", "8.25");
        Type(page, "service-charge-rate", "12.5");
        await page.InvokeAsync(() => page.Find("[data-test=service-charge-dine-in-only] .rz-chkbox-box").Click());
        await page.InvokeAsync(() => page.Find("[data-test=charges-form]").Submit());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-test=charges-saved]")), Wait);
        Assert.Equal(new ChargePolicy(825, 1_250, ServiceChargeDineInOnly: false), (await StoredAsync()).Policy);
        Assert.Equal("Terrace", page.Find(".other-location").TextContent);   // the other location's settings are one click away
    }

    [Fact]
    public async Task A_rate_with_too_many_decimals_is_refused_in_the_domains_words_and_nothing_changes()
    {
        await Mediator.Send(new ChangeLocationCharges(Desk, Bar, "5", "10", ServiceChargeDineInOnly: true));
        var before = await StoredAsync();
        var page = Page();
        page.WaitForAssertion(() => page.Find("input[data-test=tax-rate]"), Wait);

        Type(page, "tax-rate", "8.255");
        await page.InvokeAsync(() => page.Find("[data-test=charges-form]").Submit());

        page.WaitForAssertion(() => Assert.Contains("tax rate", page.Find("[data-test=charges-error]").TextContent), Wait);
        Assert.Equal("8.255", page.Find("input[data-test=tax-rate]").GetAttribute("value"));   // kept, to be corrected
        Assert.Empty(page.FindAll("[data-test=charges-saved]"));
        Assert.Equal(before, await StoredAsync());
    }

    private async Task<string?> StoredZoneAsync() => (await Mediator.Send(new FindLocation(Desk, Bar))).TimeZone;

    [Fact]
    public async Task A_location_without_a_time_zone_says_its_days_are_utc_and_saving_one_stores_it()
    {
        var page = Page();
        page.WaitForAssertion(() => Assert.Contains("counted in UTC", page.Find("[data-test=time-zone-unset]").TextContent), Wait);

        Type(page, "time-zone", "America/New_York");
        await page.InvokeAsync(() => page.Find("[data-test=time-zone-form]").Submit());

        page.WaitForAssertion(() => Assert.Contains("America/New_York", page.Find("[data-test=time-zone-saved]").TextContent), Wait);
        Assert.Empty(page.FindAll("[data-test=time-zone-unset]"));
        Assert.Equal("America/New_York", await StoredZoneAsync());
    }

    [Fact]
    public async Task An_unknown_time_zone_is_refused_naming_it_and_nothing_is_stored()
    {
        await Mediator.Send(new SetLocationTimeZone(Desk, Bar, "Europe/London"));
        var page = Page();
        page.WaitForAssertion(() => Assert.Equal("Europe/London", page.Find("input[data-test=time-zone]").GetAttribute("value")), Wait);

        Type(page, "time-zone", "Europe/Lyonesse");
        await page.InvokeAsync(() => page.Find("[data-test=time-zone-form]").Submit());

        page.WaitForAssertion(() => Assert.Contains("'Europe/Lyonesse' is not a time zone", page.Find("[data-test=time-zone-error]").TextContent), Wait);
        Assert.Equal("Europe/Lyonesse", page.Find("input[data-test=time-zone]").GetAttribute("value"));   // kept, to be corrected
        Assert.Equal("Europe/London", await StoredZoneAsync());
    }
}
