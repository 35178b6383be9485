using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Domain.Sessions;
using Hospitality.Domain.Tenancy;
using Hospitality.Tests.EventStore;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;
using Microsoft.AspNetCore.Hosting;
using Xunit.Abstractions;

namespace Hospitality.Tests.Resilience;

/// <summary>
/// PostgreSQL crashes while staff phones keep acting on sessions, then comes back. Every command the API
/// acknowledged is in the store afterwards, and none is half written: each session's events run 1..N, its
/// stream row says N, and its card (projected in the same transaction) says N.
/// </summary>
public sealed class PostgresKilledTests(ITestOutputHelper output)
{
    private const int Phones = 8;

    [Fact]
    public async Task Commands_acknowledged_before_PostgreSQL_crashed_are_all_there_after_it_restarts_and_none_is_half_written()
    {
        await using var postgres = await PrivatePostgresServer.StartAsync();
        await using var host = new HostOnPrivatePostgres(postgres.ConnectionString);
        var tenant = await host.SeedTenantAsync();
        var staff = await host.StaffAsync(tenant.Account(StaffRole.Staff));
        var sessions = new List<Guid>();
        for (var i = 0; i < Phones; i++)
            sessions.Add((Guid)(await SessionsCluster.StartAsync(staff, tenant.Location("Bar").Id, $"T{i}", ["Mint"]))["id"]!);

        using var stop = new CancellationTokenSource();
        var phones = sessions.Select(id => new Phone(staff, id)).ToList();
        var running = phones.Select(p => Task.Run(() => p.RunAsync(stop.Token))).ToList();

        await WhenAllAsync(phones, p => p.Acknowledged.Count >= 3);
        await postgres.KillAsync();
        await WhenAllAsync(phones, p => p.Failures >= 2);          // every phone has hit the outage
        var acknowledgedBeforeRestart = phones.Sum(p => p.Acknowledged.Count);
        await postgres.RestartAsync();
        var failuresDuringOutage = phones.Sum(p => p.Failures);
        await WhenAllAsync(phones, p => p.Acknowledged.Count >= acknowledgedBeforeRestart / Phones + 3);   // writing again
        stop.Cancel();
        await Task.WhenAll(running);

        await using var query = host.Store.QuerySession(tenant.Tenant.Id);
        foreach (var phone in phones)
        {
            var events = await query.Events.FetchStreamAsync(phone.Session);
            var version = events.Count;
            Assert.Equal(Enumerable.Range(1, version).Select(v => (long)v), events.Select(e => e.Version));
            Assert.Equal(version, (await query.Events.FetchStreamStateAsync(phone.Session))!.Version);
            Assert.Equal(version, (await query.LoadAsync<SessionCard>(phone.Session))!.Version);
            Assert.Subset(events.Select(e => e.Version).ToHashSet(), phone.Acknowledged.ToHashSet());
            Assert.Equal(version - 1, phone.Acknowledged.Count + phone.Unknown);   // unknown: failed answers that did commit
        }
        output.WriteLine($"{Phones} phones: {phones.Sum(p => p.Acknowledged.Count)} commands acknowledged " +
            $"({acknowledgedBeforeRestart} before the restart), {failuresDuringOutage} refused during the outage, " +
            $"{phones.Sum(p => p.Unknown)} committed although their answer was an error");
    }

    private static async Task WhenAllAsync(IEnumerable<Phone> phones, Func<Phone, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!phones.All(done))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The phones did not get there within 60 s: " + string.Join("; ",
                    phones.Select(p => $"{p.Acknowledged.Count} acknowledged, {p.Failures} failed, last answer {p.LastAnswer}")));
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// A staff phone toggling refills on one session; on a failed answer it rereads the card (until it can) before
    /// going on. <see cref="Failures"/> counts every failed request, commands and rereads.
    /// </summary>
    private sealed class Phone(HttpClient staff, Guid session)
    {
        private long _failures;
        public Guid Session => session;
        public ConcurrentBag<long> Acknowledged { get; } = [];
        public long Failures => Interlocked.Read(ref _failures);
        /// <summary>Commands whose answer was a failure but which committed (found by rereading the card).</summary>
        public int Unknown { get; private set; }
        public string? LastAnswer { get; private set; }

        public async Task RunAsync(CancellationToken stop)
        {
            var (status, version) = ("active", 1L);
            while (!stop.IsCancellationRequested)
            {
                var action = status == "active" ? "request_refill" : "handle_refill";
                try
                {
                    using var response = await staff.PostAsJsonAsync("/api/sessions", new { action, sessionId = session }, CancellationToken.None);
                    LastAnswer = $"POST {(int)response.StatusCode}";
                    if (response.IsSuccessStatusCode)
                    {
                        var card = (await response.Content.ReadFromJsonAsync<JsonObject>())!["session"]!;
                        (status, version) = ((string)card["status"]!, (long)card["version"]!);
                        Acknowledged.Add(version);
                        continue;
                    }
                }
                catch (HttpRequestException e) { LastAnswer = e.Message; }
                Interlocked.Increment(ref _failures);
                var (reread, rereadVersion) = await RereadAsync(stop);
                if (rereadVersion is null) return;
                Unknown += (int)(rereadVersion.Value - version);
                (status, version) = (reread!, rereadVersion.Value);
            }
        }

        private async Task<(string?, long?)> RereadAsync(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(100, CancellationToken.None);
                try
                {
                    using var response = await staff.GetAsync($"/api/sessions/{session}", CancellationToken.None);
                    LastAnswer = $"GET {(int)response.StatusCode} {response.Headers.Location}";
                    if (!response.IsSuccessStatusCode) { Interlocked.Increment(ref _failures); continue; }
                    var card = (await response.Content.ReadFromJsonAsync<JsonObject>())!["session"]!;
                    return ((string)card["status"]!, (long)card["version"]!);
                }
                catch (HttpRequestException e) { LastAnswer = e.Message; Interlocked.Increment(ref _failures); }
            }
            return (null, null);
        }
    }

    /// <summary>The real app on the test's private PostgreSQL (in-process backplane: only the store is under test).</summary>
    private sealed class HostOnPrivatePostgres(string connectionString)
        : HospitalityHost(new HostSetup(PostgresTestDatabase.NewSchemaName(), null))
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Postgres", connectionString);
        }
    }
}
