using Hospitality.Domain;
using Hospitality.Domain.Common;
using Hospitality.Domain.Sessions;

namespace Hospitality.Tests.Sessions;

/// <summary>Given events, when a command, then events or a refusal. No database, no clock.</summary>
public class SessionDecisionTests
{
    private static readonly Guid Id = Guid.Parse("7b0d1c2e-0000-4000-8000-000000000001");
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 19, 0, 0, TimeSpan.Zero);

    private static HookahSession? Given(params object[] events) => events.Aggregate((HookahSession?)null, HookahSession.Fold);

    private static SessionStarted Started(params string[] flavors) =>
        new(Id, "loc-1", "4", flavors.Length == 0 ? ["Double Apple"] : flavors, null, T0);

    private static DomainException Refused(HookahSession? state, SessionCommand command) =>
        Assert.Throws<DomainException>(() => SessionDecisions.Decide(state, command));

    [Fact]
    public void Starting_a_session_records_its_table_flavors_and_customer()
    {
        var events = SessionDecisions.Decide(null, new StartSession(Id, "loc-1", " 4 ", ["  Double   Apple ", "Mint"], " c-1 ", T0));
        var started = Assert.IsType<SessionStarted>(Assert.Single(events));
        Assert.Equal("4", started.Table);
        Assert.Equal(["Double Apple", "Mint"], started.Flavors);
        Assert.Equal("c-1", started.CustomerId);   // the name is not in the event: erasure could not reach it there
    }

    [Theory]
    [InlineData("", "Mint", "A table is required")]
    [InlineData("4", "", "A flavor name is required")]
    public void Starting_without_a_table_or_flavor_is_refused_with_a_reason(string table, string flavor, string reason)
    {
        var error = Refused(null, new StartSession(Id, "loc-1", table, [flavor], null, T0));
        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.StartsWith(reason, error.Message);
    }

    [Fact]
    public void Starting_with_no_flavors_or_the_same_flavor_twice_is_refused()
    {
        Assert.Contains("at least one flavor", Refused(null, new StartSession(Id, "loc-1", "4", [], null, T0)).Message);
        Assert.Contains("only once", Refused(null, new StartSession(Id, "loc-1", "4", ["Mint", "mint"], null, T0)).Message);
    }

    [Fact]
    public void Requesting_a_refill_turns_the_session_to_needs_refill()
    {
        var state = Given(Started());
        var e = Assert.IsType<RefillRequested>(Assert.Single(SessionDecisions.Decide(state, new RequestRefill(T0.AddMinutes(20)))));
        Assert.Equal(SessionStatus.NeedsRefill, state!.Apply(e).Status);
    }

    [Fact]
    public void Completing_a_refill_returns_the_session_to_active_with_fresh_coal()
    {
        var state = Given(Started(), new CoalStatusUpdated(Id, CoalStatus.Low, T0), new RefillRequested(Id, T0));
        var e = Assert.Single(SessionDecisions.Decide(state, new CompleteRefill(T0.AddMinutes(25))));
        var after = state!.Apply(e);
        Assert.Equal((SessionStatus.Active, CoalStatus.Fresh, 1), (after.Status, after.Coal, after.Refills));
    }

    [Fact]
    public void Completing_a_refill_nobody_requested_is_refused_as_a_conflict()
    {
        var error = Refused(Given(Started()), new CompleteRefill(T0));
        Assert.Equal(DomainErrorKind.Conflict, error.Kind);
        Assert.Equal("No refill was requested for table 4, so there is none to complete.", error.Message);
    }

    [Fact]
    public void Requesting_a_second_refill_before_the_first_is_done_is_refused()
    {
        Assert.Equal(DomainErrorKind.Conflict, Refused(Given(Started(), new RefillRequested(Id, T0)), new RequestRefill(T0)).Kind);
    }

    [Fact]
    public void Adding_a_flavor_already_in_the_bowl_is_refused_whatever_its_case()
    {
        Assert.Contains("already in the bowl", Refused(Given(Started("Mint")), new AddFlavor(" MINT ", false, T0)).Message);
    }

    [Fact]
    public void A_custom_flavor_is_added_as_typed_and_marked_custom()
    {
        var e = Assert.IsType<FlavorAdded>(Assert.Single(SessionDecisions.Decide(Given(Started()), new AddFlavor("Rose  Petal", true, T0))));
        Assert.Equal(("Rose Petal", true), (e.Flavor, e.Custom));
    }

    [Fact]
    public void Updating_coal_to_its_current_status_is_refused_and_a_new_status_is_recorded()
    {
        var state = Given(Started());
        Assert.Equal(DomainErrorKind.Conflict, Refused(state, new UpdateCoalStatus(CoalStatus.Fresh, T0)).Kind);
        Assert.Equal(CoalStatus.Low, state!.Apply(Assert.Single(SessionDecisions.Decide(state, new UpdateCoalStatus(CoalStatus.Low, T0)))).Coal);
    }

    [Fact]
    public void An_ended_session_refuses_every_further_change()
    {
        var state = Given(Started(), new SessionEnded(Id, T0.AddHours(1)));
        foreach (SessionCommand command in new SessionCommand[] { new RequestRefill(T0), new AddFlavor("Mint", false, T0), new EndSession(T0) })
            Assert.Contains("has ended", Refused(state, command).Message);
    }

    [Fact]
    public void Changing_a_session_that_never_started_is_not_found()
    {
        Assert.Equal(DomainErrorKind.NotFound, Refused(null, new RequestRefill(T0)).Kind);
    }

    [Fact]
    public void The_card_timeline_shows_each_change_in_order_with_who_made_it()
    {
        var events = new object[] { Started("Mint"), new RefillRequested(Id, T0.AddMinutes(30)), new RefillCompleted(Id, T0.AddMinutes(33)) };
        SessionCard? card = null;
        for (var i = 0; i < events.Length; i++) card = SessionCardProjection.Apply(card, new TestEvent(events[i], i + 1, "Sam"));
        Assert.Equal(["Started with Mint", "Refill requested", "Refill completed"], card!.Timeline.Select(t => t.What));
        Assert.All(card.Timeline, t => Assert.Equal("Sam", t.By));
        Assert.Equal((3L, SessionStatus.Active, 1), (card.Version, card.Status, card.Refills));
        Assert.Equal(SessionCard.StaffCustomer, card.DisplayName);
    }
}
