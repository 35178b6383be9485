using System.Net;
using System.Text.Json.Nodes;
using Hospitality.Simulator;

namespace Hospitality.Tests.Simulator;

/// <summary>How a virtual machine's HTTP calls survive a busy or failing server: back-off, never a crash.</summary>
public class MachineApiTests
{
    /// <summary>Answers with the queued responses in turn and records what was asked.</summary>
    private sealed class QueuedAnswers(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        private int _next;
        public List<(string Path, string? Authorization, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Requests.Add((request.RequestUri!.AbsolutePath, request.Headers.Authorization?.ToString(), await request.Content!.ReadAsStringAsync(ct)));
            return answers[Math.Min(_next++, answers.Length - 1)]();
        }
    }

    private static readonly Guid Device = Guid.NewGuid();

    private static HttpResponseMessage Ok(string data = "{\"outcome\":\"applied\"}") =>
        new(HttpStatusCode.OK) { Content = new StringContent($"{{\"ok\":true,\"data\":{data}}}") };

    private static HttpResponseMessage TooMany(int? retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("{\"ok\":false,\"error\":{\"code\":\"rate_limited\",\"message\":\"Slow down.\"}}") };
        if (retryAfter is { } s) response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(s));
        return response;
    }

    private static (MachineApi Api, QueuedAnswers Server, List<TimeSpan> Waits) Api(params Func<HttpResponseMessage>[] answers)
    {
        var server = new QueuedAnswers(answers);
        var waits = new List<TimeSpan>();
        var api = new MachineApi(new HttpClient(server) { BaseAddress = new Uri("http://server/") }, Device, "secret-token",
            (wait, _) => { waits.Add(wait); return Task.CompletedTask; });
        return (api, server, waits);
    }

    private static StatusReport Report(long sequence) => new(sequence, "idle", 92.5, "wifi", "2.4.1", [("cups", 40)]);

    [Fact]
    public async Task A_429_waits_as_long_as_Retry_After_says_then_sends_the_same_report_again()
    {
        var (api, server, waits) = Api(() => TooMany(7), () => TooMany(3), () => Ok());

        var data = await api.ReportAsync(Report(42), CancellationToken.None);

        Assert.Equal("applied", (string)data!["outcome"]!);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(3)], waits);
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal(42, (long)JsonNode.Parse(r.Body)!["sequence"]!));
        Assert.All(server.Requests, r => Assert.False(JsonNode.Parse(r.Body)!.AsObject().ContainsKey("bootId")));   // none given, none sent
        Assert.All(server.Requests, r => Assert.Equal($"/api/v1/devices/{Device}/status", r.Path));
        Assert.All(server.Requests, r => Assert.Equal("Bearer secret-token", r.Authorization));
    }

    [Fact]
    public async Task A_429_without_Retry_After_and_server_errors_back_off_exponentially_up_to_a_cap()
    {
        var answers = Enumerable.Range(0, 8).Select(n => n % 2 == 0 ? () => TooMany(null) : (Func<HttpResponseMessage>)(() => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)))
            .Append(() => Ok()).ToArray();
        var (api, _, waits) = Api(answers);

        await api.ReportAsync(Report(1), CancellationToken.None);

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public async Task A_report_sends_the_machines_boot_id_as_bootId()
    {
        var (api, server, _) = Api(() => Ok());

        await api.ReportAsync(Report(3) with { BootId = "9f1c" }, CancellationToken.None);

        Assert.Equal("9f1c", (string)JsonNode.Parse(Assert.Single(server.Requests).Body)!["bootId"]!);
    }

    [Fact]
    public async Task A_network_error_is_retried_after_a_back_off()
    {
        var calls = 0;
        var (api, _, waits) = Api(() => ++calls == 1 ? throw new HttpRequestException("Connection refused") : Ok());

        await api.ReportAsync(Report(1), CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(1)], waits);
    }

    [Fact]
    public async Task A_refusal_is_not_retried_and_carries_the_servers_message()
    {
        var (api, server, waits) = Api(() => new HttpResponseMessage(HttpStatusCode.Forbidden)
        {
            Content = new StringContent("{\"ok\":false,\"error\":{\"code\":\"forbidden\",\"message\":\"This device token is for another machine.\"}}"),
        });

        var refused = await Assert.ThrowsAsync<ApiRefused>(() => api.ReportAsync(Report(1), CancellationToken.None));

        Assert.Equal((HttpStatusCode.Forbidden, "This device token is for another machine."), (refused.Status, refused.Message));
        Assert.Single(server.Requests);
        Assert.Empty(waits);
    }

    [Fact]
    public async Task Stopping_during_a_back_off_ends_the_call()
    {
        using var stop = new CancellationTokenSource();
        var server = new QueuedAnswers(() => TooMany(60));
        var api = new MachineApi(new HttpClient(server) { BaseAddress = new Uri("http://server/") }, Device, "t", (wait, ct) =>
        {
            stop.Cancel();
            return Task.Delay(wait, ct);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => api.ReportAsync(Report(1), stop.Token));
    }

    [Fact]
    public async Task Taken_commands_are_read_from_the_envelope()
    {
        var id = Guid.NewGuid();
        var (api, server, _) = Api(() => Ok($"[{{\"id\":\"{id}\",\"kind\":\"clean\",\"status\":\"sent\"}}]"));

        var commands = await api.TakeCommandsAsync(CancellationToken.None);

        Assert.Equal([new DueCommand(id, "clean")], commands);
        Assert.Equal($"/api/v1/devices/{Device}/commands/take", server.Requests.Single().Path);
    }
}
