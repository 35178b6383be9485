using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;

namespace Hospitality.Tests.MachineOrders;

/// <summary>Seed 002's order endpoints through the real hosts: two servers on PostgreSQL and Redis, machines with their own tokens.</summary>
public partial class MachineOrdersApiTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    private async Task<(string Id, HttpClient Machine)> MachineAsync(string name = "Bar espresso", string? location = null, HospitalityHost? host = null)
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var response = await manager.PostAsJsonAsync("/api/v1/devices/register",
            new { locationId = location ?? cluster.Bar, name, model = "EX-200", serialNumber = $"SN-{Guid.NewGuid():N}"[..12] });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var device = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!;
        return ((string)device["device"]!["id"]!, Client((string)device["token"]!, host));
    }

    private HttpClient Client(string token, HospitalityHost? host = null)
    {
        var client = (host ?? cluster.A).CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static object Sale(string machineOrderId, string method = "card", string status = "paid", DateTimeOffset? createdAt = null,
        object[]? items = null, object? exception = null) => new
    {
        machineOrderId, currency = "USD", paymentMethod = method, paymentStatus = status, createdAt, exception,
        items = items ?? [new { name = "Latte", quantity = 2, unitPrice = "3.50" }, new { name = "Espresso", quantity = 1, unitPrice = "2.00" }],
    };

    private static async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static Task<(HttpStatusCode Status, JsonNode Body)> CreateAsync(HttpClient machine, string deviceId, object sale) =>
        SendAsync(machine.PostAsJsonAsync($"/api/v1/devices/{deviceId}/orders/create", sale));

    private static async Task<string> SoldAsync(HttpClient machine, string deviceId, object sale)
    {
        var (status, body) = await CreateAsync(machine, deviceId, sale);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return (string)body["data"]!["id"]!;
    }

    private static Task<(HttpStatusCode Status, JsonNode Body)> RefundAsync(HttpClient staff, string orderId, object refund) =>
        SendAsync(staff.PostAsJsonAsync($"/api/v1/orders/{orderId}/manual_refund", refund));

    [Fact]
    public async Task A_machine_records_a_sale_with_its_token_and_the_same_machine_order_id_again_answers_the_same_sale()
    {
        var (deviceId, machine) = await MachineAsync();
        var (status, first) = await CreateAsync(machine, deviceId, Sale("sale-0001"));
        Assert.Equal(HttpStatusCode.OK, status);
        var order = first["data"]!;
        Assert.Equal(("9.00", 900L, "USD", "card", "paid", "Bar espresso"), ((string)order["total"]!, (long)order["totalMinor"]!,
            (string)order["currency"]!, (string)order["paymentMethod"]!, (string)order["paymentStatus"]!, (string)order["deviceName"]!));
        Assert.Equal("7.00", (string)order["items"]![0]!["lineTotal"]!);

        // The machine retries (through the other server): the same sale, the same answer, nothing new recorded.
        var again = await CreateAsync(Client(machine.DefaultRequestHeaders.Authorization!.Parameter!, cluster.B), deviceId, Sale("sale-0001"));
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(first.ToJsonString(), again.Body.ToJsonString());
        var staff = await cluster.B.StaffAsync(cluster.CloudStaff);
        var list = JsonNode.Parse(await staff.GetStringAsync($"/api/v1/orders?device_id={deviceId}"))!["data"]!;
        Assert.Equal(1, (int)list["total"]!);

        // Another sale under the same machine order id is not taken for a repeat.
        var (conflict, refusal) = await CreateAsync(machine, deviceId, Sale("sale-0001", method: "cash"));
        Assert.Equal(HttpStatusCode.Conflict, conflict);
        Assert.Contains("sale-0001", (string)refusal["error"]!["message"]!);
        Assert.Equal("9.00", (string)JsonNode.Parse(await staff.GetStringAsync($"/api/v1/orders/{order["id"]}"))!["data"]!["total"]!);
    }

    [Fact]
    public async Task Bad_and_other_machines_tokens_are_refused_and_a_malformed_sale_is_a_400_naming_the_field()
    {
        var (deviceId, machine) = await MachineAsync();
        var (otherId, _) = await MachineAsync("Terrace grinder");
        var token = machine.DefaultRequestHeaders.Authorization!.Parameter!;

        Assert.Equal(HttpStatusCode.Unauthorized, (await CreateAsync(Client(token[..^4] + "AAAA"), deviceId, Sale("x-1"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CreateAsync(cluster.A.CreateClient(), deviceId, Sale("x-1"))).Status);
        var (forbidden, body) = await CreateAsync(machine, otherId, Sale("x-1"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
        Assert.Equal("forbidden", (string)body["error"]!["code"]!);

        var (bad, refusal) = await CreateAsync(machine, deviceId, Sale("x-2", method: "bitcoin"));
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("paymentMethod", (string)refusal["error"]!["message"]!);
        var (badPrice, priceRefusal) = await CreateAsync(machine, deviceId, Sale("x-3", items: [new { name = "Latte", quantity = 1, unitPrice = "3.5.0" }]));
        Assert.Equal(HttpStatusCode.BadRequest, badPrice);
        Assert.Contains("'items[0].unitPrice'", (string)priceRefusal["error"]!["message"]!);
        var (notNumber, _) = await SendAsync(machine.PostAsync($"/api/v1/devices/{deviceId}/orders/create",
            new StringContent("""{"machineOrderId":"x-4","items":[{"name":"Latte","quantity":"two","unitPrice":"1"}]}""", System.Text.Encoding.UTF8, "application/json")));
        Assert.Equal(HttpStatusCode.BadRequest, notNumber);

        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        Assert.Equal(0, (int)JsonNode.Parse(await staff.GetStringAsync($"/api/v1/orders?device_id={deviceId}"))!["data"]!["total"]!);
    }

    [Fact]
    public async Task Staff_refund_part_then_a_manager_the_rest_and_a_viewer_is_refused()
    {
        var (deviceId, machine) = await MachineAsync();
        var orderId = await SoldAsync(machine, deviceId, Sale("r-1"));

        var viewer = await cluster.A.StaffAsync(cluster.CloudViewer);
        var (refused, refusal) = await RefundAsync(viewer, orderId, new { amount = "1.00", reason = "Cold" });
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.False((bool)refusal["ok"]!);

        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        var (ok, partial) = await RefundAsync(staff, orderId, new { amount = "2.50", reason = "Cold coffee" });
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(("2.50", "6.50", "partially_refunded"), ((string)partial["data"]!["refunded"]!, (string)partial["data"]!["refundable"]!, (string)partial["data"]!["paymentStatus"]!));
        var (tooMuch, _) = await RefundAsync(staff, orderId, new { amount = "6.51", reason = "Again" });
        Assert.Equal(HttpStatusCode.Conflict, tooMuch);
        var (noReason, noReasonBody) = await RefundAsync(staff, orderId, new { amount = "1" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason);
        Assert.Contains("'reason'", (string)noReasonBody["error"]!["message"]!);

        var manager = await cluster.B.StaffAsync(cluster.CloudManager);
        var (rest, full) = await RefundAsync(manager, orderId, new { reason = "Machine leaked" });
        Assert.Equal(HttpStatusCode.OK, rest);
        Assert.Equal(("9.00", "0.00", "refunded"), ((string)full["data"]!["refunded"]!, (string)full["data"]!["refundable"]!, (string)full["data"]!["paymentStatus"]!));
        Assert.Equal(["2.50", "6.50"], full["data"]!["refunds"]!.AsArray().Select(r => (string)r!["amount"]!));
        Assert.Equal(HttpStatusCode.Conflict, (await RefundAsync(staff, orderId, new { reason = "Once more" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await RefundAsync(staff, Guid.NewGuid().ToString(), new { reason = "Nothing" })).Status);
    }

    [Fact]
    public async Task Two_refunds_of_the_same_version_at_once_give_one_409_and_racing_refunds_lose_nothing()
    {
        var (deviceId, machine) = await MachineAsync();
        var first = await SoldAsync(machine, deviceId, Sale("c-1"));
        var (staffA, staffB) = (await cluster.A.StaffAsync(cluster.CloudStaff), await cluster.B.StaffAsync(cluster.CloudManager));

        // Both saw version 1: whichever commits first wins, the other is told, whatever the timing.
        var answers = await Task.WhenAll(
            RefundAsync(staffA, first, new { amount = "3.00", reason = "Double charge", expectedVersion = 1 }),
            RefundAsync(staffB, first, new { amount = "3.00", reason = "Double charge", expectedVersion = 1 }));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.Status).Order());
        var order = JsonNode.Parse(await staffA.GetStringAsync($"/api/v1/orders/{first}"))!["data"]!;
        Assert.Equal(("3.00", 1), ((string)order["refunded"]!, order["refunds"]!.AsArray().Count));

        // Eight unversioned refunds racing on two servers: each is applied or refused, and the sale counts exactly the applied ones.
        var second = await SoldAsync(machine, deviceId, Sale("c-2"));
        var race = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            RefundAsync(i % 2 == 0 ? staffA : staffB, second, new { amount = "1.00", reason = $"Refund {i}" })));
        Assert.All(race, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, a.Body.ToJsonString()));
        var applied = race.Count(a => a.Status == HttpStatusCode.OK);
        order = JsonNode.Parse(await staffA.GetStringAsync($"/api/v1/orders/{second}"))!["data"]!;
        Assert.Equal((applied * 100L, applied), ((long)order["refundedMinor"]!, order["refunds"]!.AsArray().Count));
        Assert.InRange(applied, 1, 8);
    }

    [Fact]
    public async Task The_list_filters_by_dates_machine_payment_method_and_status_and_pages_newest_first()
    {
        var (deviceId, machine) = await MachineAsync();
        var day = DateTimeOffset.UtcNow.Date;
        var at = (int daysAgo) => new DateTimeOffset(day.AddDays(-daysAgo).AddHours(10), TimeSpan.Zero);
        var ids = new Dictionary<string, string>
        {
            ["old-card"] = await SoldAsync(machine, deviceId, Sale("f-1", "card", createdAt: at(3))),
            ["mid-cash"] = await SoldAsync(machine, deviceId, Sale("f-2", "cash", createdAt: at(2))),
            ["mid-qr-failed"] = await SoldAsync(machine, deviceId, Sale("f-3", "qr", "failed", at(2).AddHours(1))),
            ["new-card"] = await SoldAsync(machine, deviceId, Sale("f-4", "card", createdAt: at(1))),
        };
        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        async Task<JsonNode> List(string query) => JsonNode.Parse(await staff.GetStringAsync($"/api/v1/orders?device_id={deviceId}&{query}"))!["data"]!;
        IEnumerable<string> Ids(JsonNode page) => page["items"]!.AsArray().Select(o => (string)o!["id"]!);

        Assert.Equal([ids["new-card"], ids["mid-qr-failed"], ids["mid-cash"], ids["old-card"]], Ids(await List("")));
        var d2 = day.AddDays(-2).ToString("yyyy-MM-dd");
        Assert.Equal([ids["mid-qr-failed"], ids["mid-cash"]], Ids(await List($"from={d2}&to={d2}")));
        Assert.Equal([ids["new-card"], ids["mid-qr-failed"]], Ids(await List($"from={d2}T10:30:00Z")));
        Assert.Equal([ids["new-card"], ids["old-card"]], Ids(await List("payment_method=card")));
        Assert.Equal([ids["mid-qr-failed"]], Ids(await List("status=failed")));
        var second = await List("page=2&page_size=3");
        Assert.Equal((4, 2, 3), ((int)second["total"]!, (int)second["page"]!, (int)second["pageSize"]!));
        Assert.Equal([ids["old-card"]], Ids(second));

        foreach (var (query, parameter) in new[] { ("from=yesterday", "'from'"), ("to=2026-13-01", "'to'"), ("device_id=abc", "'device_id'"),
            ("payment_method=bitcoin", "payment_method"), ("status=lost", "status"), ("page_size=500", "'page_size'"), ("from=2026-03-02&to=2026-03-01", "'to'") })
        {
            var response = await staff.GetAsync($"/api/v1/orders?{query}");
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(("invalid_request", false), ((string)body["error"]!["code"]!, (bool)body["ok"]!));
            Assert.Contains(parameter, (string)body["error"]!["message"]!);
        }
    }

    [Fact]
    public async Task A_machine_sharing_its_status_reports_rate_limit_is_told_to_wait_after_120_requests_a_minute()
    {
        var (deviceId, machine) = await MachineAsync("Busy espresso");
        for (var i = 0; i < 119; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await CreateAsync(machine, deviceId, new { machineOrderId = "" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await machine.PostAsJsonAsync($"/api/v1/devices/{deviceId}/status", new { sequence = 1, state = "idle" })).StatusCode);
        var (limited, body) = await CreateAsync(machine, deviceId, Sale("late-1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited);
        Assert.Equal("rate_limited", (string)body["error"]!["code"]!);
        var (otherId, other) = await MachineAsync("Quiet espresso");   // each machine has its own window
        Assert.Equal(HttpStatusCode.OK, (await CreateAsync(other, otherId, Sale("q-1"))).Status);
    }
}
