using Hospitality.Domain;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Hospitality.EventStore.InMemory;

namespace Hospitality.Tests.Tenancy;

public class TenancySeedingTests
{
    private readonly IDocumentStore _store = new InMemoryDocumentStore(TenancyStore.Configure(new StoreOptions()));

    private static TenantSpec Spec(string tenantId, params string[] emails) => new(tenantId, $"Venue {tenantId}",
        [new LocationSpec("Lounge", LocationKind.Lounge, Id: "lounge"), new LocationSpec("Café", LocationKind.CoffeeShop)],
        emails.Select(e => new StaffSpec(e, "Someone", StaffRole.Manager, "long enough password")).ToList());

    [Fact]
    public async Task A_new_tenant_keeps_its_locations_and_staff_in_its_own_tenant_only()
    {
        var seeded = await TenancySeeding.CreateTenantAsync(_store, Spec("acme", " Ana@Acme.Example "));
        await TenancySeeding.CreateTenantAsync(_store, Spec("other", "bo@other.example"));

        await using var acme = _store.QuerySession("acme");
        await using var other = _store.QuerySession("other");
        var account = await acme.LoadAsync<StaffAccount>(seeded.Staff[0].Id);
        Assert.Equal("ana@acme.example", account!.Email);
        Assert.Equal(2, (await acme.Query<Location>().ToListAsync()).Count);
        Assert.Null(await other.LoadAsync<StaffAccount>(seeded.Staff[0].Id));
        Assert.Equal("Venue acme", (await acme.LoadAsync<Tenant>("acme"))!.Name);
    }

    [Fact]
    public async Task The_email_lookup_lives_in_the_system_tenant_and_points_at_the_account()
    {
        var seeded = await TenancySeeding.CreateTenantAsync(_store, Spec("acme", "ana@acme.example"));

        await using var system = _store.QuerySession(TenancyStore.SystemTenant);
        await using var acme = _store.QuerySession("acme");
        Assert.Equal(new SignInEmail("ana@acme.example", "acme", seeded.Staff[0].Id), await system.LoadAsync<SignInEmail>("ana@acme.example"));
        Assert.Null(await acme.LoadAsync<SignInEmail>("ana@acme.example"));
    }

    [Fact]
    public async Task An_email_used_by_another_tenant_is_refused_and_nothing_of_the_new_tenant_is_stored()
    {
        await TenancySeeding.CreateTenantAsync(_store, Spec("acme", "ana@acme.example"));

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            TenancySeeding.CreateTenantAsync(_store, Spec("other", "bo@other.example", "ANA@acme.example")));

        Assert.Contains("ana@acme.example is already used", error.Message);
        await using var other = _store.QuerySession("other");
        await using var system = _store.QuerySession(TenancyStore.SystemTenant);
        Assert.Null(await other.LoadAsync<Tenant>("other"));
        Assert.Null(await system.LoadAsync<SignInEmail>("bo@other.example"));
    }

    [Fact]
    public async Task A_taken_tenant_id_is_refused_and_its_emails_are_released()
    {
        await TenancySeeding.CreateTenantAsync(_store, Spec("acme", "ana@acme.example"));

        await Assert.ThrowsAsync<DomainException>(() => TenancySeeding.CreateTenantAsync(_store, Spec("acme", "cy@acme.example")));

        await TenancySeeding.CreateTenantAsync(_store, Spec("cy-venue", "cy@acme.example"));
    }

    [Theory]
    [InlineData("Acme")]
    [InlineData("_system")]
    [InlineData("a.b")]
    [InlineData("-acme")]
    public async Task A_tenant_id_that_is_not_a_lower_case_slug_is_refused(string tenantId)
    {
        await Assert.ThrowsAsync<DomainException>(() => TenancySeeding.CreateTenantAsync(_store, Spec(tenantId, "ana@acme.example")));
    }

    [Fact]
    public async Task The_same_email_twice_in_one_spec_is_refused()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            TenancySeeding.CreateTenantAsync(_store, Spec("acme", "ana@acme.example", "Ana@Acme.example")));

        Assert.Equal("The email ana@acme.example appears twice.", error.Message);
    }

    [Fact]
    public async Task A_location_created_with_a_zone_keeps_its_iana_name_and_one_with_an_unknown_zone_is_refused_with_nothing_stored()
    {
        var zoned = await TenancySeeding.CreateTenantAsync(_store, new TenantSpec("acme", "Acme",
            [new LocationSpec("Lounge", LocationKind.Lounge, "lounge", TimeZone: "Eastern Standard Time")], []));
        Assert.Equal("America/New_York", zoned.Location("Lounge").TimeZone);

        var error = await Assert.ThrowsAsync<DomainException>(() => TenancySeeding.CreateTenantAsync(_store, new TenantSpec("other", "Other",
            [new LocationSpec("Roof", LocationKind.Lounge, "roof", TimeZone: "America/Gotham")], [new StaffSpec("bo@other.example", "Bo", StaffRole.Manager, "long enough password")])));

        Assert.Equal((DomainErrorKind.Invalid, "The location Roof: 'America/Gotham' is not a time zone: give an IANA name like America/New_York or Europe/London."),
            (error.Kind, error.Message));
        await using var other = _store.QuerySession("other");
        await using var system = _store.QuerySession(TenancyStore.SystemTenant);
        Assert.Null(await other.LoadAsync<Tenant>("other"));
        Assert.Null(await other.LoadAsync<Location>("roof"));
        Assert.Null(await system.LoadAsync<SignInEmail>("bo@other.example"));
    }
}
