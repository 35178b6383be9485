using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Hospitality.EventStore.InMemory;
using Hospitality.Web.Staff.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hospitality.Tests.Staff;

/// <summary>The sign-in service over a shared store, as two servers would use it.</summary>
public class StaffSignInTests
{
    private const string Password = "long enough password";
    private readonly IDocumentStore _store = new InMemoryDocumentStore(TenancyStore.Configure(new Hospitality.EventStore.StoreOptions()));
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    private StaffSignIn Server() =>
        new(_store, new PasswordHasher<StaffAccount>(), _clock, NullLogger<StaffSignIn>.Instance);

    private Task<SeededTenant> SeedAsync() => TenancySeeding.CreateTenantAsync(_store, new TenantSpec("acme", "Acme",
        [new LocationSpec("Lounge", LocationKind.Lounge)], [new StaffSpec("ana@acme.example", "Ana", StaffRole.Staff, Password)]));

    [Fact]
    public async Task The_principal_carries_the_claims_contract()
    {
        var seeded = await SeedAsync();

        var principal = await Server().TrySignInAsync("ana@acme.example", Password);

        Assert.Equal("acme", principal!.TenantId());
        Assert.Equal(seeded.Staff[0].Id, principal!.FindFirst(HospitalityClaims.Id)!.Value);
        Assert.Equal("Ana", principal.ActorName());
        Assert.True(principal.IsInRole("Staff"));
        Assert.Null(principal.LocationId());
    }

    [Fact]
    public async Task Failures_on_two_servers_add_up_to_one_lock()
    {
        await SeedAsync();
        var (a, b) = (Server(), Server());

        await Task.WhenAll(Enumerable.Range(0, SignIn.FailuresBeforeLock)
            .Select(i => Task.Run(() => (i % 2 == 0 ? a : b).TrySignInAsync("ana@acme.example", "wrong"))));

        Assert.Null(await a.TrySignInAsync("ana@acme.example", Password));
        Assert.Null(await b.TrySignInAsync("ana@acme.example", Password));
    }

    [Fact]
    public async Task The_lock_lifts_after_fifteen_minutes()
    {
        await SeedAsync();
        var server = Server();
        for (var i = 0; i < SignIn.FailuresBeforeLock; i++)
            await server.TrySignInAsync("ana@acme.example", "wrong");

        _clock.Advance(SignIn.LockDuration - TimeSpan.FromSeconds(1));
        var stillLocked = await server.TrySignInAsync("ana@acme.example", Password);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var lifted = await server.TrySignInAsync("ana@acme.example", Password);

        Assert.Null(stillLocked);
        Assert.NotNull(lifted);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an email")]
    [InlineData("bo@acme.example")]
    public async Task Unknown_or_malformed_emails_do_not_sign_in(string email)
    {
        await SeedAsync();

        Assert.Null(await Server().TrySignInAsync(email, Password));
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }
}
