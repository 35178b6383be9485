using Hospitality.Domain.Tenancy;
using Hospitality.Tests.Hubs;
using Hospitality.Tests.Infrastructure;

namespace Hospitality.Tests.Faults;

/// <summary>
/// Two servers sharing a PostgreSQL schema and a private redis-server the test may kill or freeze without
/// disturbing other tests, with a tenant whose locations are "bar" and "terrace".
/// </summary>
public abstract class TwoServersOnPrivateRedis : IAsyncLifetime
{
    protected const int HubPublishFailed = 5011, LivePublishFailed = 5101;
    protected static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    protected PrivateRedisServer Redis { get; private set; } = default!;
    protected FaultHost A { get; private set; } = default!;
    protected FaultHost B { get; private set; } = default!;
    protected SeededTenant Tenant { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Redis = await PrivateRedisServer.StartAsync();
        var setup = HostSetup.Cluster();
        A = new FaultHost(setup, Redis.ConnectionString);
        B = new FaultHost(setup.SecondServer(), Redis.ConnectionString);
        _ = A.Server;
        _ = B.Server;
        Tenant = await A.SeedTenantAsync("Cloud Nine", ("bar", "terrace"));
    }

    public async Task DisposeAsync()
    {
        if (Redis.IsRunning) Redis.Thaw();  // a failed test may leave it frozen, and a frozen Redis holds up the hosts' shutdown
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
