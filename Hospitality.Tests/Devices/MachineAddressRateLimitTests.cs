using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hospitality.Domain.Tenancy;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.RemoteCommands;

namespace Hospitality.Tests.Devices;

/// <summary>Machine calls from one address share a ceiling, so inventing tokens cannot buy fresh windows.</summary>
public sealed class MachineAddressRateLimitTests : IAsyncLifetime
{
    private readonly HospitalityHost _host = new(HostSetup.InMemory().With(("Devices:AddressRateLimit:PermitLimit", "5")));
    private SeededTenant _tenant = default!;

    public async Task InitializeAsync() => _tenant = await _host.SeedTenantAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Invented_tokens_and_real_machines_from_one_address_share_its_ceiling_while_staff_calls_are_not_counted()
    {
        var manager = await _host.StaffAsync(_tenant.Account(StaffRole.Manager));
        var (id, machine, _) = await CommandsApiTests.MachineAsync(_host, manager, _tenant.Location("Bar").Id);

        for (var i = 0; i < 3; i++)
        {
            var forged = _host.CreateClient();
            forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"{_tenant.Tenant.Id}.{Guid.NewGuid():N}.invented-secret-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await forged.PostAsJsonAsync($"/api/v1/devices/{id}/status", new { sequence = 1, state = "idle" })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await machine.PostAsJsonAsync($"/api/v1/devices/{id}/status", new { sequence = 1, state = "idle" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await machine.PostAsJsonAsync($"/api/v1/devices/{id}/status", new { sequence = 2, state = "idle" })).StatusCode);
        var limited = await machine.PostAsJsonAsync($"/api/v1/devices/{id}/status", new { sequence = 3, state = "idle" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);   // its own window (120) is far from full: the address's is

        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/devices/{id}/summary")).StatusCode);   // staff are not machines
    }
}
