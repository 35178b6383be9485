using System.Security.Claims;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Hospitality.EventStore.InMemory;
using Hospitality.Web.Staff.Account;

namespace Hospitality.Tests.Staff;

public class StaffCircuitRevalidationTests
{
    private readonly IDocumentStore _store = new InMemoryDocumentStore(TenancyStore.Configure(new Hospitality.EventStore.StoreOptions()));

    private async Task<StaffAccount> SeedAsync() => (await TenancySeeding.CreateTenantAsync(_store, new TenantSpec("acme", "Acme",
        [new LocationSpec("Bar", LocationKind.Lounge)], [new StaffSpec("mia@acme.example", "Mia", StaffRole.Manager, "long enough password")]))).Staff[0];

    private async Task ChangeAsync(StaffAccount account, Func<StaffAccount, StaffAccount>? change)
    {
        await using var session = _store.LightweightSession("acme");
        if (change is null) session.Delete<StaffAccount>(account.Id);
        else session.Store(change(account) with { Version = account.Version + 1 }, account.Version);
        await session.SaveChangesAsync();
    }

    [Fact]
    public async Task A_circuit_of_an_unchanged_account_stays_signed_in()
    {
        var account = await SeedAsync();

        Assert.True(await StaffCircuitRevalidation.StillValidAsync(_store, StaffSignIn.PrincipalFor(account), default));
    }

    [Fact]
    public async Task A_circuit_whose_account_was_deleted_or_demoted_is_signed_out()
    {
        var account = await SeedAsync();
        var principal = StaffSignIn.PrincipalFor(account);

        await ChangeAsync(account, a => a with { Role = StaffRole.Viewer });
        var demoted = await StaffCircuitRevalidation.StillValidAsync(_store, principal, default);
        await ChangeAsync(account with { Version = account.Version + 1 }, null);
        var deleted = await StaffCircuitRevalidation.StillValidAsync(_store, principal, default);

        Assert.False(demoted);
        Assert.False(deleted);
    }

    [Fact]
    public async Task Anonymous_circuits_need_no_account()
    {
        Assert.True(await StaffCircuitRevalidation.StillValidAsync(_store, new ClaimsPrincipal(new ClaimsIdentity()), default));
    }
}
