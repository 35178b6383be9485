using System.Net.Http.Json;
using Hospitality.Domain.Tenancy;
using Hospitality.Tests.Infrastructure;

namespace Hospitality.Tests.RemoteCommands;

/// <summary>
/// Commands live in their streams, not in a server: a command sent by a server that then stops is retried by the next one,
/// one that is never acknowledged is given up, and one past its time expires, all after the restart.
/// </summary>
public sealed class CommandsAcrossRestartTests : IAsyncLifetime
{
    // Short command timings, so retries and expiry happen within the test; the lifetime is long enough for a slow restart.
    private readonly HostSetup _setup = HostSetup.Cluster().With(("RemoteCommands:AckTimeout", "00:00:01"), ("RemoteCommands:RetryBase", "00:00:00.200"),
        ("RemoteCommands:DispatchEvery", "00:00:00.200"), ("RemoteCommands:DefaultLifetime", "00:00:15"));
    private HospitalityHost _first = default!;
    private SeededTenant _tenant = default!;

    public async Task InitializeAsync()
    {
        _first = new HospitalityHost(_setup with { ServerName = "server-before-restart" });   // does not drop the schema when it stops
        _ = _first.Server;
        _tenant = await _first.SeedTenantAsync("Bean There");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_command_sent_before_a_restart_is_retried_after_it_and_the_others_fail_or_expire_on_time()
    {
        var manager = await _first.StaffAsync(_tenant.Account(StaffRole.Manager));
        var (id, machine, token) = await CommandsApiTests.MachineAsync(_first, manager, _tenant.Location("Bar").Id);
        var staff = await _first.StaffAsync(_tenant.Account(StaffRole.Staff));
        var retried = (string)(await CommandsApiTests.DataAsync(await staff.PostAsJsonAsync($"/api/v1/devices/{id}/commands", new { kind = "clean", maxAttempts = 5 })))["id"]!;
        var givenUp = (string)(await CommandsApiTests.DataAsync(await staff.PostAsJsonAsync($"/api/v1/devices/{id}/commands", new { kind = "lock", maxAttempts = 1 })))["id"]!;
        Assert.Equal(2, (await CommandsApiTests.DataAsync(await machine.PostAsync($"/api/v1/devices/{id}/commands/take", null))).AsArray().Count);
        var expires = (string)(await CommandsApiTests.DataAsync(await staff.PostAsJsonAsync($"/api/v1/devices/{id}/commands", new { kind = "brew_test" })))["id"]!;

        await _first.DisposeAsync();   // the server stops with both commands sent and unacknowledged

        await using var second = new HospitalityHost(_setup);
        _ = second.Server;
        var afterRestart = second.CreateClient();
        afterRestart.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var staffAgain = await second.StaffAsync(_tenant.Account(StaffRole.Staff));

        // The new server's dispatcher finds the unacknowledged commands: one goes out again (attempt 2), one is given up.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var again = new List<string>();
        while (again.Count == 0 && DateTime.UtcNow < deadline)
        {
            foreach (var taken in (await CommandsApiTests.DataAsync(await afterRestart.PostAsync($"/api/v1/devices/{id}/commands/take", null))).AsArray())
                if ((string)taken!["id"]! == retried) again.Add((string)taken["attempts"]!.ToString());
            if (again.Count == 0) await Task.Delay(200);
        }
        Assert.Equal(["2"], again);
        await CommandsApiTests.DataAsync(await afterRestart.PostAsync($"/api/v1/devices/{id}/commands/{retried}/ack", null));
        Assert.Equal("succeeded", (string)(await CommandsApiTests.DataAsync(
            await afterRestart.PostAsJsonAsync($"/api/v1/devices/{id}/commands/{retried}/result", new { success = true })))["status"]!);

        async Task<string> StatusAsync(string commandId) =>
            (string)(await CommandsApiTests.DataAsync(await staffAgain.GetAsync($"/api/v1/commands/{commandId}")))["status"]!;
        while (await StatusAsync(givenUp) != "failed" && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Equal("failed", await StatusAsync(givenUp));
        while (await StatusAsync(expires) != "expired" && DateTime.UtcNow < deadline.AddSeconds(10)) await Task.Delay(200);
        Assert.Equal("expired", await StatusAsync(expires));
    }
}
