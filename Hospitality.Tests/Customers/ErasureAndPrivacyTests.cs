using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Domain;
using Hospitality.Domain.Common;
using Hospitality.Domain.Customers;
using Hospitality.Domain.Sessions;
using Hospitality.Tests.EventStore;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hospitality.Tests.Customers;

/// <summary>Erasure reaches every copy of a guest's personal data; private notes stay at their location.</summary>
public class ErasureAndPrivacyTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    private Task<T> SendAsync<T>(IRequest<T> request) =>
        cluster.A.Services.CreateScope().ServiceProvider.GetRequiredService<IMediator>().Send(request);

    private Actor StaffAt(string? location) => new(cluster.Cloud.Tenant.Id, "Sam", location);

    /// <summary>Rows of the cluster's schema (events and documents, every tenant) whose JSON contains <paramref name="text"/>.</summary>
    private async Task<long> RowsContainingAsync(string text)
    {
        var schema = cluster.A.Setup.Schema!;
        await using var command = PostgresTestDatabase.DataSource.CreateCommand(
            $"SELECT (SELECT count(*) FROM \"{schema}\".events WHERE data::text ILIKE @t) + (SELECT count(*) FROM \"{schema}\".documents WHERE data::text ILIKE @t OR id ILIKE @t)");
        command.Parameters.Add(new NpgsqlParameter("t", $"%{text}%"));
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Created as a retrying tablet would: the answer is kept under the key, quoting the guest, until erasure.</summary>
    private static async Task<JsonObject> CreateWithIdempotencyKeyAsync(HttpClient client, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/customers") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task After_erasure_no_personal_field_is_readable_from_the_database_the_api_or_a_card_but_visits_still_count()
    {
        var client = await cluster.A.StaffAsync(cluster.CloudStaff);
        var marker = "Quillfeather" + Guid.NewGuid().ToString("N")[..6];
        var phone = CustomersApiTests.NewPhone();
        var created = await CreateWithIdempotencyKeyAsync(client, new
        {
            firstName = marker, lastName = "Erasable", phone, email = $"{marker}@example.com",
            deliveryAddress = new { street = $"{marker} Lane 5", city = "Leeds" },
            preferences = new { favoriteFlavors = new[] { "Mint" }, sessionDurationMinutes = 60, addOnPreferences = Array.Empty<string>(), notes = $"{marker} likes heat" },
        });
        var id = (string)created["id"]!;
        await client.PostAsJsonAsync($"/api/customers/{id}/notes", new { text = $"{marker} birthday in May", visibility = "shared" });
        var card = await SessionsCluster.StartAsync(client, cluster.Bar, Random.Shared.Next(100, 999).ToString(), ["Mint"], id);
        Assert.Equal($"{marker} Erasable", (string)card["customerName"]!);
        Assert.True(await RowsContainingAsync(marker) > 0);   // readable before: the check below can fail
        var digits = CustomersApiTests.Digits(phone);
        Assert.True(await RowsContainingAsync(digits) > 0);

        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/customers/{id}")).StatusCode);

        Assert.Equal(0, await RowsContainingAsync(marker));
        Assert.Equal(0, await RowsContainingAsync(digits));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/customers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/customers/by-phone/{Uri.EscapeDataString(phone)}"))
            .StatusCode);
        Assert.Equal(0, (int)(await client.GetFromJsonAsync<JsonObject>($"/api/customers?search={marker}"))!["total"]!);
        var after = (await client.GetFromJsonAsync<JsonObject>($"/api/sessions/{card["id"]}"))!;
        Assert.Equal("Staff Customer", (string)after["customerName"]!);
        Assert.Equal(id, (string)after["session"]!["customerId"]!);   // the visit still counts, without a name

        // The number is free again, and the erased guest's events are still there, sealed with a key nobody has.
        await CustomersApiTests.CreateAsync(client, new { firstName = "New", lastName = "Owner", phone });
        await using var query = cluster.A.Store.QuerySession(cluster.Cloud.Tenant.Id);
        var events = await query.Events.FetchStreamAsync(Guid.Parse(id));
        Assert.Equal(3, events.Count);   // registered, note added, erased
        Assert.IsType<CustomerErased>(events[^1].Data);
        Assert.Null(await query.LoadAsync<CustomerKey>(id));
    }

    [Fact]
    public async Task A_private_note_is_seen_only_at_its_location_while_shared_notes_are_seen_everywhere()
    {
        var guest = await SendAsync(new CreateCustomer(StaffAt(null), new CustomerInput("Ines", "Costa", CustomersApiTests.NewPhone()),
            null, new ConsentGrant(false, false, SharingAcrossLocations: true)));
        await SendAsync(new WriteCustomerNote(StaffAt(cluster.Bar), guest.Id, "Owes us a story", NoteVisibility.Location));
        await SendAsync(new WriteCustomerNote(StaffAt(cluster.Bar), guest.Id, "Likes the terrace heater", NoteVisibility.Shared));

        var atBar = await SendAsync(new GetCustomer(StaffAt(cluster.Bar), guest.Id));
        var atTerrace = await SendAsync(new GetCustomer(StaffAt(cluster.Terrace), guest.Id));
        var listedAtTerrace = (await SendAsync(new FindCustomers(StaffAt(cluster.Terrace), "ines costa"))).Items.Single();

        Assert.Equal(["Owes us a story", "Likes the terrace heater"], atBar.Customer.Notes.Select(n => n.Text));
        Assert.Equal(["Likes the terrace heater"], atTerrace.Customer.Notes.Select(n => n.Text));
        Assert.Equal(["Likes the terrace heater"], listedAtTerrace.Notes.Select(n => n.Text));
        var nowhere = await Assert.ThrowsAsync<DomainException>(() =>
            SendAsync(new WriteCustomerNote(StaffAt(null), guest.Id, "Lost note", NoteVisibility.Location, "no-such-place")));
        Assert.Equal(DomainErrorKind.NotFound, nowhere.Kind);
        var privateNote = atBar.Customer.Notes[0].Id;
        var refused = await Assert.ThrowsAsync<DomainException>(() => SendAsync(new DeleteCustomerNote(StaffAt(cluster.Terrace), guest.Id, privateNote)));
        Assert.Equal(DomainErrorKind.NotFound, refused.Kind);
    }

    [Fact]
    public async Task Without_consent_to_be_shared_a_guest_is_known_only_at_the_location_that_added_them()
    {
        var phone = CustomersApiTests.NewPhone();
        var guest = await SendAsync(new CreateCustomer(StaffAt(cluster.Bar), new CustomerInput("Aiko", "Sato", phone)));

        Assert.Equal("Aiko", (await SendAsync(new GetCustomer(StaffAt(cluster.Bar), guest.Id))).Customer.FirstName);
        var hidden = await Assert.ThrowsAsync<DomainException>(() => SendAsync(new GetCustomer(StaffAt(cluster.Terrace), guest.Id)));
        Assert.Equal(DomainErrorKind.NotFound, hidden.Kind);
        Assert.Empty((await SendAsync(new FindCustomers(StaffAt(cluster.Terrace), "aiko sato"))).Items);

        await SendAsync(new SetCustomerConsent(StaffAt(cluster.Bar), guest.Id, ConsentKind.SharingAcrossLocations, true));
        Assert.Equal("Aiko", (await SendAsync(new GetCustomer(StaffAt(cluster.Terrace), guest.Id))).Customer.FirstName);
        Assert.True((await SendAsync(new GetCustomer(StaffAt(null), guest.Id))).Customer.Consents.SharingAcrossLocations);
    }

    [Fact]
    public async Task Staff_who_work_at_one_location_never_see_another_locations_private_notes_or_board()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var id = (string)(await CustomersApiTests.CreateAsync(manager, new
        {
            firstName = "Dara", lastName = "Quinn", phone = CustomersApiTests.NewPhone(),
            consents = new { sms = false, marketing = false, sharingAcrossLocations = true },
        }))["id"]!;
        await manager.PostAsJsonAsync($"/api/customers/{id}/notes", new { text = "Bar only: comped last visit", visibility = "location", locationId = cluster.Bar });
        await manager.PostAsJsonAsync($"/api/customers/{id}/notes", new { text = "Everyone: celebrates in June", visibility = "shared" });
        var terrace = await cluster.B.StaffAsync(cluster.TerraceStaff);

        var seen = (await terrace.GetFromJsonAsync<JsonObject>($"/api/customers/{id}"))!["customer"]!["notes"]!.AsArray().Select(n => (string)n!["text"]!);

        Assert.Equal(["Everyone: celebrates in June"], seen);
        var written = await terrace.PostAsJsonAsync($"/api/customers/{id}/notes", new { text = "Terrace: likes the heater", visibility = "shared" });
        var answered = (await written.Content.ReadFromJsonAsync<JsonObject>())!["notes"]!.AsArray().Select(n => (string)n!["text"]!);
        Assert.DoesNotContain("Bar only: comped last visit", answered);   // a command's answer is filtered like a read
        Assert.Equal(HttpStatusCode.NotFound, (await terrace.GetAsync($"/api/sessions?locationId={cluster.Bar}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await terrace.GetAsync($"/api/sessions?locationId={cluster.Terrace}")).StatusCode);
    }
}
