using Hospitality.Domain.Billing;
using Hospitality.Domain.Customers;
using Hospitality.Domain.Orders;

namespace Hospitality.Domain.GroupOrders;

/// <summary>
/// A room as every phone in it shows it (seed 001's <c>sync</c> message): who is in it and who is here right now, each
/// line with who added it, the split, and each person's share. Amounts are text in major units of <see cref="Currency"/>
/// ("12.50"), computed on the server in minor units; a guest's share here is exactly what the finalized order asks of them.
/// </summary>
/// <param name="SplitProblem">Why the chosen split cannot be sent yet (custom amounts that do not add up), or null.</param>
public sealed record RoomView(
    Guid Id, Guid CircleId, string CircleName, string LocationId, string LocationName, OrderType Type, string? Table, string OwnerId,
    string Currency, IReadOnlyList<RoomPerson> People, IReadOnlyList<RoomItem> Items, RoomSplitView Split, string Subtotal,
    IReadOnlyList<RoomCharge> Charges, string Total, string? PerPersonLimit, DateTimeOffset? Deadline, bool Finalized,
    IReadOnlyList<Guid> OrderIds, IReadOnlyList<RoomInviteView> Invites, string? SplitProblem, long Version);

/// <summary>A member of the circle as the room shows them.</summary>
/// <param name="InRoom">Joined the room (seed 001's participants).</param>
/// <param name="Present">Has the room open on a phone right now.</param>
/// <param name="Items">The total of the lines they added.</param>
/// <param name="Share">What they pay under the chosen split, charges included; "0.00" when nothing.</param>
/// <param name="Member">Still a member of the circle (someone removed from it keeps the items they added, but not the room).</param>
public sealed record RoomPerson(string CustomerId, string Name, bool IsOwner, bool InRoom, bool Present, string Items, string Share, bool Member = true);

public sealed record RoomItem(Guid Id, Guid DishId, string DishName, int Quantity, string UnitPrice, string Total, string AddedBy, string AddedByName);

/// <param name="Values">Shares (whole numbers) or custom amounts (major units) per person, as text.</param>
public sealed record RoomSplitView(SplitKind Kind, IReadOnlyDictionary<string, string> Values);

public sealed record RoomCharge(ChargeKind Kind, string Amount);

/// <summary>An invite link as the room lists it; the link itself is shown once, to whoever issued it.</summary>
public sealed record RoomInviteView(string Id, string CustomerId, DateTimeOffset ExpiresAt, bool Revoked);

/// <summary>Builds <see cref="RoomView"/> from the room, its circle's names, presence and the location's charges.</summary>
public static class RoomViews
{
    public const string FormerGuest = "A former guest";

    /// <summary>How a guest is named to the rest of their circle: first name and the initial of the last.</summary>
    public static string ShortName(CustomerProfile? guest) => guest is null or { Erased: true }
        ? FormerGuest
        : string.IsNullOrWhiteSpace(guest.LastName) ? guest.FirstName : $"{guest.FirstName} {guest.LastName.Trim()[0]}.";

    public static RoomView Of(GroupRoom room, string circleName, IReadOnlyList<string> memberIds, string locationName,
        IReadOnlyDictionary<string, string> names, IReadOnlySet<string> present, IReadOnlyList<OrderCharge> charges)
    {
        var currency = Billing.Currency.Of(room.Currency);
        string Text(long minor) => new Money(minor, currency).Amount();
        string Name(string id) => names.GetValueOrDefault(id, FormerGuest);
        var bill = room.Bill(charges);
        Dictionary<string, Money> shares = [];
        string? problem = null;
        try
        {
            if (room.Lines.Count > 0) shares = BillSplit.Split(bill, room.SplitMode()).Participants.ToDictionary(p => p.Participant, p => p.Total);
        }
        catch (DomainException e)
        {
            problem = e.Message;
        }

        var total = bill.Lines.Sum(l => l.Total.Minor) + bill.Charges.Sum(c => c.Amount.Minor);
        var people = memberIds.Concat(room.Payers).Distinct()
            .Select(id => new RoomPerson(id, Name(id), id == room.OwnerId, room.Participants.Contains(id), present.Contains(id),
                Text(room.SubtotalOf(id)), Text(shares.GetValueOrDefault(id).Minor), memberIds.Contains(id)))
            .OrderByDescending(p => p.IsOwner).ThenByDescending(p => p.InRoom).ThenBy(p => p.Name, StringComparer.CurrentCulture).ToList();
        var values = (room.Split.Values ?? new Dictionary<string, long>()).ToDictionary(v => v.Key,
            v => room.Split.Kind == SplitKind.Custom ? Text(v.Value) : v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new RoomView(room.Id, room.CircleId, circleName, room.LocationId, locationName, room.Type, room.Table, room.OwnerId, room.Currency,
            people, [.. room.Lines.Select(l => new RoomItem(l.Id, l.DishId, l.DishName, l.Quantity, Text(l.UnitPriceMinor), Text(l.TotalMinor), l.AddedBy, Name(l.AddedBy)))],
            new RoomSplitView(room.Split.Kind, values), Text(room.SubtotalMinor), [.. bill.Charges.Select(c => new RoomCharge(c.Kind, c.Amount.Amount()))],
            Text(total), room.PerPersonLimitMinor is { } limit ? Text(limit) : null, room.Deadline, room.Finalized, room.OrderIds ?? [],
            [.. room.InviteList.Select(i => new RoomInviteView(i.Id, i.CustomerId, i.ExpiresAt, i.Revoked))], problem, room.Version);
    }
}
