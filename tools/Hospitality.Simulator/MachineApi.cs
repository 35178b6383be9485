using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hospitality.Simulator;

/// <summary>The API refused a call for good (a 4xx other than 429): retrying the same call would not help.</summary>
public sealed class ApiRefused(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>
/// Seed 002's machine endpoints for one machine, with its token. Answers are read from the <c>{"ok": true, "data": ...}</c>
/// envelope. A 429 waits as long as <c>Retry-After</c> says (else backs off), and network errors and 5xx back off
/// exponentially (1 s, 2 s, 4 s... at most <see cref="MaxBackOff"/>) and retry until cancelled: a machine keeps
/// trying, it does not crash.
/// </summary>
public sealed class MachineApi(HttpClient http, Guid deviceId, string token, Func<TimeSpan, CancellationToken, Task>? delay = null)
{
    public static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(30);

    private readonly Func<TimeSpan, CancellationToken, Task> _delay = delay ?? Task.Delay;

    /// <summary>Called before each wait, with the status that caused it (null for a network error): for logs and counters.</summary>
    public Action<HttpStatusCode?, TimeSpan>? BackingOff { get; set; }

    public Task<JsonNode?> ReportAsync(StatusReport report, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["sequence"] = report.Sequence, ["state"] = report.State, ["temperature"] = report.Temperature,
            ["connectivity"] = report.Connectivity, ["firmware"] = report.Firmware,
            ["bins"] = new JsonArray([.. report.Bins.Select(b => (JsonNode)new JsonObject { ["bin"] = b.Bin, ["level"] = b.Level })]),
        };
        if (report.BootId is not null) body["bootId"] = report.BootId;
        return PostAsync("status", body, ct);
    }

    public Task<JsonNode?> SellAsync(Sale sale, CancellationToken ct) => PostAsync("orders/create", new JsonObject
    {
        ["machineOrderId"] = sale.MachineOrderId,
        ["items"] = new JsonArray(new JsonObject { ["name"] = sale.Drink, ["quantity"] = 1, ["unitPrice"] = sale.UnitPrice }),
        ["paymentMethod"] = sale.PaymentMethod, ["paymentStatus"] = "paid",
    }, ct);

    public async Task<IReadOnlyList<DueCommand>> TakeCommandsAsync(CancellationToken ct) =>
        DueCommand.ListOf(await PostAsync("commands/take", null, ct));

    public Task<JsonNode?> AcknowledgeAsync(Guid commandId, CancellationToken ct) => PostAsync($"commands/{commandId}/ack", null, ct);

    public Task<JsonNode?> CompleteAsync(Guid commandId, CommandOutcome outcome, CancellationToken ct) =>
        PostAsync($"commands/{commandId}/result", new JsonObject { ["success"] = outcome.Success, ["message"] = outcome.Message }, ct);

    private async Task<JsonNode?> PostAsync(string path, JsonObject? body, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/devices/{deviceId}/{path}")
            {
                Content = new StringContent(body?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, ct);
            }
            catch (Exception e) when (e is HttpRequestException || e is TaskCanceledException && !ct.IsCancellationRequested)
            {
                await WaitAsync(null, BackOff(attempt), ct);
                continue;
            }
            using (response)
            {
                if (response.IsSuccessStatusCode)
                    return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))?["data"];
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    await WaitAsync(response.StatusCode, RetryAfter(response) ?? BackOff(attempt), ct);
                    continue;
                }
                if ((int)response.StatusCode >= 500)
                {
                    await WaitAsync(response.StatusCode, BackOff(attempt), ct);
                    continue;
                }
                throw new ApiRefused(response.StatusCode, await ErrorOf(response, ct));
            }
        }
    }

    /// <summary>1 s, 2 s, 4 s... capped at <see cref="MaxBackOff"/>.</summary>
    public static TimeSpan BackOff(int attempt) => TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(attempt, 10)), MaxBackOff.TotalSeconds));

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta is { } delta ? delta
        : response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow
        : null;

    private Task WaitAsync(HttpStatusCode? status, TimeSpan wait, CancellationToken ct)
    {
        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        BackingOff?.Invoke(status, wait);
        return _delay(wait, ct);
    }

    private static async Task<string> ErrorOf(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            var error = JsonNode.Parse(text)?["error"];
            return error?["message"]?.GetValue<string>() ?? error?.ToJsonString() ?? $"HTTP {(int)response.StatusCode}";
        }
        catch (JsonException)
        {
            return $"HTTP {(int)response.StatusCode}";
        }
    }
}

/// <summary>A command the machine was given: its id and kind as the API names it (<c>clean</c>, <c>brew_test</c>...).</summary>
public sealed record DueCommand(Guid Id, string Kind)
{
    public static IReadOnlyList<DueCommand> ListOf(JsonNode? data) =>
        data is JsonArray items
            ? [.. items.OfType<JsonObject>().Select(c => new DueCommand(c["id"]!.GetValue<Guid>(), c["kind"]?.GetValue<string>() ?? "unknown"))]
            : [];
}
