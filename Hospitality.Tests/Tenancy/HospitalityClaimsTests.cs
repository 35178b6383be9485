using System.Security.Claims;
using Hospitality.Domain.Tenancy;

namespace Hospitality.Tests.Tenancy;

public class HospitalityClaimsTests
{
    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test", ClaimTypes.Name, ClaimTypes.Role));

    private static readonly ClaimsPrincipal Manager = Principal(
        ("tenant", "t1"), (ClaimTypes.NameIdentifier, "m1"), (ClaimTypes.Name, "Mia"), (ClaimTypes.Role, "Manager"));

    private static readonly ClaimsPrincipal BarScreen = Principal(
        ("tenant", "t1"), (ClaimTypes.NameIdentifier, "tok1"), (ClaimTypes.Name, "Bar screen"),
        (ClaimTypes.Role, "Display"), ("location", "bar"));

    [Fact]
    public void Staff_read_every_location_of_their_tenant_and_have_no_location_claim()
    {
        Assert.Equal("t1", Manager.TenantId());
        Assert.Null(Manager.LocationId());
        Assert.True(Manager.CanReadLocation("bar"));
        Assert.True(Manager.CanReadLocation(new Location("kitchen", "t1", "Kitchen", LocationKind.Restaurant)));
    }

    [Fact]
    public void No_one_reads_a_location_of_another_tenant()
    {
        var elsewhere = new Location("bar", "t2", "Bar", LocationKind.Lounge);

        Assert.False(Manager.CanReadLocation(elsewhere));
        Assert.False(BarScreen.CanReadLocation(elsewhere));
    }

    [Fact]
    public void A_display_reads_only_its_own_location()
    {
        Assert.Equal("bar", BarScreen.LocationId());
        Assert.True(BarScreen.CanReadLocation("bar"));
        Assert.False(BarScreen.CanReadLocation("kitchen"));
        Assert.Equal("Bar screen", BarScreen.ActorName());
    }

    [Fact]
    public void A_principal_without_a_tenant_has_no_tenant_id_and_reads_nothing()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());

        Assert.Throws<InvalidOperationException>(() => anonymous.TenantId());
        Assert.False(anonymous.CanReadLocation("bar"));
    }

    [Fact]
    public void A_principal_with_two_tenants_is_refused_rather_than_guessed()
    {
        var merged = new ClaimsPrincipal([Manager.Identities.Single(), Principal(("tenant", "t2")).Identities.Single()]);

        Assert.Throws<InvalidOperationException>(() => merged.TenantId());
    }

    [Fact]
    public void A_staff_principal_becomes_a_decision_actor_but_a_display_does_not()
    {
        Assert.Equal(new StaffActor("t1", "m1", "Mia", StaffRole.Manager), Manager.StaffActor());
        Assert.Throws<InvalidOperationException>(() => BarScreen.StaffActor());
    }
}
