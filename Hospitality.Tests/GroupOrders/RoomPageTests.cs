using Bunit;
using Hospitality.Domain;
using Hospitality.Domain.Circles;
using Hospitality.Domain.GroupOrders;
using Hospitality.Domain.Menus;
using Hospitality.Domain.Orders;
using Hospitality.Hubs.GroupOrders;
using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Demo;
using Hospitality.Web.GroupOrders;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Tests.GroupOrders;

/// <summary>
/// The phone page of a room (<c>/join/{token}</c>) with the real room handlers, publisher and live feed over the in-memory
/// store: Layla owns the family circle, Omar is a member, the Bar's menu has mint tea and mezze.
/// </summary>
public sealed class RoomPageTests : InMemoryPages
{
    private readonly string _layla, _omar;
    private readonly Guid _tea = Guid.NewGuid(), _mezze = Guid.NewGuid();
    private readonly RoomInviteIssued _room;

    public RoomPageTests()
    {
        var guests = SessionDemo.SeedGuestsAsync(Mediator, Desk).GetAwaiter().GetResult();
        (_layla, _omar) = (guests.Single(g => g.FirstName == "Layla").Id, guests.Single(g => g.FirstName == "Omar").Id);
        Send(new AddMenuDish(Desk, Bar, _tea, new DishInput("Mint tea", "drink", "4.50")));
        Send(new AddMenuDish(Desk, Bar, _mezze, new DishInput("Mezze", "veg", "12.00")));
        var circle = Send(new CreateCircle(Desk, _layla, "The Haddads", CircleKind.Family));
        Send(new InviteToCircle(Desk, circle.Id.ToString(), "+1 415 555 0199"));
        _room = Send(new StartRoom(Desk, circle.Id.ToString(), _layla, Bar, OrderType.DineIn, "T7"));
    }

    private RoomGuest Layla => new(Tenant, _room.Room.Id, _layla, _room.InviteId);

    private string Token(RoomInviteIssued invite) => Services.GetRequiredService<RoomInviteLinks>().Sign(Tenant, invite);

    private (IRenderedComponent<RoomPage> Page, RoomGuest Guest) OpenAsOmar()
    {
        var invite = Send(new InviteToRoom(Desk, _room.Room.Id, _omar));
        return (Open(Token(invite)), new RoomGuest(Tenant, _room.Room.Id, _omar, invite.InviteId));
    }

    private IRenderedComponent<RoomPage> Open(string token)
    {
        var page = Render<RoomPage>(p => p.Add(x => x.Token, token));
        page.WaitForAssertion(() => Assert.True(page.FindAll("#room[data-interactive=true]").Count > 0 || page.FindAll("[data-test=room-closed]").Count > 0), Wait);
        return page;
    }

    [Fact]
    public void Opening_a_link_joins_the_room_and_shows_it_with_the_menu_and_who_is_here()
    {
        var (page, omar) = OpenAsOmar();

        Assert.Equal("The Haddads", page.Find("[data-test=circle-name]").TextContent);
        Assert.Equal("Bar · Dine-in · table T7", page.Find("[data-test=room-where]").TextContent);
        var tea = page.Find($"[data-test=dish][data-id='{_tea}']");
        Assert.Equal("Drink", tea.QuerySelector("[data-test=dish-type]")!.TextContent);
        Assert.Equal("4.50 USD", tea.QuerySelector("[data-test=dish-price]")!.TextContent);
        Assert.Contains(Send(new GetRoomAsGuest(omar)).People, p => p.CustomerId == _omar && p.InRoom && p.Present);
        page.WaitForAssertion(() => Assert.Equal("true", page.Find($"[data-test=person][data-customer='{_omar}']").GetAttribute("data-present")), Wait);
        Assert.Contains("(you)", page.Find($"[data-test=person][data-customer='{_omar}']").TextContent);
        Assert.Empty(page.FindAll("[data-test=send-order]"));   // only the owner sends
    }

    [Fact]
    public void A_change_made_on_another_phone_appears_at_once_with_everyones_share()
    {
        var (page, _) = OpenAsOmar();
        Act(page, p => p.Find($"[data-test=dish][data-id='{_mezze}'] button[data-test=add-dish]").Click());

        Send(new ActInRoom(Layla, new RoomAction.AddItem(_tea, 2, Guid.NewGuid())));
        Send(new ActInRoom(Layla, new RoomAction.ChooseSplit(SplitKind.Equal, null)));

        page.WaitForAssertion(() =>
        {
            var laylas = page.Find($"[data-test=items-of][data-customer='{_layla}']");
            Assert.Equal("Layla H.", laylas.QuerySelector("h3")!.TextContent);
            Assert.Equal("2", laylas.QuerySelector("[data-test=item-quantity]")!.TextContent);
            Assert.Equal("Equal", page.Find("[data-test=split-kind]").TextContent);
        }, Wait);
        Assert.Equal("21.00 USD", page.Find("[data-test=total]").TextContent);
        var me = page.Find($"[data-test=person][data-customer='{_omar}']");
        Assert.Contains("Your share", me.TextContent);
        Assert.Equal("10.50 USD", me.QuerySelector("[data-test=person-share]")!.TextContent);
        Assert.Empty(page.Find($"[data-test=items-of][data-customer='{_layla}']").QuerySelectorAll("[data-test=item-more]"));   // not Omar's line
    }

    [Fact]
    public void A_refusal_is_shown_on_the_page_and_changes_nothing()
    {
        Send(new ActInRoom(Layla, new RoomAction.SetLimits("10.00", null)));
        var (page, omar) = OpenAsOmar();
        var before = Send(new GetRoomAsGuest(omar));

        Act(page, p => p.Find($"[data-test=dish][data-id='{_mezze}'] button[data-test=add-dish]").Click());

        page.WaitForAssertion(() => Assert.Contains("over the 10.00 USD limit", page.Find("[data-test=room-notice]").TextContent), Wait);
        var after = Send(new GetRoomAsGuest(omar));
        Assert.Empty(after.Items);
        Assert.Equal(before.Version, after.Version);
        Assert.Single(page.FindAll("[data-test=items-empty]"));
    }

    [Fact]
    public async Task A_quantity_someone_changed_meanwhile_is_refused_and_the_page_shows_it_as_it_now_is()
    {
        var (page, omar) = OpenAsOmar();
        Act(page, p => p.Find($"[data-test=dish][data-id='{_tea}'] button[data-test=add-dish]").Click());
        page.WaitForAssertion(() => page.Find("[data-test=item-more]"), Wait);
        var line = Send(new GetRoomAsGuest(omar)).Items.Single();

        // On the page's own dispatcher, the owner's change cannot reach the page before Omar's tap: he taps + on the 1 he sees.
        await page.InvokeAsync(async () =>
        {
            await Mediator.Send(new ActInRoom(Layla, new RoomAction.UpdateQuantity(line.Id, 3, 1)));
            await page.Find("[data-test=item-more]").ClickAsync(new());
        });

        page.WaitForAssertion(() =>
        {
            Assert.Equal("3", page.Find("[data-test=item-quantity]").TextContent);
            Assert.Contains("a moment ago", page.Find("[data-test=room-notice]").TextContent);
        }, Wait);
        Assert.Equal(3, Send(new GetRoomAsGuest(omar)).Items.Single().Quantity);
    }

    [Fact]
    public void The_owner_splits_equally_sends_the_order_and_everyone_follows_its_status()
    {
        var (omarsPage, omar) = OpenAsOmar();
        Send(new ActInRoom(omar, new RoomAction.AddItem(_mezze, 1, Guid.NewGuid())));
        var page = Open(Token(_room));
        Act(page, p => p.Find($"[data-test=dish][data-id='{_tea}'] button[data-test=add-dish]").Click());
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-test=item]").Count), Wait);

        // Presence and live pushes re-render the page at any time: find and act in one renderer turn, and wait for what a click opens.
        Act(page, p => p.Find("button[data-test=split-equal]").Click());
        page.WaitForAssertion(() => Assert.Equal("8.25 USD", page.Find($"[data-test=person][data-customer='{_layla}'] [data-test=person-share]").TextContent), Wait);
        Act(page, p => p.Find("button[data-test=send-order]").Click());
        page.WaitForElement("[data-test=send-each-needs-by-item]", Wait);   // separate orders bill each person's own items only
        Act(page, p => p.Find("button[data-test=send-no]").Click());

        // By item, with a tip: each order is exactly that person's share (tip 1.65 in proportion 4.50 : 12.00).
        Send(new ActInRoom(Layla, new RoomAction.SetTip("1.65")));
        Act(page, p => p.Find("button[data-test=split-by_item]").Click());
        page.WaitForAssertion(() => Assert.Equal("4.95 USD", page.Find($"[data-test=person][data-customer='{_layla}'] [data-test=person-share]").TextContent), Wait);
        Act(page, p => p.Find("button[data-test=send-order]").Click());
        page.WaitForElement("[data-test=send-each]", Wait);
        Act(page, p => p.Find("[data-test=send-each]").Change(true));
        Act(page, p => p.Find("button[data-test=send-yes]").Click());

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-test=sent-order]").Count), Wait);
        omarsPage.WaitForAssertion(() => Assert.Equal(["Received", "Received"], omarsPage.FindAll("[data-test=order-status]").Select(s => s.TextContent)), Wait);
        Assert.Empty(omarsPage.FindAll("[data-test=add-dish]"));
        var orders = Send(new GetRoomOrders(omar));
        Assert.Equal([495L, 1320L], orders.OrderBy(o => o.TotalMinor).Select(o => o.TotalMinor));   // the shares, adding up to 18.15
        Assert.Equal([45L, 120L], orders.OrderBy(o => o.TotalMinor).Select(o => o.TipMinor));
        Send(new AdvanceOrderStatus(Desk, orders[0].Id, OrderStatus.Confirmed));
        omarsPage.WaitForAssertion(() => Assert.Contains("Confirmed", omarsPage.FindAll("[data-test=order-status]").Select(s => s.TextContent)), Wait);
    }

    [Fact]
    public void The_owner_gets_a_members_link_to_share_and_can_revoke_it()
    {
        var page = Open(Token(_room));
        Act(page, p => p.Find($"[data-test=invitee][data-customer='{_omar}'] button[data-test=invite]").Click());

        var link = page.WaitForElement("[data-test=invite-link]", Wait).GetAttribute("value")!;
        Assert.StartsWith("http://localhost/join/", link);
        var omarsPage = Open(link["http://localhost/join/".Length..]);
        Assert.Equal("The Haddads", omarsPage.Find("[data-test=circle-name]").TextContent);

        omarsPage.WaitForElement("[data-test=add-dish]", Wait);
        page.WaitForElement($"[data-test=invitee][data-customer='{_omar}'] button[data-test=revoke]", Wait);
        Act(page, p => p.Find($"[data-test=invitee][data-customer='{_omar}'] button[data-test=revoke]").Click());
        // The page already open on Omar's phone closes with the reason at once; opening the link again shows it too.
        omarsPage.WaitForAssertion(() => Assert.Contains("revoked", omarsPage.Find("[data-test=room-closed]").TextContent), Wait);
        var reopened = Open(link["http://localhost/join/".Length..]);
        Assert.Contains("revoked", reopened.Find("[data-test=room-closed]").TextContent);
    }

    [Theory]
    [InlineData("not-a-link")]
    [InlineData("")]
    public void A_bad_link_shows_a_message_instead_of_the_room(string token)
    {
        var page = Open(token);
        Assert.Contains("not valid or has expired", page.Find("[data-test=room-closed]").TextContent);
        Assert.Empty(page.FindAll("[data-test=menu]"));
    }

    [Fact]
    public void The_owner_sets_a_limit_and_a_deadline_that_every_phone_sees_and_the_room_enforces()
    {
        var (omarsPage, omar) = OpenAsOmar();
        var page = Open(Token(_room));
        Assert.Empty(omarsPage.FindAll("[data-test=limits]"));   // nothing to see until the owner sets one

        Act(page, p => p.Find("[data-test=limit]").Change("10.00"));
        Act(page, p => p.Find("[data-test=deadline-minutes]").Change("30"));
        Act(page, p => p.Find("button[data-test=limits-set]").Click());
        omarsPage.WaitForAssertion(() => Assert.Matches(@"Up to 10\.00 USD per person\. Adding items closes in (29|30) min\.",
            omarsPage.Find("[data-test=limits-now]").TextContent), Wait);
        Assert.Empty(omarsPage.FindAll("[data-test=limit]"));   // only the owner changes them

        // 12.00 of mezze is over Omar's 10.00: refused with the reason, nothing added.
        Act(omarsPage, p => p.Find($"[data-test=dish][data-id='{_mezze}'] button[data-test=add-dish]").Click());
        omarsPage.WaitForAssertion(() => Assert.Contains("over the 10.00 USD limit", omarsPage.Find("[data-test=room-notice]").TextContent), Wait);
        Assert.Empty(Send(new GetRoomAsGuest(omar)).Items);
    }

    private static void Act(IRenderedComponent<RoomPage> page, Action<IRenderedComponent<RoomPage>> act) =>
        page.InvokeAsync(() => act(page)).GetAwaiter().GetResult();
}
