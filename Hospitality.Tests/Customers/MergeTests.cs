using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Domain;
using Hospitality.Domain.Customers;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;

namespace Hospitality.Tests.Customers;

/// <summary>Duplicates found with a confidence; a merge keeps both histories and can be undone; it never crosses tenants.</summary>
public class MergeTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 18, 0, 0, TimeSpan.Zero);

    private static Customer Guest(Guid id, params object[] more)
    {
        Customer? state = null;
        object[] events = [new CustomerRegistered(id, "sealed", null, T0), .. more];
        for (var i = 0; i < events.Length; i++) state = Customer.Fold(state, events[i], i + 1);
        return state!;
    }

    [Fact]
    public void Merging_records_an_event_on_each_profile_and_undoing_takes_both_back()
    {
        var (keep, other) = (Guid.NewGuid(), Guid.NewGuid());
        var (toKeep, toOther) = MergeDecisions.Merge(Guest(keep), Guest(other), T0);
        Assert.Equal(new CustomerAbsorbed(keep, other, T0), Assert.Single(toKeep));
        Assert.Equal(new CustomerMergedInto(other, keep, T0), Assert.Single(toOther));

        var (undoKeep, undoOther) = MergeDecisions.Undo(Guest(keep, toKeep), Guest(other, toOther), T0);
        Assert.Equal(new CustomerMergeUndone(keep, other, T0), Assert.Single(undoKeep));
        Assert.Equal(new CustomerMergeUndone(other, keep, T0), Assert.Single(undoOther));
    }

    [Fact]
    public void A_profile_cannot_be_merged_with_itself_twice_or_into_a_merged_one()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal(DomainErrorKind.Invalid, Assert.Throws<DomainException>(() => MergeDecisions.Merge(Guest(a), Guest(a), T0)).Kind);
        var mergedIntoA = Guest(b, new CustomerMergedInto(b, a, T0));
        Assert.Contains("already merged", Assert.Throws<DomainException>(() => MergeDecisions.Merge(Guest(c), mergedIntoA, T0)).Message);
        Assert.Contains("merge into that one", Assert.Throws<DomainException>(() => MergeDecisions.Merge(mergedIntoA, Guest(c), T0)).Message);
        Assert.Contains("nothing to undo", Assert.Throws<DomainException>(() => MergeDecisions.Undo(Guest(a), Guest(c), T0)).Message);
    }

    [Fact]
    public async Task Duplicates_are_found_by_email_phone_and_name_with_a_confidence_merged_with_both_histories_and_undone()
    {
        var client = await cluster.A.StaffAsync(cluster.CloudStaff);
        var tag = Guid.NewGuid().ToString("N")[..5];
        var phone = CustomersApiTests.NewPhone();
        var keep = await CustomersApiTests.CreateAsync(client, new { firstName = "Fatima", lastName = "Zahra" + tag, phone, email = $"fz{tag}@example.com" });
        var dupe = await CustomersApiTests.CreateAsync(client, new { firstName = "Fatma", lastName = "Zahra" + tag, phone = "+44 7700 9" + CustomersApiTests.Digits(phone)[^5..], email = $"FZ{tag}@example.com" });
        var (keepId, dupeId) = ((string)keep["id"]!, (string)dupe["id"]!);
        await SessionsCluster.StartAsync(client, cluster.Bar, Random.Shared.Next(100, 999).ToString(), ["Mint"], keepId);
        await SessionsCluster.StartAsync(client, cluster.Terrace, Random.Shared.Next(100, 999).ToString(), ["Grape"], dupeId);
        await client.PostAsJsonAsync($"/api/customers/{dupeId}/notes", new { text = "Booked the garden room", visibility = "shared" });

        var pairs = (await client.GetFromJsonAsync<JsonArray>($"/api/customers/duplicates?customerId={keepId}"))!;
        var pair = Assert.Single(pairs)!;
        Assert.Equal("high", (string)pair["confidence"]!);
        Assert.Contains("same email", pair["reasons"]!.AsArray().Select(r => (string)r!));
        Assert.Contains("similar name", pair["reasons"]!.AsArray().Select(r => (string)r!));

        var merge = await client.PostAsJsonAsync($"/api/customers/{keepId}/merge", new { mergeId = dupeId });
        Assert.Equal(HttpStatusCode.OK, merge.StatusCode);
        var merged = (await client.GetFromJsonAsync<JsonObject>($"/api/customers/{dupeId}"))!;   // the old id leads to the kept guest
        Assert.Equal(keepId, (string)merged["customer"]!["id"]!);
        Assert.Equal(2, (int)merged["loyalty"]!["visits"]!);
        Assert.Equal(dupeId, (string)merged["merged"]![0]!["id"]!);
        Assert.Contains("Booked the garden room", merged["customer"]!["notes"]!.AsArray().Select(n => (string)n!["text"]!));
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonArray>($"/api/customers/{keepId}/history"))!.Count);
        Assert.Equal(1, (int)(await client.GetFromJsonAsync<JsonObject>($"/api/customers?search=zahra{tag}"))!["total"]!);
        Assert.Empty((await client.GetFromJsonAsync<JsonArray>($"/api/customers/duplicates?customerId={keepId}"))!);

        var undo = await client.PostAsJsonAsync($"/api/customers/{keepId}/merge/{dupeId}/undo", new { });
        Assert.Equal(HttpStatusCode.OK, undo.StatusCode);
        var apart = (await client.GetFromJsonAsync<JsonObject>($"/api/customers/{dupeId}"))!;
        Assert.Equal(dupeId, (string)apart["customer"]!["id"]!);
        Assert.Equal(1, (int)apart["loyalty"]!["visits"]!);
        Assert.Equal(1, (int)(await client.GetFromJsonAsync<JsonObject>($"/api/customers/{keepId}"))!["loyalty"]!["visits"]!);
        Assert.Equal(2, (int)(await client.GetFromJsonAsync<JsonObject>($"/api/customers?search=zahra{tag}"))!["total"]!);
    }

    [Fact]
    public async Task A_merge_never_reaches_another_tenants_guest()
    {
        var client = await cluster.A.StaffAsync(cluster.CloudStaff);
        var rival = await cluster.A.StaffAsync(cluster.RivalStaff);
        var ours = (string)(await CustomersApiTests.CreateAsync(client, new { firstName = "Omar", lastName = "Idris", phone = CustomersApiTests.NewPhone() }))["id"]!;
        var theirs = (string)(await CustomersApiTests.CreateAsync(rival, new { firstName = "Omar", lastName = "Idris", phone = CustomersApiTests.NewPhone() }))["id"]!;

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/customers/{ours}/merge", new { mergeId = theirs })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.PostAsJsonAsync($"/api/customers/{theirs}/merge", new { mergeId = ours })).StatusCode);
        Assert.DoesNotContain((await client.GetFromJsonAsync<JsonArray>($"/api/customers/duplicates?customerId={ours}"))!,
            p => (string)p!["second"]!["id"]! == theirs || (string)p!["first"]!["id"]! == theirs);
    }
}
