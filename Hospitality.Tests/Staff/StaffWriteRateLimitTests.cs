using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Domain.Tenancy;
using Hospitality.Tests.Infrastructure;

namespace Hospitality.Tests.Staff;

/// <summary>The API's writes are limited per signed-in user; reads are not, and one user's flood leaves others alone.</summary>
public sealed class StaffWriteRateLimitTests : IAsyncLifetime
{
    private readonly HospitalityHost _host = new(HostSetup.InMemory().With(("Staff:WriteRateLimit:PermitLimit", "3")));
    private SeededTenant _tenant = default!;

    public async Task InitializeAsync() => _tenant = await _host.SeedTenantAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_user_writing_too_fast_gets_429_in_the_envelope_reads_still_work_and_another_user_is_not_held_up()
    {
        var manager = await _host.StaffAsync(_tenant.Account(StaffRole.Manager));
        var location = _tenant.Location("Bar").Id;
        HttpResponseMessage Register(int i) => manager.PostAsJsonAsync("/api/v1/devices/register",
            new { locationId = location, name = $"Machine {i}", model = "EX-200", serialNumber = $"SN-{i}" }).GetAwaiter().GetResult();

        Assert.All(Enumerable.Range(0, 3).Select(Register), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var refused = Register(4);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("rate_limited", (string)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!["code"]!);
        Assert.Equal(3, (int)JsonNode.Parse(await manager.GetStringAsync("/api/v1/devices"))!["data"]!["total"]!);   // reads go on; the refused write stored nothing

        var admin = await _host.StaffAsync(_tenant.Account(StaffRole.Admin));
        var other = await admin.PostAsJsonAsync("/api/v1/devices/register", new { locationId = location, name = "Admin's", model = "EX-200", serialNumber = "SN-A" });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
