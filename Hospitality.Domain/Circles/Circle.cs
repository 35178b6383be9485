namespace Hospitality.Domain.Circles;

/// <summary>
/// A circle as decisions and screens see it, folded from its events and kept as a document by an inline projection:
/// the owner is always a member, and members are guest ids.
/// </summary>
public sealed record Circle(Guid Id, string Name, CircleKind Kind, string OwnerId, IReadOnlyList<string> MemberIds, DateTimeOffset CreatedAt, long Version)
{
    public const int MaxNameLength = 60, MaxMembers = 50;

    public bool IsMember(string customerId) => MemberIds.Contains(customerId);

    public static Circle? Fold(Circle? circle, object e, long version) => (circle, e) switch
    {
        (null, CircleCreated c) => new Circle(c.CircleId, c.Name, c.Kind, c.OwnerId, [c.OwnerId], c.At, version),
        (null, _) => null,
        (_, CircleMemberAdded a) => circle with { MemberIds = [.. circle.MemberIds, a.CustomerId], Version = version },
        (_, CircleMemberRemoved r) => circle with { MemberIds = [.. circle.MemberIds.Where(m => m != r.CustomerId)], Version = version },
        _ => circle with { Version = version },
    };
}

public abstract record CircleCommand(DateTimeOffset At);
public sealed record CreateCircleCommand(Guid CircleId, string? Name, CircleKind Kind, string OwnerId, DateTimeOffset At) : CircleCommand(At);
public sealed record AddMember(string CustomerId, DateTimeOffset At) : CircleCommand(At);
public sealed record RemoveMember(string CustomerId, DateTimeOffset At) : CircleCommand(At);

/// <summary>Pure decisions about a circle, refusing in sentences a guest or staff member can read.</summary>
public static class CircleDecisions
{
    public static object[] Decide(Circle? circle, CircleCommand command)
    {
        if (command is CreateCircleCommand create)
        {
            if (circle is not null) throw DomainException.Conflict("That circle exists already.");
            var name = string.Join(' ', (create.Name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (name.Length == 0) throw DomainException.Invalid("A circle needs a name, such as \"The Haddads\" or \"Friday crew\".");
            if (name.Length > Circle.MaxNameLength) throw DomainException.Invalid($"A circle's name can be at most {Circle.MaxNameLength} characters.");
            return [new CircleCreated(create.CircleId, name, create.Kind, create.OwnerId, create.At)];
        }

        if (circle is null) throw DomainException.NotFound("No such circle.");
        return command switch
        {
            AddMember a when circle.IsMember(a.CustomerId) => throw DomainException.Conflict("That guest is already in the circle."),
            AddMember when circle.MemberIds.Count >= Circle.MaxMembers =>
                throw DomainException.Conflict($"A circle holds at most {Circle.MaxMembers} members."),
            AddMember a => [new CircleMemberAdded(circle.Id, a.CustomerId, a.At)],
            RemoveMember r when r.CustomerId == circle.OwnerId =>
                throw DomainException.Conflict("The owner cannot be removed from their own circle."),
            RemoveMember r when !circle.IsMember(r.CustomerId) => throw DomainException.NotFound("That guest is not in the circle."),
            RemoveMember r => [new CircleMemberRemoved(circle.Id, r.CustomerId, r.At)],
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown circle command."),
        };
    }
}
