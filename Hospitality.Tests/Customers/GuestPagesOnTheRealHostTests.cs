using AngleSharp.Html.Parser;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;

namespace Hospitality.Tests.Customers;

/// <summary>The guest pages served by the real app on PostgreSQL: what the first (prerendered) response holds, and who gets it.</summary>
public class GuestPagesOnTheRealHostTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    private static async Task<AngleSharp.Dom.IDocument> PageAsync(HttpClient client, string path) =>
        new HtmlParser().ParseDocument(await client.GetStringAsync(path));

    [Fact]
    public async Task The_guest_list_comes_sorted_by_last_name_with_tiers_counted_from_visits_and_is_refused_to_viewers()
    {
        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        await SessionsCluster.StartAsync(staff, cluster.Bar, "41", ["Mint"], cluster.Guest("Layla"));

        var list = await PageAsync(staff, "/customers");
        Assert.Equal(["Sofia Alvarez", "Marcus Chen", "Omar Farouk", "Layla Haddad", "Jade Thompson"],
            list.QuerySelectorAll("[data-test=guest-name]").Select(e => e.TextContent));
        Assert.Equal("5 guests", list.QuerySelector("[data-test=guest-total]")!.TextContent);
        string Tier(string first) => list.QuerySelector($"[data-test=guest-row][data-id='{cluster.Guest(first)}'] [data-test=tier]")!.TextContent;
        Assert.Equal(("Bronze", "New"), (Tier("Layla"), Tier("Jade")));

        var details = await PageAsync(staff, $"/customers/{cluster.Guest("Layla")}");
        Assert.Equal("Layla Haddad", details.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("4 more visits to Silver", details.QuerySelector("[data-test=next-tier]")!.TextContent);

        var viewer = await cluster.A.StaffAsync(cluster.CloudViewer);
        var refused = await viewer.GetAsync("/customers");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/access-denied", refused.Headers.Location!.OriginalString.Replace("http://localhost", ""));
        Assert.DoesNotContain("Haddad", await refused.Content.ReadAsStringAsync());
    }
}
