using Hospitality.Domain;
using Hospitality.Domain.Circles;

namespace Hospitality.Tests.Circles;

/// <summary>Given a circle's events, when a command, then events or a readable refusal.</summary>
public class CircleDecisionTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 19, 0, 0, TimeSpan.Zero);

    private static Circle Given(params object[] more)
    {
        Circle? circle = null;
        object[] events = [new CircleCreated(Id, "The Haddads", CircleKind.Family, "layla", T0), .. more];
        for (var i = 0; i < events.Length; i++) circle = Circle.Fold(circle, events[i], i + 1);
        return circle!;
    }

    private static DomainException Refused(Circle? circle, CircleCommand command) =>
        Assert.Throws<DomainException>(() => CircleDecisions.Decide(circle, command));

    [Fact]
    public void A_new_circle_has_its_owner_as_its_first_member()
    {
        var created = Assert.IsType<CircleCreated>(Assert.Single(CircleDecisions.Decide(null, new CreateCircleCommand(Id, "  The   Haddads ", CircleKind.Family, "layla", T0))));
        Assert.Equal("The Haddads", created.Name);
        Assert.Equal(["layla"], Circle.Fold(null, created, 1)!.MemberIds);
    }

    [Theory]
    [InlineData("", "needs a name")]
    [InlineData("   ", "needs a name")]
    public void A_circle_without_a_name_is_refused(string name, string expected) =>
        Assert.Contains(expected, Refused(null, new CreateCircleCommand(Id, name, CircleKind.Friends, "layla", T0)).Message);

    [Fact]
    public void The_owner_is_never_removed_and_a_member_is_not_added_twice()
    {
        var circle = Given(new CircleMemberAdded(Id, "omar", T0));
        Assert.Contains("owner cannot be removed", Refused(circle, new RemoveMember("layla", T0)).Message);
        Assert.Contains("already in the circle", Refused(circle, new AddMember("omar", T0)).Message);
        Assert.Equal(DomainErrorKind.NotFound, Refused(circle, new RemoveMember("jade", T0)).Kind);
        Assert.IsType<CircleMemberRemoved>(Assert.Single(CircleDecisions.Decide(circle, new RemoveMember("omar", T0))));
    }

    [Fact]
    public void A_circle_holds_at_most_fifty_members()
    {
        var full = Given([.. Enumerable.Range(1, Circle.MaxMembers - 1).Select(i => (object)new CircleMemberAdded(Id, $"guest-{i}", T0))]);
        Assert.Contains($"at most {Circle.MaxMembers}", Refused(full, new AddMember("one-more", T0)).Message);
    }
}
