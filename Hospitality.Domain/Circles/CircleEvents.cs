namespace Hospitality.Domain.Circles;

// Circles name their members by guest id only: a guest's details stay in their own (sealed) stream, so erasing a guest
// needs nothing from here.

/// <summary>A guest started a family or friends circle, to order together (seed 001's createCircle).</summary>
public sealed record CircleCreated(Guid CircleId, string Name, CircleKind Kind, string OwnerId, DateTimeOffset At);

/// <summary>A guest joined the circle (seed 001's inviteToCircle / addCustomerToCircle).</summary>
public sealed record CircleMemberAdded(Guid CircleId, string CustomerId, DateTimeOffset At);

/// <summary>A member left or was removed (seed 001's removeMemberFromCircle). The owner never is.</summary>
public sealed record CircleMemberRemoved(Guid CircleId, string CustomerId, DateTimeOffset At);

/// <summary>Seed 001's two circle types.</summary>
public enum CircleKind { Family, Friends }
