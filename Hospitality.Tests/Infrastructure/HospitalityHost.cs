using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Hospitality.Tests.EventStore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Tests.Infrastructure;

/// <summary>Where a test host keeps its data and how it reaches other servers.</summary>
/// <param name="Schema">PostgreSQL schema, or null for the in-memory store.</param>
/// <param name="RedisPrefix">Backplane channel prefix, or null for the in-process backplane.</param>
/// <param name="Settings">Configuration a test sets on top of the defaults (applied last, so it wins over them).</param>
public sealed record HostSetup(string? Schema, string? RedisPrefix, string ServerName = "server-a", bool DemoData = false,
    IReadOnlyList<(string Key, string Value)>? Settings = null)
{
    /// <summary>The same setup with these settings added, e.g. short timings or a low limit to test.</summary>
    public HostSetup With(params (string Key, string Value)[] settings) => this with { Settings = [.. Settings ?? [], .. settings] };

    public static HostSetup InMemory() => new(null, null);

    /// <summary>The embedded default, as <c>dotnet run</c> starts it: in-memory store and the demo tenant.</summary>
    public static HostSetup Demo() => new(null, null, DemoData: true);

    /// <summary>PostgreSQL and Redis, both private to this test (own schema, own channel prefix).</summary>
    public static HostSetup Cluster() => new(PostgresTestDatabase.NewSchemaName(), $"test-{Guid.NewGuid():N}");

    /// <summary>Another server of the same cluster: same database schema and backplane.</summary>
    public HostSetup SecondServer() => this with { ServerName = "server-b" };
}

/// <summary>
/// The real web app (Program) in a test host, on the in-memory store or on PostgreSQL + Redis. With
/// <see cref="StartOnKestrel"/> it listens on a loopback port, for browsers and for a second server.
/// </summary>
public class HospitalityHost(HostSetup setup) : WebApplicationFactory<Program>
{
    public const string Password = "correct horse battery";

    public HostSetup Setup { get; } = setup;
    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    protected virtual bool RaiseSignInLimit => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Hospitality:DemoData", Setup.DemoData ? "true" : "false");
        builder.UseSetting("Hospitality:ServerName", Setup.ServerName);
        // The demo's in-process simulator would add load and changing machines to every demo test: a test turns it on.
        builder.UseSetting("Simulator:Enabled", "false");
        // Tests sign in many accounts from one address; the limiter itself is tested in Staff/.
        if (RaiseSignInLimit) builder.UseSetting("Staff:SignInRateLimit:PermitLimit", "100000");
        // Test accounts make many writes a minute, and every test machine calls from loopback; the limits themselves are
        // tested with low ones set through Settings (Staff/StaffWriteRateLimitTests, Devices/MachineAddressRateLimitTests).
        builder.UseSetting("Staff:WriteRateLimit:PermitLimit", "100000");
        builder.UseSetting("Devices:AddressRateLimit:PermitLimit", "1000000");   // every test machine calls from loopback
        if (Setup.Schema is not null)
        {
            builder.UseSetting("ConnectionStrings:Postgres", TestEnvironment.Postgres);
            builder.UseSetting("Hospitality:SchemaName", Setup.Schema);
        }
        if (Setup.RedisPrefix is not null)
        {
            builder.UseSetting("ConnectionStrings:Redis", TestEnvironment.Redis);
            builder.UseSetting("Backplane:ChannelPrefix", Setup.RedisPrefix);
        }
        foreach (var (key, value) in Setup.Settings ?? []) builder.UseSetting(key, value);
    }

    /// <summary>Listens on a loopback port (for browsers); returns the base address.</summary>
    public string StartOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        return ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }

    /// <summary>
    /// A tenant with two locations and one account per role (admin@, manager@, staff@, viewer@ its id), plus terrace@:
    /// staff who work only at the Terrace.
    /// </summary>
    /// <param name="locationIds">Ids of the two locations (Bar, Terrace); give two tenants the same id to prove ids never cross.</param>
    public Task<SeededTenant> SeedTenantAsync(string? name = null, (string Bar, string Terrace)? locationIds = null)
    {
        var id = "t-" + Guid.NewGuid().ToString("N")[..10];
        var terrace = locationIds?.Terrace ?? "terrace-" + id;
        var staff = Enum.GetValues<StaffRole>()
            .Select(role => new StaffSpec($"{role.ToString().ToLowerInvariant()}@{id}.example", $"{role} of {id}", role, Password))
            .Append(new StaffSpec($"terrace@{id}.example", $"Terrace staff of {id}", StaffRole.Staff, Password, LocationId: terrace))
            .ToList();
        return TenancySeeding.CreateTenantAsync(Store, new TenantSpec(id, name ?? id,
            [new LocationSpec("Bar", LocationKind.Lounge, locationIds?.Bar), new LocationSpec("Terrace", LocationKind.Restaurant, terrace)],
            staff));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Setup.Schema is not null && Setup.ServerName == "server-a") await PostgresTestDatabase.DropSchemaAsync(Setup.Schema);
        GC.SuppressFinalize(this);
    }
}
