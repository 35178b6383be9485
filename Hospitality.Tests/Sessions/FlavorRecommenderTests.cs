using Hospitality.Domain.Sessions;

namespace Hospitality.Tests.Sessions;

/// <summary>A recommendation comes from the guest's taste and what similar guests choose, with a reason staff can say.</summary>
public class FlavorRecommenderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 18, 0, 0, TimeSpan.Zero);

    private static SessionCard Card(string? customer, params string[] flavors) =>
        new(Guid.NewGuid(), "bar", "1", SessionStatus.Ended, CoalStatus.Fresh, flavors, customer, null, T0, T0, T0, 0, 1, []);

    private static readonly MixUsage[] Local = [new("Double Apple + Mint", ["Double Apple", "Mint"], 9), new("Grape + Mint", ["Grape", "Mint"], 4)];

    [Fact]
    public void A_guest_gets_what_guests_with_similar_taste_choose_and_why()
    {
        var business = new[]
        {
            Card("ana", "Blueberry", "Mint"), Card("ana", "Blueberry", "Lemon"),
            Card("ben", "Blueberry", "Lemon"), Card("ben", "Blueberry", "Mint"),
            Card("cem", "Love 66", "Gum"),   // nothing in common: not similar
            Card("cem", "Love 66", "Gum"),
        };

        var recommendation = FlavorRecommender.Recommend(["Blueberry"], [Card("me", "Blueberry", "Mint")], "me", business, Local)!;

        Assert.Equal("Blueberry + Lemon", recommendation.Mix);   // not the mix the guest just had
        Assert.Equal("Guests who also like Blueberry often choose it (2 of them).", recommendation.Reason);
    }

    [Fact]
    public void Without_similar_guests_a_popular_local_mix_with_a_favorite_is_offered()
    {
        var recommendation = FlavorRecommender.Recommend(["Grape"], [], "me", [Card("cem", "Love 66", "Gum")], Local)!;
        Assert.Equal(("Grape + Mint", "Has Grape, one of their favorites, and is popular here (4 sessions)."), (recommendation.Mix, recommendation.Reason));
    }

    [Fact]
    public void A_walk_in_gets_the_most_popular_mix_here_and_an_empty_lounge_gets_nothing()
    {
        Assert.Equal("The most popular mix here lately (9 sessions).", FlavorRecommender.Recommend([], [], null, [], Local)!.Reason);
        Assert.Null(FlavorRecommender.Recommend([], [], null, [], []));
    }
}
