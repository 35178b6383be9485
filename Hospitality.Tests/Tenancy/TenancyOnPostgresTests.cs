using Hospitality.Domain.Tenancy;
using Hospitality.EventStore.Postgres;
using Hospitality.Tests.EventStore;
using Hospitality.Web.Staff.Account;
using Hospitality.Web.Staff.Screens;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using StoreOptions = Hospitality.EventStore.StoreOptions;

namespace Hospitality.Tests.Tenancy;

/// <summary>
/// The tenancy documents and their queries on the real PostgreSQL store: sign-in through the system tenant's email
/// lookup, the lockout's versioned save, and the display token listing query.
/// </summary>
public sealed class TenancyOnPostgresTests : IAsyncLifetime
{
    private const string Password = "long enough password";
    private readonly PostgresDocumentStore _store;

    public TenancyOnPostgresTests()
    {
        var options = TenancyStore.Configure(new StoreOptions());
        options.DatabaseSchemaName = PostgresTestDatabase.NewSchemaName();
        _store = new PostgresDocumentStore(options, PostgresTestDatabase.DataSource);
    }

    public Task InitializeAsync() => _store.ApplyAllConfiguredChangesToDatabaseAsync();

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await PostgresTestDatabase.DropSchemaAsync(_store.Options.DatabaseSchemaName);
    }

    private StaffSignIn SignInServer() =>
        new(_store, new PasswordHasher<StaffAccount>(), TimeProvider.System, NullLogger<StaffSignIn>.Instance);

    private Task<SeededTenant> SeedAsync(string tenantId) => TenancySeeding.CreateTenantAsync(_store, new TenantSpec(tenantId, tenantId,
        [new LocationSpec("Bar", LocationKind.Lounge, "bar"), new LocationSpec("Hall", LocationKind.EventVenue, "hall")],
        [new StaffSpec($"mia@{tenantId}.example", "Mia", StaffRole.Manager, Password)]));

    [Fact]
    public async Task Sign_in_finds_the_account_through_the_system_tenant_and_locks_after_five_failures()
    {
        await SeedAsync("acme");
        var server = SignInServer();

        var signedIn = await server.TrySignInAsync("MIA@acme.example", Password);
        for (var i = 0; i < SignIn.FailuresBeforeLock; i++)
            Assert.Null(await server.TrySignInAsync("mia@acme.example", "wrong"));
        var locked = await server.TrySignInAsync("mia@acme.example", Password);

        Assert.Equal("acme", signedIn!.TenantId());
        Assert.Null(locked);
    }

    [Fact]
    public async Task Display_tokens_are_issued_listed_newest_first_and_revoked_within_their_tenant()
    {
        var acme = await SeedAsync("acme");
        await SeedAsync("other");
        var mia = new StaffActor("acme", acme.Staff[0].Id, "Mia", StaffRole.Manager);
        var t0 = DateTimeOffset.UtcNow;

        var first = await DisplayTokenCommands.IssueAsync(_store, mia, "bar", "Bar screen", t0);
        var second = await DisplayTokenCommands.IssueAsync(_store, mia, "bar", "Till screen", t0.AddMinutes(1));
        await DisplayTokenCommands.IssueAsync(_store, mia, "hall", "Hall screen", t0);
        await DisplayTokenCommands.RevokeAsync(_store, mia, first!.Id, t0.AddMinutes(2));
        var listed = await DisplayTokenCommands.ListAsync(_store, "acme", "bar");

        Assert.Equal([second!.Id, first.Id], listed!.Select(t => t.Id));
        Assert.Equal([false, true], listed!.Select(t => t.RevokedAt is not null));
        Assert.Null(await DisplayTokenCommands.ListAsync(_store, "other", "nowhere"));
        Assert.Empty((await DisplayTokenCommands.ListAsync(_store, "other", "bar"))!);
        Assert.Null(await DisplayTokenCommands.RevokeAsync(_store, mia with { TenantId = "other" }, second.Id, t0));
    }
}
