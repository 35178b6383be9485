using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;

namespace Hospitality.Tests.Customers;

/// <summary>A guest's data export holds everything, access is audited, and a profile moves to another business only with consent.</summary>
public class PortabilityTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    [Fact]
    public async Task The_export_holds_the_profile_notes_sessions_unsealed_events_and_who_looked_at_the_guest()
    {
        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var phone = CustomersApiTests.NewPhone();
        var id = (string)(await CustomersApiTests.CreateAsync(staff, new { firstName = "Elif", lastName = "Kaya", phone, email = "elif@example.com" }))["id"]!;
        await staff.PostAsJsonAsync($"/api/customers/{id}/notes", new { text = "Private: prefers the quiet corner", visibility = "location", locationId = cluster.Bar });
        await SessionsCluster.StartAsync(staff, cluster.Bar, Random.Shared.Next(100, 999).ToString(), ["Rose"], id);
        await staff.GetAsync($"/api/customers/{id}");
        await staff.GetAsync($"/api/customers/{id}");   // a reload within minutes is the same look
        await staff.GetAsync($"/api/customers/by-phone/{Uri.EscapeDataString(phone)}");

        var export = (await manager.GetFromJsonAsync<JsonObject>($"/api/customers/{id}/export"))!;

        Assert.Equal("Elif", (string)export["profile"]!["firstName"]!);
        Assert.Equal("Private: prefers the quiet corner", (string)export["profile"]!["notes"]![0]!["text"]!);
        Assert.Equal(["Rose"], export["sessions"]![0]!["flavors"]!.AsArray().Select(f => (string)f!));
        var events = export["events"]!.AsArray();
        Assert.Equal(["customer_registered", "customer_note_added"], events.Select(e => (string)e!["type"]!));
        Assert.Equal("elif@example.com", (string)events[0]!["data"]!["details"]!["email"]!);
        Assert.Equal("Private: prefers the quiet corner", (string)events[1]!["data"]!["text"]!);
        var purposes = export["accessLog"]!.AsArray().Select(a => (string)a!["purpose"]!).ToList();
        Assert.Single(purposes, p => p == "viewed the profile");
        Assert.Contains("looked the guest up by phone", purposes);
        Assert.Contains("exported all data", purposes);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/customers/{id}/export")).StatusCode);
    }

    [Fact]
    public async Task A_profile_moves_to_another_business_only_with_the_guests_consent_and_without_the_venues_notes()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var rival = await cluster.A.StaffAsync(cluster.RivalManager);
        var phone = CustomersApiTests.NewPhone();
        var id = (string)(await CustomersApiTests.CreateAsync(manager, new
        {
            firstName = "Kofi", lastName = "Owusu", phone,
            preferences = new { favoriteFlavors = new[] { "Grape", "Mint" }, sessionDurationMinutes = 80, addOnPreferences = new[] { "Ice hose" }, notes = "" },
        }))["id"]!;
        await manager.PostAsJsonAsync($"/api/customers/{id}/notes", new { text = "Tips well", visibility = "shared" });

        var refused = await manager.GetAsync($"/api/customers/{id}/portable");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("has not agreed", await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await manager.PutAsJsonAsync($"/api/customers/{id}/consents/portability", new { granted = true })).StatusCode);
        var portable = (await manager.GetFromJsonAsync<JsonObject>($"/api/customers/{id}/portable"))!;
        Assert.DoesNotContain("Tips well", portable.ToJsonString());

        var withoutConsent = await rival.PostAsJsonAsync("/api/customers/import", new { profile = portable, guestConsented = false });
        Assert.Equal(HttpStatusCode.Forbidden, withoutConsent.StatusCode);
        var imported = await rival.PostAsJsonAsync("/api/customers/import", new { profile = portable, guestConsented = true });
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var theirs = (await imported.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.NotEqual(id, (string)theirs["id"]!);
        Assert.Equal(("Kofi", 80), ((string)theirs["firstName"]!, (int)theirs["preferences"]!["sessionDurationMinutes"]!));
        Assert.Empty(theirs["notes"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await rival.GetAsync($"/api/customers/{id}")).StatusCode);
    }
}
