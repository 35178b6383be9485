using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Domain.Tenancy;
using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Metrics;
using Microsoft.AspNetCore.Hosting;

namespace Hospitality.Tests.Metrics;

/// <summary>
/// <c>/metrics</c> on the real host (PostgreSQL and Redis), scraped as Prometheus would: the text must parse strictly,
/// and the API, hub, event store and order counters must move with what the test did.
/// </summary>
public sealed class MetricsScrapeTests : IAsyncLifetime
{
    private const string Key = "test-scrape-key";
    private readonly HospitalityHost _host = new(HostSetup.Cluster().With(("Metrics:BearerKey", Key), ("Metrics:StoreReadInterval", "00:00:00")));

    public Task InitializeAsync() => Task.FromResult(_host.Server);

    public async Task DisposeAsync() => await _host.DisposeAsync();


    private async Task<(PrometheusText Metrics, string Text)> ScrapeAsync()
    {
        var scraper = _host.CreateClient();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        var response = await scraper.GetAsync(MetricsSetup.Path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MetricsWriter.ContentType, response.Content.Headers.ContentType!.ToString());
        var text = await response.Content.ReadAsStringAsync();
        return (PrometheusText.Parse(text), text);
    }

    [Fact]
    public async Task A_scrape_parses_as_prometheus_text_and_counts_api_calls_by_route_template_hub_connections_and_appended_events()
    {
        var tenant = await _host.SeedTenantAsync();
        var bar = tenant.Location("Bar").Id;
        var (before, _) = await ScrapeAsync();

        var manager = await _host.StaffAsync(tenant.Account(StaffRole.Manager));
        var dish = await manager.PostAsJsonAsync($"/api/locations/{bar}/menu/dishes", new { name = "Mint tea", type = "drink", price = "3.50" });
        Assert.Equal(HttpStatusCode.Created, dish.StatusCode);
        var dishId = (string)(await dish.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var staff = await _host.StaffAsync(tenant.Account(StaffRole.Staff));
        var order = await staff.PostAsJsonAsync("/api/orders", new { locationId = bar, type = "takeaway", items = new[] { new { dishId, quantity = 1 } } });
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        var missing = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync($"/api/orders/{missing}/status", new { status = "confirmed" })).StatusCode);
        var token = await _host.DisplayTokenAsync(manager, bar);
        await using var screen = await _host.HubWithTokenAsync("/hubs/sessions", token);

        var (after, text) = await ScrapeAsync();

        const string requests = "hospitality_http_requests_total";
        const string statusRoute = "/api/orders/{orderId:guid}/status";
        Assert.Equal(1, after.Value(requests, ("method", "POST"), ("route", statusRoute), ("status", "4xx")));
        Assert.Equal(0, after.Value(requests, ("method", "POST"), ("route", statusRoute), ("status", "2xx")));
        Assert.Equal(1, after.Value(requests, ("method", "POST"), ("route", "/api/orders"), ("status", "2xx")) - before.Value(requests, ("method", "POST"), ("route", "/api/orders"), ("status", "2xx")));
        Assert.Equal(1, after.Value("hospitality_http_request_duration_seconds_count", ("method", "POST"), ("route", statusRoute)));
        Assert.True(after.Value("hospitality_http_request_duration_seconds_sum", ("method", "POST"), ("route", statusRoute)) > 0);
        // Labels carry templates only: no id and no tenant ever reaches an unauthenticated scrape.
        Assert.DoesNotContain(missing.ToString(), text);
        Assert.DoesNotContain(dishId, text);
        Assert.DoesNotContain(tenant.Tenant.Id, text);
        Assert.DoesNotContain(bar, text);

        // The handshake is answered before the hub's OnConnectedAsync has run: the gauge follows a moment later.
        Assert.Equal(1, await HubConnectionsSoonAsync(1));
        Assert.Equal((0, 1), (before.Value("hospitality_orders_today"), after.Value("hospitality_orders_today")));
        Assert.True(after.Value("hospitality_events_appended_total") >= before.Value("hospitality_events_appended_total") + 2,
            "creating a dish and placing an order append events");

        await screen.DisposeAsync();
        Assert.Equal(0, await HubConnectionsSoonAsync(0));
    }

    [Fact]
    public async Task The_fleet_is_in_the_scrape_machines_online_commands_pending_and_machine_sales_today()
    {
        var tenant = await _host.SeedTenantAsync();
        var manager = await _host.StaffAsync(tenant.Account(StaffRole.Manager));
        var (online, machine, _) = await RemoteCommands.CommandsApiTests.MachineAsync(_host, manager, tenant.Location("Bar").Id);
        await RemoteCommands.CommandsApiTests.MachineAsync(_host, manager, tenant.Location("Bar").Id);   // registered, never heard from
        Assert.Equal(HttpStatusCode.OK, (await machine.PostAsJsonAsync($"/api/v1/devices/{online}/status", new { sequence = 1, state = "idle" })).StatusCode);
        var staff = await _host.StaffAsync(tenant.Account(StaffRole.Staff));
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/devices/{online}/commands", new { kind = "clean" })).StatusCode);
        var sale = await machine.PostAsJsonAsync($"/api/v1/devices/{online}/orders/create", new
        {
            machineOrderId = "m-1", items = new[] { new { name = "Latte", quantity = 1, unitPrice = "3.50" } }, paymentMethod = "card", paymentStatus = "paid",
        });
        Assert.Equal(HttpStatusCode.OK, sale.StatusCode);

        var (metrics, _) = await ScrapeAsync();
        Assert.Equal(2, metrics.Value("hospitality_devices"));
        Assert.Equal(0.5, metrics.Value("hospitality_devices_online_ratio"));
        Assert.Equal(1, metrics.Value("hospitality_commands_pending"));
        Assert.Equal(1, metrics.Value("hospitality_machine_orders_today"));
    }

    private async Task<double> HubConnectionsSoonAsync(double expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var connections = (await ScrapeAsync()).Metrics.Value("hospitality_hub_connections", ("hub", "SessionsHub"));
            if (connections == expected || DateTime.UtcNow > deadline) return connections;
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_scrape_without_the_key_from_an_unknown_address_is_refused()
    {
        var anonymous = _host.CreateClient();   // the test server gives no remote address: not loopback, not a configured network
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(MetricsSetup.Path)).StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key + "x");
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(MetricsSetup.Path)).StatusCode);
    }
}
