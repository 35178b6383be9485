using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Hubs.Customers;
using Hospitality.Hubs.Live;
using Hospitality.Tests.Hubs;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Tests.Customers;

/// <summary>A guest changed through one server reaches open screens on the other: their profile page and the boards showing them.</summary>
public class LiveGuestTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    [Fact]
    public async Task Renaming_a_guest_on_one_server_refreshes_the_boards_and_profile_pages_on_the_other()
    {
        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        var phone = CustomersApiTests.NewPhone();
        var id = (string)(await CustomersApiTests.CreateAsync(staff, new { firstName = "Sami", lastName = "Nasser", phone }))["id"]!;
        var card = await SessionsCluster.StartAsync(staff, cluster.Terrace, Random.Shared.Next(100, 999).ToString(), ["Mint"], id);
        await using var tv = await cluster.B.HubWithCookieAsync("/hubs/sessions", staff);
        await tv.InvokeAsync("Subscribe", cluster.Terrace);
        var profilePage = new LiveProbe();
        using var listening = cluster.B.Services.GetRequiredService<ILiveFeed>().Subscribe(CustomerPublisher.Topic(cluster.Cloud.Tenant.Id, id), profilePage.Handle);

        var renamed = await staff.PutAsJsonAsync($"/api/customers/{id}", new { firstName = "Sami", lastName = "Haddad", phone });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        await tv.NextPushAsync("Resync", TimeSpan.FromSeconds(5));
        Assert.Equal(id, (await profilePage.NextAsync()).StreamId.ToString());
        var onB = await cluster.B.StaffAsync(cluster.CloudStaff);
        var board = (await onB.GetFromJsonAsync<JsonArray>($"/api/sessions?locationId={cluster.Terrace}"))!;
        Assert.Equal("Sami Haddad", (string)board.Single(s => (string)s!["session"]!["id"]! == (string)card["id"]!)!["customerName"]!);
    }
}
