using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;

namespace Hospitality.Tests.Dashboard;

/// <summary>Seed 002's <c>GET /api/v1/dashboard/summary</c> through the real hosts on PostgreSQL and Redis, two tenants.</summary>
public sealed class DashboardApiTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    private static async Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/dashboard/summary{query}");
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static async Task<JsonNode> DataAsync(HttpClient client, string query = "")
    {
        var (status, body) = await GetAsync(client, query);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.True((bool)body["ok"]!);
        return body["data"]!;
    }

    /// <summary>A machine registered at the Bar by the manager, and a paid sale of 9.00 USD it records with its own token.</summary>
    private async Task SellAtTheBarAsync(HttpClient manager)
    {
        var registered = await manager.PostAsJsonAsync("/api/v1/devices/register",
            new { locationId = cluster.Bar, name = "Bar espresso", model = "EX-200", serialNumber = $"SN-{Guid.NewGuid():N}"[..12] });
        var device = JsonNode.Parse(await registered.Content.ReadAsStringAsync())!["data"]!;
        var machine = cluster.A.CreateClient();
        machine.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)device["token"]!);
        var sold = await machine.PostAsJsonAsync($"/api/v1/devices/{device["device"]!["id"]}/orders/create", new
        {
            machineOrderId = $"d-{Guid.NewGuid():N}", currency = "USD", paymentMethod = "card", paymentStatus = "paid",
            items = new[] { new { name = "Latte", quantity = 2, unitPrice = "3.50" }, new { name = "Espresso", quantity = 1, unitPrice = "2.00" } },
        });
        Assert.Equal(HttpStatusCode.OK, sold.StatusCode);
    }

    private static long UsdToday(JsonNode data) =>
        data["sales"]!["today"]!["revenue"]!.AsArray().Where(r => (string)r!["currency"]! == "USD").Sum(r => (long)r!["totalMinor"]!);

    [Fact]
    public async Task A_manager_reads_the_summary_in_the_envelope_and_a_sale_and_a_machine_show_up_in_it()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var before = await DataAsync(manager, $"?merchant_id={cluster.Cloud.Tenant.Id}");
        await SellAtTheBarAsync(manager);
        var after = await DataAsync(await cluster.B.StaffAsync(cluster.CloudManager));   // the other server reads the same

        Assert.Equal(900, UsdToday(after) - UsdToday(before));
        Assert.Equal(1, (int)after["sales"]!["today"]!["machineSales"]! - (int)before["sales"]!["today"]!["machineSales"]!);
        Assert.Equal(1, (int)after["fleet"]!["machines"]! - (int)before["fleet"]!["machines"]!);
        Assert.Equal(7, after["sales"]!["perDay"]!.AsArray().Count);
        Assert.Equal((string)after["today"]!, (string)after["to"]!);
        Assert.Equal(["device_offline", "temperature_out_of_range", "low_stock", "command_failed"],
            after["alarms"]!["byKind"]!.AsArray().Select(k => (string)k!["kind"]!));
        Assert.NotNull(after["sessions"]!["active"]);
        Assert.NotNull(after["rooms"]!["open"]);
    }

    [Theory]
    [InlineData("?from=2030-03-10&to=2030-03-01", "must be on or after")]
    [InlineData("?from=2020-01-01&to=2020-12-31", "at most 92 days")]
    [InlineData("?from=yesterday", "'from' must be a date like 2026-03-01")]
    public async Task A_bad_range_is_refused_in_the_envelope_with_a_sentence(string query, string reason)
    {
        var (status, body) = await GetAsync(await cluster.A.StaffAsync(cluster.CloudManager), query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False((bool)body["ok"]!);
        Assert.Equal("invalid_request", (string)body["error"]!["code"]!);
        Assert.Contains(reason, (string)body["error"]!["message"]!);
    }

    [Fact]
    public async Task Another_tenant_sees_none_of_it_even_at_a_location_of_the_same_id_and_cannot_name_our_merchant()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        await SellAtTheBarAsync(manager);
        var rival = await cluster.B.StaffAsync(cluster.RivalManager);

        var theirs = await DataAsync(rival, "?location_id=bar");
        Assert.Equal(0, UsdToday(theirs));
        Assert.Equal(0, (int)theirs["fleet"]!["machines"]!);
        var (status, body) = await GetAsync(rival, $"?merchant_id={cluster.Cloud.Tenant.Id}");
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (status, (string)body["error"]!["code"]!));
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(rival, $"?location_id={cluster.Terrace}")).Status);
    }

    [Fact]
    public async Task Staff_and_viewers_are_refused_in_the_envelope()
    {
        foreach (var account in new[] { cluster.CloudStaff, cluster.CloudViewer })
        {
            var (status, body) = await GetAsync(await cluster.A.StaffAsync(account), "");
            Assert.Equal((HttpStatusCode.Forbidden, false, "forbidden"), (status, (bool)body["ok"]!, (string)body["error"]!["code"]!));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(cluster.A.CreateClient(), "")).Status);
    }
}
