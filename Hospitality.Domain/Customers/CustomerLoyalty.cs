namespace Hospitality.Domain.Customers;

public enum LoyaltyTier { New, Bronze, Silver, Gold }

/// <summary>
/// Loyalty from what happened, not from a counter anyone could edit: visits are the guest's lounge sessions
/// (orders join them once they exist). Tiers by visit count.
/// </summary>
public sealed record CustomerLoyalty(int Visits, LoyaltyTier Tier, int? VisitsToNextTier, DateTimeOffset? LastVisitAt)
{
    public const int Bronze = 1, Silver = 5, Gold = 15;

    public static CustomerLoyalty From(int visits, DateTimeOffset? lastVisitAt)
    {
        var tier = visits >= Gold ? LoyaltyTier.Gold : visits >= Silver ? LoyaltyTier.Silver : visits >= Bronze ? LoyaltyTier.Bronze : LoyaltyTier.New;
        int? next = tier switch
        {
            LoyaltyTier.New => Bronze - visits,
            LoyaltyTier.Bronze => Silver - visits,
            LoyaltyTier.Silver => Gold - visits,
            _ => null,
        };
        return new CustomerLoyalty(visits, tier, next, lastVisitAt);
    }
}
