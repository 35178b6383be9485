using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Domain.Common;
using Hospitality.Domain.Customers;
using Hospitality.Domain.Tenancy;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Demo;

namespace Hospitality.Tests.Sessions;

/// <summary>
/// Two web servers sharing one PostgreSQL schema and one Redis backplane, with two tenants: Cloud (whose
/// customers are seed 000's five profiles) and Rival. Shared by the tests of a class; each test starts its own sessions.
/// </summary>
public sealed class SessionsCluster : IAsyncLifetime
{
    public HospitalityHost A { get; private set; } = default!;
    public HospitalityHost B { get; private set; } = default!;
    public SeededTenant Cloud { get; private set; } = default!;
    public SeededTenant Rival { get; private set; } = default!;

    public string Bar => Cloud.Location("Bar").Id;
    public string Terrace => Cloud.Location("Terrace").Id;
    public StaffAccount CloudStaff => Cloud.Account(StaffRole.Staff);
    public StaffAccount CloudManager => Cloud.Account(StaffRole.Manager);
    /// <summary>Cloud staff who work only at the Terrace.</summary>
    public StaffAccount TerraceStaff => Cloud.Staff.Single(s => s.LocationId is not null);
    public StaffAccount CloudViewer => Cloud.Account(StaffRole.Viewer);
    public StaffAccount RivalStaff => Rival.Account(StaffRole.Staff);
    public StaffAccount RivalManager => Rival.Account(StaffRole.Manager);

    /// <summary>Seed 000's five guests, registered in Cloud through the real commands.</summary>
    public IReadOnlyList<CustomerProfile> Guests { get; private set; } = [];

    /// <summary>A guest's id by first name.</summary>
    public string Guest(string firstName) => Guests.Single(g => g.FirstName == firstName).Id;

    public async Task InitializeAsync()
    {
        var setup = HostSetup.Cluster();
        A = new HospitalityHost(setup);
        B = new HospitalityHost(setup.SecondServer());
        _ = A.Server;
        _ = B.Server;
        // Both tenants have a location with the id "bar": ids are only unique within a tenant, and must never cross.
        Cloud = await A.SeedTenantAsync("Cloud Nine", ("bar", "terrace"));
        Rival = await A.SeedTenantAsync("Rival Lounge", ("bar", "rooftop"));
        await using var scope = A.Services.CreateAsyncScope();
        Guests = await SessionDemo.SeedGuestsAsync(scope.ServiceProvider.GetRequiredService<IMediator>(), new Actor(Cloud.Tenant.Id, "Front desk"));
    }

    /// <summary>Starts a session through the API and returns its card as JSON.</summary>
    public static async Task<JsonObject> StartAsync(HttpClient client, string locationId, string table, string[] flavors, string? customerId = null)
    {
        var response = await client.PostAsJsonAsync("/api/sessions",
            new { action = "start_session", locationId, table, flavors, customerId });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["session"]!.AsObject();
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
    }
}
