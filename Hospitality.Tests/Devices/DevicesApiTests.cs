using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Domain.Devices;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Tests.Devices;

/// <summary>Seed 002's device API through the real hosts: two servers on PostgreSQL and Redis, machines with their own tokens.</summary>
public class DevicesApiTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    private async Task<(string Id, string Token)> RegisterAsync(string name = "Bar espresso", string? location = null)
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var response = await manager.PostAsJsonAsync("/api/v1/devices/register",
            new { locationId = location ?? cluster.Bar, name, model = "EX-200", serialNumber = $"SN-{Guid.NewGuid():N}"[..12] });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((bool)body["ok"]!);
        return ((string)body["data"]!["device"]!["id"]!, (string)body["data"]!["token"]!);
    }

    private HttpClient Machine(string token, HospitalityHost? host = null)
    {
        var client = (host ?? cluster.A).CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> ReportAsync(HttpClient machine, string id, long sequence, string state = "brewing", double temperature = 93)
    {
        var response = await machine.PostAsJsonAsync($"/api/v1/devices/{id}/status", new
        {
            sequence, state, temperature, connectivity = "wifi", firmware = "2.1.0", bins = new[] { new { bin = "beans", level = 800 - sequence } },
        });
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task A_machine_reports_with_its_token_duplicates_change_nothing_and_late_reports_never_overwrite_newer_state()
    {
        var (id, token) = await RegisterAsync();
        var machine = Machine(token);

        var (status, first) = await ReportAsync(machine, id, 10);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("applied", (string)first["data"]!["outcome"]!);
        Assert.True((bool)first["data"]!["device"]!["online"]!);
        Assert.Equal("duplicate", (string)(await ReportAsync(Machine(token, cluster.B), id, 10, "error"))!.Body["data"]!["outcome"]!);
        Assert.Equal("late", (string)(await ReportAsync(machine, id, 7, "error", 20)).Body["data"]!["outcome"]!);

        var staff = await cluster.B.StaffAsync(cluster.CloudStaff);
        var summary = JsonNode.Parse(await staff.GetStringAsync($"/api/v1/devices/{id}/summary"))!["data"]!;
        Assert.Equal(("brewing", 93.0, 10L), ((string)summary["state"]!, (double)summary["temperatureC"]!, (long)summary["lastSequence"]!));
        Assert.Null(summary["tokenHash"]);   // the hash never leaves the server
    }

    [Fact]
    public async Task Bad_replaced_and_revoked_tokens_and_another_machines_token_are_refused_in_the_envelope()
    {
        var (id, token) = await RegisterAsync();
        var (otherId, _) = await RegisterAsync("Terrace grinder");

        var (forged, body) = await ReportAsync(Machine(token[..^4] + "AAAA"), id, 1);
        Assert.Equal(HttpStatusCode.Unauthorized, forged);
        Assert.Equal("unauthorized", (string)body["error"]!["code"]!);
        Assert.Equal(HttpStatusCode.Forbidden, (await ReportAsync(Machine(token), otherId, 1)).Status);

        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var replaced = JsonNode.Parse(await (await manager.PostAsJsonAsync($"/api/v1/devices/{id}/token", new { })).Content.ReadAsStringAsync())!;
        var newToken = (string)replaced["data"]!["token"]!;
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReportAsync(Machine(token), id, 1)).Status);
        Assert.Equal(HttpStatusCode.OK, (await ReportAsync(Machine(newToken), id, 1)).Status);
        Assert.Equal(HttpStatusCode.OK, (await manager.DeleteAsync($"/api/v1/devices/{id}/token")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReportAsync(Machine(newToken, cluster.B), id, 2)).Status);

        var (bad, refusal) = await ReportAsync(Machine((await RegisterAsync("Third")).Token), (await RegisterAsync("Fourth")).Id, 1);
        Assert.Equal(HttpStatusCode.Forbidden, bad);
        Assert.False((bool)refusal["ok"]!);
    }

    [Fact]
    public async Task A_malformed_report_is_a_400_naming_the_field_and_changes_nothing()
    {
        var (id, token) = await RegisterAsync();
        var machine = Machine(token);
        await ReportAsync(machine, id, 1);
        var (status, body) = await ReportAsync(machine, id, 2, "dancing");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("state", (string)body["error"]!["message"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await ReportAsync(machine, id, 3, temperature: 900)).Status);
        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        Assert.Equal(1, (long)JsonNode.Parse(await staff.GetStringAsync($"/api/v1/devices/{id}/summary"))!["data"]!["lastSequence"]!);
    }

    [Fact]
    public async Task Staff_cannot_register_and_another_tenant_neither_sees_nor_lists_nor_reaches_our_machines()
    {
        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        var refused = await staff.PostAsJsonAsync("/api/v1/devices/register", new { locationId = cluster.Bar, name = "X", model = "EX", serialNumber = "S" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("forbidden", (string)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!["code"]!);

        var (id, _) = await RegisterAsync("Ours");
        var rival = await cluster.A.StaffAsync(cluster.RivalManager);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.GetAsync($"/api/v1/devices/{id}/summary")).StatusCode);
        var list = JsonNode.Parse(await rival.GetStringAsync("/api/v1/devices?page_size=200"))!["data"]!;
        Assert.DoesNotContain(list["items"]!.AsArray(), d => (string)d!["id"]! == id);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.PostAsJsonAsync($"/api/v1/devices/{id}/token", new { })).StatusCode);
    }

    [Fact]
    public async Task The_list_filters_by_text_model_and_status_and_pages()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add((await RegisterAsync($"Lobby {tag} {i}")).Id);
        var (onlineId, token) = await RegisterAsync($"Lobby {tag} online");
        await ReportAsync(Machine(token), onlineId, 1);

        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        var page = JsonNode.Parse(await staff.GetStringAsync($"/api/v1/devices?query=LOBBY%20{tag}&page=2&page_size=3"))!["data"]!;
        Assert.Equal(4, (int)page["total"]!);
        Assert.Single(page["items"]!.AsArray());
        var online = JsonNode.Parse(await staff.GetStringAsync($"/api/v1/devices?query={tag}&status=online"))!["data"]!;
        Assert.Equal([onlineId], online["items"]!.AsArray().Select(d => (string)d!["id"]!));
        var bad = await staff.GetAsync("/api/v1/devices?page=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_silent_machine_goes_offline_and_every_dashboard_hears_it_live()
    {
        var (id, token) = await RegisterAsync("Harbor espresso", cluster.Terrace);
        var staff = await cluster.B.StaffAsync(cluster.CloudStaff);
        await using var dashboard = await cluster.B.HubWithCookieAsync("/hubs/devices", staff);
        var machines = await dashboard.InvokeAsync("Subscribe", (string?)null);
        Assert.Contains(machines!.AsArray(), d => (string)d!["id"]! == id);

        await ReportAsync(Machine(token), id, 1);   // on server A
        var heard = (await dashboard.NextPushAsync("DeviceChanged"))[0]!;
        Assert.Equal((id, true), ((string)heard["id"]!, (bool)heard["online"]!));

        await using var scope = cluster.A.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CheckDeviceHeartbeats(TimeSpan.Zero)) >= 1);
        JsonNode offline;
        do offline = (await dashboard.NextPushAsync("DeviceChanged"))[0]!;
        while ((string)offline["id"]! != id);
        Assert.False((bool)offline["online"]!);
    }
}
