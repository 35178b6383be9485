using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;

namespace Hospitality.Tests.Staff;

/// <summary>
/// A location's tax and service charge, coordinates and time zone through the real hosts on PostgreSQL: managers set them,
/// nobody else, per tenant.
/// </summary>
public class LocationChargesApiTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    private static string Url(string locationId) => $"/api/locations/{locationId}/charges";

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PutAsync(HttpClient client, string locationId, object body)
    {
        var response = await client.PutAsJsonAsync(Url(locationId), body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }

    private static async Task<(string Tax, string Service, bool DineInOnly, long Version)> ReadAsync(HttpClient client, string locationId)
    {
        var body = (await client.GetFromJsonAsync<JsonObject>(Url(locationId)))!;
        return ((string)body["taxRate"]!, (string)body["serviceChargeRate"]!, (bool)body["serviceChargeDineInOnly"]!, (long)body["version"]!);
    }

    [Fact]
    public async Task A_manager_sets_the_rates_as_percent_text_and_staff_on_the_other_server_read_them_exactly()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var (status, body) = await PutAsync(manager, cluster.Terrace, new { taxRate = "8.25", serviceChargeRate = "12.5", serviceChargeDineInOnly = false });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((825, 1250), ((int)body["taxBasisPoints"]!, (int)body["serviceChargeBasisPoints"]!));
        var staffOnB = await cluster.B.StaffAsync(cluster.CloudStaff);
        var (tax, service, dineInOnly, _) = await ReadAsync(staffOnB, cluster.Terrace);
        Assert.Equal(("8.25", "12.5", false), (tax, service, dineInOnly));
    }

    [Theory]
    [InlineData("8.255", "12", "tax rate")]
    [InlineData("100.01", "12", "tax rate")]
    [InlineData("8", "50.5", "service charge rate")]
    [InlineData("8", "ten", "service charge rate")]
    [InlineData(null, "12", "taxRate")]
    public async Task A_bad_rate_is_a_problem_naming_it_and_changes_nothing(string? tax, string service, string named)
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var before = await ReadAsync(manager, cluster.Bar);

        var (status, problem) = await PutAsync(manager, cluster.Bar, new { taxRate = tax, serviceChargeRate = service });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(named, (string)problem["detail"]!);
        Assert.Equal(before, await ReadAsync(manager, cluster.Bar));
    }

    [Fact]
    public async Task Only_managers_change_the_rates_and_a_stale_version_is_a_conflict()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        await PutAsync(manager, cluster.Terrace, new { taxRate = "5", serviceChargeRate = "10" });
        var before = await ReadAsync(manager, cluster.Terrace);

        foreach (var account in new[] { cluster.CloudStaff, cluster.CloudViewer, cluster.TerraceStaff })
            Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(await cluster.A.StaffAsync(account), cluster.Terrace, new { taxRate = "0", serviceChargeRate = "0" })).Status);
        var (stale, problem) = await PutAsync(manager, cluster.Terrace, new { taxRate = "6", serviceChargeRate = "10", expectedVersion = before.Version - 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale);
        Assert.Contains("changed by someone else", (string)problem["detail"]!);

        Assert.Equal(before, await ReadAsync(manager, cluster.Terrace));
    }

    [Fact]
    public async Task Another_tenants_manager_changes_only_their_own_location_of_the_same_id()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        await PutAsync(manager, cluster.Bar, new { taxRate = "7", serviceChargeRate = "0" });
        var rival = await cluster.A.StaffAsync(cluster.RivalManager);

        // Both tenants have a location "bar": the rival's manager reaches their own, never ours; our terrace does not exist for them.
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(rival, "bar", new { taxRate = "20", serviceChargeRate = "15" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PutAsync(rival, cluster.Terrace, new { taxRate = "20", serviceChargeRate = "15" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.GetAsync(Url(cluster.Terrace))).StatusCode);

        var (ours, rivals) = (await ReadAsync(manager, cluster.Bar), await ReadAsync(rival, "bar"));
        Assert.Equal(("7", "0", "20", "15"), (ours.Tax, ours.Service, rivals.Tax, rivals.Service));
    }

    [Fact]
    public async Task A_manager_puts_a_location_on_the_map_bad_coordinates_change_nothing_and_staff_cannot()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var url = $"/api/locations/{cluster.Bar}/coordinates";
        var set = await manager.PutAsJsonAsync(url, new { latitude = 37.7879941234, longitude = -122.407437 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var point = (await set.Content.ReadFromJsonAsync<JsonObject>())!["coordinates"]!;
        Assert.Equal((37.787994, -122.407437), ((double)point["latitude"]!, (double)point["longitude"]!));

        var bad = await manager.PutAsJsonAsync(url, new { latitude = 91.0, longitude = 0.0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'latitude' must be between -90 and 90", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PutAsJsonAsync(url, new { latitude = 10.0 })).StatusCode);
        var staff = await cluster.B.StaffAsync(cluster.CloudStaff);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PutAsJsonAsync(url, new { latitude = 1.0, longitude = 1.0 })).StatusCode);
        var locations = (await staff.GetFromJsonAsync<JsonArray>("/api/locations"))!;
        var bar = locations.Single(l => (string)l!["id"]! == cluster.Bar)!;
        Assert.Equal(37.787994, (double)bar["coordinates"]!["latitude"]!);   // the refusals changed nothing
        var rival = await cluster.A.StaffAsync(cluster.RivalManager);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.PutAsJsonAsync($"/api/locations/{cluster.Terrace}/coordinates", new { latitude = 1.0, longitude = 1.0 })).StatusCode);
    }

    [Fact]
    public async Task A_manager_sets_a_locations_time_zone_an_unknown_one_is_a_problem_naming_it_and_nothing_is_stored()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var url = $"/api/locations/{cluster.Terrace}/time-zone";
        var set = await manager.PutAsJsonAsync(url, new { timeZone = "Asia/Dubai" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("Asia/Dubai", (string)(await set.Content.ReadFromJsonAsync<JsonObject>())!["timeZone"]!);

        var bad = await manager.PutAsJsonAsync(url, new { timeZone = "Asia/Atlantis" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("'Asia/Atlantis' is not a time zone", (string)(await bad.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PutAsJsonAsync(url, new { })).StatusCode);
        var staff = await cluster.B.StaffAsync(cluster.CloudStaff);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PutAsJsonAsync(url, new { timeZone = "Europe/London" })).StatusCode);
        var rival = await cluster.A.StaffAsync(cluster.RivalManager);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.PutAsJsonAsync(url, new { timeZone = "Europe/London" })).StatusCode);

        var terrace = (await staff.GetFromJsonAsync<JsonObject>($"/api/locations/{cluster.Terrace}"))!;
        Assert.Equal("Asia/Dubai", (string)terrace["timeZone"]!);   // the refusals changed nothing, as the other server reads it
    }
}
