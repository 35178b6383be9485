using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Domain.Alarms;
using Hospitality.Domain.Devices;
using Hospitality.Domain.Tenancy;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Tests.Alarms;

/// <summary>Alarms through the real hosts: two servers on PostgreSQL and Redis, raised from what machines report.</summary>
public class AlarmsApiTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    private async Task<(string Id, string Token)> RegisterAsync(string? location = null)
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var response = await manager.PostAsJsonAsync("/api/v1/devices/register",
            new { locationId = location ?? cluster.Bar, name = "Bar espresso", model = "EX-200", serialNumber = $"SN-{Guid.NewGuid():N}"[..12] });
        var data = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!;
        return ((string)data["device"]!["id"]!, (string)data["token"]!);
    }

    private async Task<HttpResponseMessage> SetUpBeansAsync(string id, long threshold = 200, long? expectedVersion = 0, StaffAccount? who = null)
    {
        var staff = await cluster.A.StaffAsync(who ?? cluster.CloudManager);
        return await staff.PutAsJsonAsync($"/api/v1/devices/{id}/bins/beans", new { materialCode = "BEANS-ARABICA", capacity = 1000, threshold, expectedVersion });
    }

    private static async Task<HttpStatusCode> ReportAsync(HospitalityHost host, string token, string id, long sequence, long beans = 800, double temperature = 92,
        string state = "brewing")
    {
        var machine = host.CreateClient();
        machine.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await machine.PostAsJsonAsync($"/api/v1/devices/{id}/status",
            new { sequence, state, temperature, bins = new[] { new { bin = "beans", level = beans } } });
        return response.StatusCode;
    }

    private async Task<JsonNode> AlarmsAsync(string query, StaffAccount? who = null, HospitalityHost? host = null)
    {
        var staff = await (host ?? cluster.B).StaffAsync(who ?? cluster.CloudStaff);
        var body = JsonNode.Parse(await staff.GetStringAsync($"/api/v1/alarms?{query}"))!;
        Assert.True((bool)body["ok"]!);
        return body["data"]!;
    }

    private async Task<T> SendAsync<T>(HospitalityHost host, IRequest<T> request)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    [Fact]
    public async Task Many_low_reports_on_two_servers_raise_exactly_one_low_stock_alarm_which_clears_when_the_bin_is_refilled()
    {
        var (id, token) = await RegisterAsync();
        Assert.Equal(HttpStatusCode.OK, (await SetUpBeansAsync(id)).StatusCode);

        for (var i = 1; i <= 8; i++)
        {
            var both = await Task.WhenAll(ReportAsync(cluster.A, token, id, 2 * i - 1, beans: 150), ReportAsync(cluster.B, token, id, 2 * i, beans: 140));
            Assert.All(both, s => Assert.Equal(HttpStatusCode.OK, s));
        }
        var open = await AlarmsAsync($"device_id={id}&state=active");
        var alarm = Assert.Single(open["items"]!.AsArray())!;
        Assert.Equal(("low_stock", "beans", "open"), ((string)alarm["kind"]!, (string)alarm["subject"]!, (string)alarm["state"]!));
        Assert.True((int)alarm["count"]! >= 2);

        Assert.Equal(HttpStatusCode.OK, await ReportAsync(cluster.A, token, id, 17, beans: 950));
        Assert.Equal(0, (int)(await AlarmsAsync($"device_id={id}&state=active"))["total"]!);
        var cleared = Assert.Single((await AlarmsAsync($"device_id={id}&state=resolved"))["items"]!.AsArray())!;
        Assert.Equal(((string)alarm["id"]!, "system"), ((string)cleared["id"]!, (string)cleared["resolvedBy"]!));
        Assert.NotNull((string?)cleared["clearedBy"]);
    }

    [Fact]
    public async Task A_failed_command_raised_on_both_servers_at_once_is_one_alarm_counting_every_raise()
    {
        var (id, _) = await RegisterAsync();
        var raise = new RaiseAlarm(cluster.Cloud.Tenant.Id, Guid.Parse(id), AlarmKind.CommandFailed, "restart#1", "The restart command failed: no answer.");
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => SendAsync(i % 2 == 0 ? cluster.A : cluster.B, raise)));

        var alarm = Assert.Single((await AlarmsAsync($"device_id={id}&kind=command_failed"))["items"]!.AsArray())!;
        Assert.Equal((10, "open"), ((int)alarm["count"]!, (string)alarm["state"]!));
    }

    [Fact]
    public async Task A_silent_machine_raises_an_offline_alarm_from_the_heartbeat_check_which_clears_when_it_reports_again()
    {
        var (id, token) = await RegisterAsync(cluster.Terrace);
        await ReportAsync(cluster.A, token, id, 1);
        Assert.Equal(0, (int)(await AlarmsAsync($"device_id={id}"))["total"]!);

        Assert.True(await SendAsync(cluster.B, new CheckDeviceHeartbeats(TimeSpan.Zero)) >= 1);
        var offline = Assert.Single((await AlarmsAsync($"device_id={id}&state=open&kind=device_offline"))["items"]!.AsArray())!;
        Assert.Equal(cluster.Terrace, (string)offline["locationId"]!);

        await ReportAsync(cluster.A, token, id, 2);
        var back = Assert.Single((await AlarmsAsync($"device_id={id}"))["items"]!.AsArray())!;
        Assert.Equal(("resolved", "The machine is back online."), ((string)back["state"]!, (string)back["clearedBy"]!));
    }

    [Fact]
    public async Task A_temperature_out_of_range_while_brewing_raises_an_alarm_and_back_in_range_clears_it()
    {
        var (id, token) = await RegisterAsync();
        await ReportAsync(cluster.A, token, id, 1, temperature: 99.5);
        await ReportAsync(cluster.B, token, id, 2, temperature: 99);
        var hot = Assert.Single((await AlarmsAsync($"device_id={id}&kind=temperature_out_of_range&state=active"))["items"]!.AsArray())!;
        Assert.Contains("99 °C", (string)hot["message"]!);

        await ReportAsync(cluster.A, token, id, 3, temperature: 92);
        Assert.Equal(0, (int)(await AlarmsAsync($"device_id={id}&state=active"))["total"]!);
    }

    [Fact]
    public async Task Staff_acknowledge_and_resolve_while_a_viewer_is_refused_in_the_envelope()
    {
        var (id, _) = await RegisterAsync();
        var alarm = await SendAsync(cluster.A, new RaiseAlarm(cluster.Cloud.Tenant.Id, Guid.Parse(id), AlarmKind.CommandFailed, "brew#7", "Brew failed."));

        var viewer = await cluster.A.StaffAsync(cluster.CloudViewer);
        var refused = await viewer.PostAsJsonAsync($"/api/v1/alarms/{alarm.Id}/acknowledge", new { });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("forbidden", (string)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!["code"]!);
        Assert.Single((await AlarmsAsync($"device_id={id}", cluster.CloudViewer))["items"]!.AsArray());   // a viewer reads

        var staff = await cluster.B.StaffAsync(cluster.CloudStaff);
        var acknowledged = JsonNode.Parse(await (await staff.PostAsJsonAsync($"/api/v1/alarms/{alarm.Id}/acknowledge", new { })).Content.ReadAsStringAsync())!["data"]!;
        Assert.Equal("acknowledged", (string)acknowledged["state"]!);
        var resolved = JsonNode.Parse(await (await staff.PostAsJsonAsync($"/api/v1/alarms/{alarm.Id}/resolve", new { })).Content.ReadAsStringAsync())!["data"]!;
        Assert.Equal("resolved", (string)resolved["state"]!);
        Assert.Null((string?)resolved["clearedBy"]);
        var late = await staff.PostAsJsonAsync($"/api/v1/alarms/{alarm.Id}/acknowledge", new { });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task Another_tenant_neither_lists_nor_acknowledges_our_alarms()
    {
        var (id, _) = await RegisterAsync();
        var alarm = await SendAsync(cluster.A, new RaiseAlarm(cluster.Cloud.Tenant.Id, Guid.Parse(id), AlarmKind.CommandFailed, "x", "Failed."));
        var rival = await cluster.A.StaffAsync(cluster.RivalStaff);
        var list = JsonNode.Parse(await rival.GetStringAsync("/api/v1/alarms?state=all&page_size=200"))!["data"]!;
        Assert.DoesNotContain(list["items"]!.AsArray(), a => (string)a!["id"]! == alarm.Id.ToString());
        var refused = await rival.PostAsJsonAsync($"/api/v1/alarms/{alarm.Id}/resolve", new { });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("not_found", (string)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!["code"]!);
    }

    [Fact]
    public async Task Bins_are_set_up_by_managers_with_their_version_and_a_stale_version_is_a_409()
    {
        var (id, token) = await RegisterAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await SetUpBeansAsync(id, who: cluster.CloudStaff)).StatusCode);
        var first = JsonNode.Parse(await (await SetUpBeansAsync(id)).Content.ReadAsStringAsync())!["data"]!;
        var version = (long)first["stock"]![0]!["version"]!;
        await ReportAsync(cluster.A, token, id, 1, beans: 500);   // a report in between does not make the editor stale

        Assert.Equal(HttpStatusCode.OK, (await SetUpBeansAsync(id, threshold: 300, expectedVersion: version)).StatusCode);
        var stale = await SetUpBeansAsync(id, threshold: 400, expectedVersion: version);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("conflict", (string)JsonNode.Parse(await stale.Content.ReadAsStringAsync())!["error"]!["code"]!);
        var invalid = await (await cluster.A.StaffAsync(cluster.CloudManager)).PutAsJsonAsync($"/api/v1/devices/{id}/bins/beans",
            new { materialCode = "BEANS", capacity = 100, threshold = 101 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        var manager = await cluster.B.StaffAsync(cluster.CloudManager);
        var summary = JsonNode.Parse(await manager.GetStringAsync($"/api/v1/devices/{id}/summary"))!["data"]!;
        Assert.Equal((300L, 500L), ((long)summary["stock"]![0]!["threshold"]!, (long)summary["stock"]![0]!["level"]!));
        Assert.Equal(HttpStatusCode.OK, (await manager.DeleteAsync($"/api/v1/devices/{id}/bins/beans")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.DeleteAsync($"/api/v1/devices/{id}/bins/beans")).StatusCode);
    }

    [Fact]
    public async Task A_new_alarm_is_pushed_to_dashboards_on_the_devices_hub_of_the_other_server()
    {
        var (id, token) = await RegisterAsync();
        var staff = await cluster.B.StaffAsync(cluster.CloudStaff);
        await using var dashboard = await cluster.B.HubWithCookieAsync("/hubs/devices", staff);
        await dashboard.InvokeAsync("Subscribe", (string?)null);

        await ReportAsync(cluster.A, token, id, 1, temperature: 70, state: "idle");
        JsonNode pushed;
        do pushed = (await dashboard.NextPushAsync("AlarmChanged"))[0]!;
        while ((string)pushed["deviceId"]! != id);
        Assert.Equal(("temperature_out_of_range", "open"), ((string)pushed["kind"]!, (string)pushed["state"]!));
    }
}
