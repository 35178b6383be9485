using Hospitality.Tests.Infrastructure;
using Hospitality.Domain.Customers;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Bunit;
using Bunit.TestDoubles;
using Hospitality.Domain.Common;
using Hospitality.Domain.Sessions;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Hospitality.EventStore.InMemory;
using Hospitality.Hubs.Live;
using Hospitality.Hubs.Sessions;
using Hospitality.Web.Infrastructure;
using Hospitality.Web.Sessions;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace Hospitality.Tests.Sessions;

/// <summary>The board component with the app's real handlers and live feed over the in-memory store.</summary>
public sealed class BoardComponentTests : InMemoryPages
{
    private IRenderedComponent<Board> RenderBoardAs(string role, string locationId = Bar)
    {
        Auth.SetAuthorized("Sam");
        Auth.SetRoles(role);
        Auth.SetPolicies(role == "Viewer" ? [Policies.ViewBoard] : [Policies.ViewBoard, Policies.OperateSessions]);
        Auth.SetClaims(new Claim(HospitalityClaims.Tenant, Tenant));
        return Render<Board>(p => p.Add(b => b.LocationId, locationId));
    }

    private Task<SessionCard> StartAsync(string table, string? customerId = null, string location = Bar) =>
        Services.GetRequiredService<IMediator>().Send(new OpenSession(new Actor(Tenant, "Other screen"),
            new StartSession(Guid.NewGuid(), location, table, ["Double Apple"], customerId, DateTimeOffset.UtcNow)));

    /// <summary>A Radzen button's label, without its icon's ligature text.</summary>
    private static string Label(AngleSharp.Dom.IElement button) => button.QuerySelector(".rz-button-text")!.TextContent.Trim();

    private IRenderedComponent<Board> CardFor(IRenderedComponent<Board> board, SessionCard card, Func<AngleSharp.Dom.IElement, bool> check)
    {
        board.WaitForAssertion(() => Assert.True(check(board.Find($"[data-session='{card.Id}']"))), TimeSpan.FromSeconds(5));
        return board;
    }

    [Fact]
    public async Task A_card_shows_the_customer_at_its_top_right_or_Staff_Customer_when_none_is_assigned()
    {
        var guest = await Services.GetRequiredService<IMediator>().Send(new CreateCustomer(new Actor(Tenant, "Front desk"),
            new CustomerInput("Layla", "Haddad", "+1 415 555 0142")));
        var layla = await StartAsync("1", guest.Id);
        var walkIn = await StartAsync("2");
        var board = RenderBoardAs("Staff");

        Assert.Equal("Layla Haddad", board.Find($"[data-session='{layla.Id}'] .customer-name").TextContent);
        Assert.Equal("Staff Customer", board.Find($"[data-session='{walkIn.Id}'] .customer-name").TextContent);
    }

    [Fact]
    public async Task Refill_is_orange_then_turns_into_a_green_Complete_Refill_that_returns_the_session_to_active()
    {
        var card = await StartAsync("4");
        var board = RenderBoardAs("Staff");
        var refill = board.Find($"[data-session='{card.Id}'] button.refill");
        Assert.Equal("Refill", Label(refill));
        Assert.Contains("rz-warning", refill.ClassList);

        refill.Click();
        CardFor(board, card, c => Label(c.QuerySelector("button.refill")!) == "Complete Refill");
        var complete = board.Find($"[data-session='{card.Id}'] button.refill");
        Assert.Contains("rz-success", complete.ClassList);
        Assert.Equal("Needs refill", board.Find($"[data-session='{card.Id}'] .status").TextContent.Trim());

        complete.Click();
        CardFor(board, card, c => Label(c.QuerySelector("button.refill")!) == "Refill");
        Assert.Equal("Active", board.Find($"[data-session='{card.Id}'] .status").TextContent.Trim());
    }

    [Fact]
    public async Task Picking_a_coal_status_records_it_on_the_card()
    {
        var card = await StartAsync("8");
        var board = RenderBoardAs("Staff");
        board.Find($"[data-session='{card.Id}'] select.coal-select").Change("Low");
        CardFor(board, card, c => c.QuerySelector(".coal")!.TextContent == "Coal: low");
        Assert.Contains("rz-badge-warning", board.Find($"[data-session='{card.Id}'] .coal").ClassList);
    }

    [Fact]
    public async Task A_change_committed_elsewhere_reaches_the_board_through_the_live_feed()
    {
        var board = RenderBoardAs("Staff");
        var card = await StartAsync("7");
        CardFor(board, card, c => c.TextContent.Contains("Table 7"));

        await Services.GetRequiredService<IMediator>().Send(new ChangeSession(new Actor(Tenant, "Other screen"), card.Id, new EndSession(DateTimeOffset.UtcNow)));
        board.WaitForAssertion(() => Assert.Empty(board.FindAll($"[data-session='{card.Id}']")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Another_tenants_board_shows_nothing_but_that_the_location_does_not_exist()
    {
        await TenancySeeding.CreateTenantAsync(Store, new TenantSpec("rival", "Rival", [new LocationSpec("Bar", LocationKind.Lounge, "rival-bar")],
            [new StaffSpec("ria@rival.example", "Ria", StaffRole.Staff, "long enough password")]));
        await Services.GetRequiredService<IMediator>().Send(new OpenSession(new Actor("rival", "Ria"),
            new StartSession(Guid.NewGuid(), "rival-bar", "1", ["Mint"], null, DateTimeOffset.UtcNow)));

        var board = RenderBoardAs("Staff", locationId: "rival-bar");
        Assert.Contains("Location rival-bar does not exist.", board.Markup);
        Assert.Empty(board.FindAll(".session-card"));
    }

    [Fact]
    public async Task Moving_to_another_locations_board_follows_that_location_live()
    {
        var board = RenderBoardAs("Staff");
        board.Render(p => p.Add(b => b.LocationId, "terrace"));

        var atBar = await StartAsync("30");
        var onTerrace = await StartAsync("31", location: "terrace");
        CardFor(board, onTerrace, c => c.TextContent.Contains("Table 31"));
        Assert.Empty(board.FindAll($"[data-session='{atBar.Id}']"));
    }

    [Fact]
    public async Task A_viewer_watches_the_board_without_buttons_that_change_it()
    {
        var card = await StartAsync("5");
        var board = RenderBoardAs("Viewer");
        Assert.Empty(board.FindAll($"[data-session='{card.Id}'] button.refill"));
        Assert.Empty(board.FindAll("#start-session"));
    }
}
