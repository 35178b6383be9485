using System.Net;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;

namespace Hospitality.Tests.MachineOrders;

public partial class MachineOrdersApiTests
{
    [Fact]
    public async Task Another_tenant_and_staff_of_another_location_neither_see_nor_list_nor_export_nor_refund_a_sale()
    {
        var (barDevice, barMachine) = await MachineAsync("Bar espresso");
        var (terraceDevice, terraceMachine) = await MachineAsync("Terrace espresso", cluster.Terrace);
        var barSale = await SoldAsync(barMachine, barDevice, Sale("i-1"));
        var terraceSale = await SoldAsync(terraceMachine, terraceDevice, Sale("i-2"));

        var rival = await cluster.B.StaffAsync(cluster.RivalManager);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.GetAsync($"/api/v1/orders/{barSale}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RefundAsync(rival, barSale, new { reason = "Mine now" })).Status);
        var rivalList = JsonNode.Parse(await rival.GetStringAsync("/api/v1/orders?page_size=200"))!["data"]!;
        Assert.Equal(0, (int)rivalList["total"]!);
        Assert.Single(Rfc4180.Parse(await rival.GetStringAsync("/api/v1/orders/export.csv")));   // the header alone

        var terrace = await cluster.A.StaffAsync(cluster.TerraceStaff);
        Assert.Equal(HttpStatusCode.NotFound, (await terrace.GetAsync($"/api/v1/orders/{barSale}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RefundAsync(terrace, barSale, new { reason = "Not here" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await terrace.GetAsync($"/api/v1/orders/{terraceSale}")).StatusCode);
        var seen = JsonNode.Parse(await terrace.GetStringAsync("/api/v1/orders?page_size=200"))!["data"]!["items"]!.AsArray().Select(o => (string)o!["id"]!).ToList();
        Assert.Contains(terraceSale, seen);
        Assert.DoesNotContain(barSale, seen);
        Assert.Equal(0, (int)JsonNode.Parse(await terrace.GetStringAsync($"/api/v1/orders?location_id={cluster.Bar}"))!["data"]!["total"]!);
        var exported = Rfc4180.Parse(await terrace.GetStringAsync("/api/v1/orders/export.csv")).Skip(1).Select(r => r[0]).ToList();
        Assert.Contains(terraceSale, exported);
        Assert.DoesNotContain(barSale, exported);
        Assert.Equal(HttpStatusCode.OK, (await RefundAsync(terrace, terraceSale, new { reason = "Ours" })).Status);

        // A machine of our tenant cannot record a sale as another of our machines, let alone the rival's.
        Assert.Equal(HttpStatusCode.Forbidden, (await CreateAsync(terraceMachine, barDevice, Sale("i-3"))).Status);
    }
}
