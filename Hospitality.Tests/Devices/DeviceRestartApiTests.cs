using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;
using static Hospitality.Tests.RemoteCommands.CommandsApiTests;

namespace Hospitality.Tests.Devices;

/// <summary>Status reports naming the machine's boot, through the real hosts (two servers, PostgreSQL, Redis).</summary>
public class DeviceRestartApiTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    /// <summary>A report, with <c>bootId</c> only when given (left out, not null, as a machine without boot ids sends it).</summary>
    private static async Task<(HttpStatusCode Status, JsonNode Body)> ReportAsync(HttpClient machine, string id, long sequence, string? bootId, string state = "idle")
    {
        var report = new JsonObject { ["sequence"] = sequence, ["state"] = state, ["temperature"] = 92 };
        if (bootId is not null) report["bootId"] = bootId;
        var response = await machine.PostAsJsonAsync($"/api/v1/devices/{id}/status", report);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static async Task<string> OutcomeAsync(HttpClient machine, string id, long sequence, string? bootId, string state = "idle")
    {
        var (status, body) = await ReportAsync(machine, id, sequence, bootId, state);
        Assert.Equal(HttpStatusCode.OK, status);
        return (string)body["data"]!["outcome"]!;
    }

    [Fact]
    public async Task A_machine_reporting_from_a_new_boot_is_current_again_its_old_boot_is_late_and_the_restart_is_logged()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var (id, machine, _) = await MachineAsync(cluster.A, manager, cluster.Bar);
        var onB = cluster.B.CreateClient();   // the same machine, heard by the other server
        onB.DefaultRequestHeaders.Authorization = machine.DefaultRequestHeaders.Authorization;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (oldBoot, newBoot) = ($"a{tag}", $"b{tag}");
        Assert.Equal("applied", await OutcomeAsync(machine, id, 100, oldBoot, "brewing"));
        Assert.Equal("applied", await OutcomeAsync(machine, id, 101, oldBoot, "brewing"));

        Assert.Equal("restarted", await OutcomeAsync(onB, id, 1, newBoot, "cleaning"));
        Assert.Equal("late", await OutcomeAsync(machine, id, 102, oldBoot, "error"));   // the old boot's report, arriving after
        Assert.Equal("duplicate", await OutcomeAsync(onB, id, 1, newBoot, "error"));
        Assert.Equal("applied", await OutcomeAsync(machine, id, 3, newBoot, "idle"));
        Assert.Equal("late", await OutcomeAsync(onB, id, 2, null, "error"));   // without a boot id: by its sequence, as before

        var staff = await cluster.B.StaffAsync(cluster.CloudStaff);
        var summary = await DataAsync(await staff.GetAsync($"/api/v1/devices/{id}/summary"));
        Assert.Equal(("idle", 3L, newBoot), ((string)summary["state"]!, (long)summary["lastSequence"]!, (string)summary["bootId"]!));
        Assert.NotNull(summary["restartedAt"]);

        JsonNode? logged = null;
        for (var i = 0; i < 100 && logged is null; i++, await Task.Delay(100))   // the operation log's projection runs after the commit
            logged = (await DataAsync(await manager.GetAsync($"/api/v1/operation_log?query={tag}&action=device_restarted")))["items"]!.AsArray().SingleOrDefault();
        Assert.NotNull(logged);
        Assert.Equal(("a machine", "machines"), ((string)logged["who"]!, (string)logged["area"]!));
        Assert.Contains($"boot {oldBoot} to {newBoot}", (string)logged["summary"]!);
        Assert.Contains("counts again from 1, after 101", (string)logged["summary"]!);
    }

    [Fact]
    public async Task Without_boot_ids_a_restarted_counter_stays_late_as_before()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var (id, machine, _) = await MachineAsync(cluster.A, manager, cluster.Bar);
        Assert.Equal("applied", await OutcomeAsync(machine, id, 50, null, "brewing"));
        Assert.Equal("late", await OutcomeAsync(machine, id, 1, null, "cleaning"));
        Assert.Equal("duplicate", await OutcomeAsync(machine, id, 50, null, "cleaning"));

        var summary = await DataAsync(await (await cluster.A.StaffAsync(cluster.CloudStaff)).GetAsync($"/api/v1/devices/{id}/summary"));
        Assert.Equal(("brewing", 50L), ((string)summary["state"]!, (long)summary["lastSequence"]!));
        Assert.Null(summary["bootId"]);
        Assert.Null(summary["restartedAt"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("boot with spaces")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task A_malformed_boot_id_is_a_400_in_the_envelope_naming_the_field_and_changes_nothing(string bootId)
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var (id, machine, _) = await MachineAsync(cluster.A, manager, cluster.Bar);
        Assert.Equal("applied", await OutcomeAsync(machine, id, 9, "first"));

        var (status, body) = await ReportAsync(machine, id, 1, bootId);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal((false, "invalid_request"), ((bool)body["ok"]!, (string)body["error"]!["code"]!));
        Assert.Contains("'bootId'", (string)body["error"]!["message"]!);
        var summary = await DataAsync(await manager.GetAsync($"/api/v1/devices/{id}/summary"));
        Assert.Equal((9L, "first"), ((long)summary["lastSequence"]!, (string)summary["bootId"]!));
    }
}
