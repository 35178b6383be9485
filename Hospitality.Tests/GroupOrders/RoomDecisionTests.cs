using Hospitality.Domain;
using Hospitality.Domain.Billing;
using Hospitality.Domain.Circles;
using Hospitality.Domain.GroupOrders;
using Hospitality.Domain.Orders;

namespace Hospitality.Tests.GroupOrders;

/// <summary>Given a room's events, when a guest's command, then events or a readable refusal. No store, no clock.</summary>
public class RoomDecisionTests
{
    private static readonly Guid RoomId = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 20, 0, 0, TimeSpan.Zero);
    private static readonly Circle Family = new(Guid.NewGuid(), "The Haddads", CircleKind.Family, "layla", ["layla", "omar", "jade"], T0, 3);

    private static GroupRoom Given(params object[] more)
    {
        GroupRoom? room = null;
        object[] events = [new RoomOpened(RoomId, Family.Id, "bar", OrderType.DineIn, "layla", "USD", T0), .. more];
        for (var i = 0; i < events.Length; i++) room = GroupRoom.Fold(room, events[i], i + 1);
        return room!;
    }

    private static ItemAdded Added(string by, long unitMinor, int quantity = 1) =>
        new(RoomId, Guid.NewGuid(), Guid.NewGuid(), "Biryani", quantity, unitMinor, by, T0);

    private static DomainException Refused(GroupRoom? room, RoomCommand command) =>
        Assert.Throws<DomainException>(() => RoomDecisions.Decide(room, Family, command));

    [Fact]
    public void Someone_outside_the_circle_can_neither_open_nor_join_nor_add()
    {
        Assert.Equal(DomainErrorKind.Forbidden, Refused(null, new OpenRoom(RoomId, "bar", OrderType.DineIn, "USD", "stranger", T0)).Kind);
        Assert.Equal(DomainErrorKind.Forbidden, Refused(Given(), new JoinRoom("stranger", T0)).Kind);
        Assert.Equal(DomainErrorKind.Forbidden, Refused(Given(), new AddItem(Guid.NewGuid(), Guid.NewGuid(), "Tea", 1, 100, "stranger", T0)).Kind);
    }

    [Fact]
    public void Members_join_once_add_items_recorded_as_theirs_and_only_the_owner_sends_the_order()
    {
        Assert.Empty(RoomDecisions.Decide(Given(new ParticipantJoined(RoomId, "omar", T0)), Family, new JoinRoom("omar", T0)));
        Assert.Contains("Join the room first", Refused(Given(), new AddItem(Guid.NewGuid(), Guid.NewGuid(), "Tea", 1, 100, "omar", T0)).Message);
        var room = Given(new ParticipantJoined(RoomId, "omar", T0));
        var added = Assert.IsType<ItemAdded>(Assert.Single(RoomDecisions.Decide(room, Family, new AddItem(Guid.NewGuid(), Guid.NewGuid(), "Tea", 2, 150, "omar", T0))));
        Assert.Equal(("omar", 150L), (added.AddedBy, added.UnitPriceMinor));
        var withTea = GroupRoom.Fold(room, added, room.Version + 1)!;

        Assert.Contains("Only the owner", Refused(withTea, new FinalizeRoom(false, "omar", T0)).Message);
        Assert.IsType<RoomFinalized>(Assert.Single(RoomDecisions.Decide(withTea, Family, new FinalizeRoom(true, "layla", T0))));
    }

    [Fact]
    public void Only_whoever_added_an_item_or_the_owner_changes_it()
    {
        var tea = Added("omar", 150);
        var room = Given(new ParticipantJoined(RoomId, "omar", T0), new ParticipantJoined(RoomId, "jade", T0), tea);
        Assert.Equal(DomainErrorKind.Forbidden, Refused(room, new RemoveItem(tea.LineId, "jade", T0)).Kind);
        Assert.IsType<QuantityUpdated>(Assert.Single(RoomDecisions.Decide(room, Family, new UpdateQuantity(tea.LineId, 3, "omar", T0))));
        Assert.IsType<ItemRemoved>(Assert.Single(RoomDecisions.Decide(room, Family, new RemoveItem(tea.LineId, "layla", T0))));
        Assert.Contains("between 1 and 20", Refused(room, new UpdateQuantity(tea.LineId, 21, "omar", T0)).Message);
    }

    [Fact]
    public void The_owners_limit_per_person_and_deadline_hold_and_can_be_changed_later()
    {
        var room = Given(new ParticipantJoined(RoomId, "omar", T0), new RoomLimitsSet(RoomId, 1000, T0.AddMinutes(30), T0), Added("omar", 800));
        var over = Refused(room, new AddItem(Guid.NewGuid(), Guid.NewGuid(), "Tea", 1, 300, "omar", T0));
        Assert.Contains("11.00 USD, over the 10.00 USD limit", over.Message);
        Assert.Contains("closed at", Refused(room, new AddItem(Guid.NewGuid(), Guid.NewGuid(), "Tea", 1, 100, "omar", T0.AddHours(1))).Message);
        Assert.Contains("Only the owner", Refused(room, new SetRoomLimits(null, null, "omar", T0)).Message);

        var lifted = GroupRoom.Fold(room, Assert.Single(RoomDecisions.Decide(room, Family, new SetRoomLimits(null, null, "layla", T0))), 9)!;
        Assert.Single(RoomDecisions.Decide(lifted, Family, new AddItem(Guid.NewGuid(), Guid.NewGuid(), "Tea", 1, 300, "omar", T0.AddHours(1))));
    }

    [Fact]
    public void Each_guest_sees_their_share_and_a_custom_split_that_does_not_add_up_cannot_be_sent()
    {
        var room = Given(new ParticipantJoined(RoomId, "omar", T0), Added("layla", 1000), Added("omar", 1001),
            new SplitChosen(RoomId, new RoomSplit(SplitKind.Equal), T0));
        var omar = BillSplit.ShareOf(room.Bill(), room.SplitMode(), "omar");
        var layla = BillSplit.ShareOf(room.Bill(), room.SplitMode(), "layla");
        Assert.Equal(2001, omar.Total.Minor + layla.Total.Minor);   // 20.01 in two: 10.01 and 10.00, to the cent

        var custom = GroupRoom.Fold(room, new SplitChosen(RoomId, new RoomSplit(SplitKind.Custom, new Dictionary<string, long> { ["layla"] = 1000, ["omar"] = 900 }), T0), 9)!;
        Assert.Contains("short", Refused(custom, new FinalizeRoom(false, "layla", T0)).Message);
        Assert.Contains("sent already", Refused(GroupRoom.Fold(room, new RoomFinalized(RoomId, false, T0), 9), new AddItem(Guid.NewGuid(), Guid.NewGuid(), "Tea", 1, 1, "omar", T0)).Message);
    }

    [Fact]
    public void A_repeated_add_or_remove_and_the_owners_repeated_send_change_nothing()
    {
        var tea = Added("omar", 150);
        var room = Given(new ParticipantJoined(RoomId, "omar", T0), tea);
        Assert.Empty(RoomDecisions.Decide(room, Family, new AddItem(tea.LineId, tea.DishId, "Biryani", 1, 150, "omar", T0)));
        var removed = GroupRoom.Fold(room, new ItemRemoved(RoomId, tea.LineId, "omar", T0), room.Version + 1)!;
        Assert.Empty(RoomDecisions.Decide(removed, Family, new RemoveItem(tea.LineId, "omar", T0)));
        Assert.Empty(RoomDecisions.Decide(removed, Family, new AddItem(tea.LineId, tea.DishId, "Biryani", 1, 150, "omar", T0)));   // a late retry of the add

        var sent = GroupRoom.Fold(room, new RoomFinalized(RoomId, false, T0, [Guid.NewGuid()]), room.Version + 1)!;
        Assert.Empty(RoomDecisions.Decide(sent, Family, new FinalizeRoom(false, "layla", T0)));
        Assert.Contains("sent already", Refused(sent, new AddItem(Guid.NewGuid(), Guid.NewGuid(), "Tea", 1, 100, "omar", T0)).Message);
    }

    [Fact]
    public void A_quantity_someone_changed_meanwhile_is_a_conflict_not_an_overwrite()
    {
        var tea = Added("omar", 150);
        var room = Given(new ParticipantJoined(RoomId, "omar", T0), tea, new QuantityUpdated(RoomId, tea.LineId, 4, "layla", T0));
        var refused = Refused(room, new UpdateQuantity(tea.LineId, 2, "omar", T0, ExpectedQuantity: 1));
        Assert.Equal(DomainErrorKind.Conflict, refused.Kind);
        Assert.Contains("changed Biryani to 4", refused.Message);
        Assert.IsType<QuantityUpdated>(Assert.Single(RoomDecisions.Decide(room, Family, new UpdateQuantity(tea.LineId, 2, "omar", T0, ExpectedQuantity: 4))));
    }

    [Fact]
    public void Invite_links_are_for_members_for_a_bounded_time_issued_and_revoked_by_the_owner()
    {
        var room = Given(new ParticipantJoined(RoomId, "omar", T0));
        Assert.Contains("Only the owner", Refused(room, new IssueInvite("i1", "jade", T0.AddHours(1), "omar", T0)).Message);
        Assert.Contains("members of the circle", Refused(room, new IssueInvite("i1", "stranger", T0.AddHours(1), "layla", T0)).Message);
        Assert.Contains("between 5 minutes and 7 days", Refused(room, new IssueInvite("i1", "jade", T0.AddDays(8), "layla", T0)).Message);
        var issued = Assert.IsType<InviteIssued>(Assert.Single(RoomDecisions.Decide(room, Family, new IssueInvite("i1", "jade", T0.AddHours(1), "layla", T0))));

        var withLink = GroupRoom.Fold(room, issued, room.Version + 1)!;
        Assert.True(withLink.InviteList.Single().ValidAt(T0.AddMinutes(59)));
        Assert.False(withLink.InviteList.Single().ValidAt(T0.AddHours(1)));
        var revoked = GroupRoom.Fold(withLink, Assert.Single(RoomDecisions.Decide(withLink, Family, new RevokeInvite("i1", "layla", T0))), withLink.Version + 1)!;
        Assert.False(revoked.InviteList.Single().ValidAt(T0));
        Assert.Empty(RoomDecisions.Decide(revoked, Family, new RevokeInvite("i1", "layla", T0)));
    }

    [Fact]
    public void The_tip_is_the_owners_to_set_and_is_shared_like_the_other_charges()
    {
        var room = Given(new ParticipantJoined(RoomId, "omar", T0), Added("omar", 1000), Added("layla", 3000));
        Assert.Contains("Only the owner", Refused(room, new SetTip(500, "omar", T0)).Message);
        Assert.Contains("zero or more", Refused(room, new SetTip(-1, "layla", T0)).Message);
        var tipped = GroupRoom.Fold(room, Assert.Single(RoomDecisions.Decide(room, Family, new SetTip(400, "layla", T0))), room.Version + 1)!;
        var split = BillSplit.Split(tipped.Bill(), tipped.SplitMode());   // by item: the tip follows each guest's items, 1:3
        Assert.Equal(4400, split.Total.Minor);
        Assert.Equal([3300L, 1100L], split.Participants.Select(p => p.Total.Minor));   // layla, omar (ordinal order)
    }

    [Fact]
    public void After_the_deadline_quantities_only_go_down_and_a_retried_change_is_no_conflict()
    {
        var tea = Added("omar", 150);
        var room = Given(new ParticipantJoined(RoomId, "omar", T0), tea, new RoomLimitsSet(RoomId, null, T0.AddMinutes(10), T0));
        var late = T0.AddMinutes(11);
        Assert.Contains("only go down", Refused(room, new UpdateQuantity(tea.LineId, 2, "omar", late)).Message);
        var down = GroupRoom.Fold(room, new QuantityUpdated(RoomId, tea.LineId, 3, "omar", T0), room.Version + 1)!;
        Assert.IsType<QuantityUpdated>(Assert.Single(RoomDecisions.Decide(down, Family, new UpdateQuantity(tea.LineId, 1, "omar", late))));
        // The phone sent 1 → 3 and lost the answer; sending it again finds 3 already there: no change, no false conflict.
        Assert.Empty(RoomDecisions.Decide(down, Family, new UpdateQuantity(tea.LineId, 3, "omar", T0, ExpectedQuantity: 1)));
    }

    [Fact]
    public void One_order_per_person_needs_the_by_item_split_and_an_add_needs_a_real_key()
    {
        var room = Given(new ParticipantJoined(RoomId, "omar", T0), Added("omar", 150), new SplitChosen(RoomId, new RoomSplit(SplitKind.Equal), T0));
        Assert.Contains("choose the by-item split", Refused(room, new FinalizeRoom(true, "layla", T0)).Message);
        Assert.IsType<RoomFinalized>(Assert.Single(RoomDecisions.Decide(room, Family, new FinalizeRoom(false, "layla", T0))));
        Assert.Contains("not the empty one", Refused(room, new AddItem(Guid.Empty, Guid.NewGuid(), "Tea", 1, 100, "omar", T0)).Message);
    }
}
