using System.Security.Claims;
using Bunit;
using Hospitality.Domain.Circles;
using Hospitality.Domain.Customers;
using Hospitality.Domain.GroupOrders;
using Hospitality.Domain.Menus;
using Hospitality.Domain.Tenancy;
using Hospitality.Hubs.GroupOrders;
using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Customers;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Tests.Circles;

/// <summary>The circles section of a guest's page: create a circle, invite by mobile number, start a group order and get its link.</summary>
public sealed class GuestCirclesTests : InMemoryPages
{
    public GuestCirclesTests()
    {
        Auth.SetAuthorized("Sam");
        Auth.SetRoles("Staff");
        Auth.SetPolicies(Policies.ViewBoard, Policies.OperateSessions);
        Auth.SetClaims(new Claim(HospitalityClaims.Tenant, Tenant));
    }

    [Fact]
    public async Task Staff_create_a_circle_invite_by_phone_and_start_a_group_order_whose_link_admits_the_owner()
    {
        var layla = await Mediator.Send(new CreateCustomer(Desk, new CustomerInput("Layla", "Haddad", "+1 415 555 0142")));
        await Mediator.Send(new AddMenuDish(Desk, Bar, Guid.NewGuid(), new DishInput("Mint tea", "drink", "4.50")));
        var page = Render<GuestDetails>(p => p.Add(d => d.Id, layla.Id));
        page.WaitForAssertion(() => Assert.Contains("Not in any circle yet", page.Find("[data-test=circles]").TextContent), Wait);

        await page.InvokeAsync(() => page.Find("[data-test=circle-name]").Change("The Haddads"));
        await page.InvokeAsync(() => page.Find("[data-test=new-circle]").Submit());
        page.WaitForAssertion(() => Assert.Equal("The Haddads", page.Find(".circle-name").TextContent), Wait);

        // A new number needs a name; with one, the guest is added to the guest book and the circle.
        await page.InvokeAsync(() => page.Find("[data-test=invite-phone]").Change("+1 415 555 0177"));
        await page.InvokeAsync(() => page.Find("[data-test=invite-member]").Submit());
        page.WaitForAssertion(() => Assert.Contains("give the guest's name", page.Find("[data-test=circles-error]").TextContent), Wait);
        await page.InvokeAsync(() => page.Find("[data-test=invite-name]").Change("Rami Haddad"));
        await page.InvokeAsync(() => page.Find("[data-test=invite-member]").Submit());
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-test=member]").Count), Wait);
        Assert.Empty(page.FindAll("[data-test=circles-error]"));

        // A dine-in group order needs its table: refused without one, started with one.
        await page.InvokeAsync(() => page.Find("[data-test=start-room]").Submit());
        page.WaitForAssertion(() => Assert.Contains("needs its table", page.Find("[data-test=circles-error]").TextContent), Wait);
        await page.InvokeAsync(() => page.Find("[data-test=room-table]").Change("T4"));
        await page.InvokeAsync(() => page.Find("[data-test=start-room]").Submit());
        var link = "";
        page.WaitForAssertion(() => link = page.Find("[data-test=room-link-url]").GetAttribute("value")!, Wait);

        var guest = Services.GetRequiredService<RoomInviteLinks>().Read(link[(link.LastIndexOf('/') + 1)..]);
        Assert.NotNull(guest);
        Assert.Equal(layla.Id, guest.CustomerId);
        var room = await Mediator.Send(new GetRoomAsGuest(guest));
        Assert.Equal("T4", room.Table);
        Assert.Equal("The Haddads", room.CircleName);
        Assert.Equal(2, room.People.Count);
    }
}
