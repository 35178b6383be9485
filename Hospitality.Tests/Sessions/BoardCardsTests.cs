using Hospitality.Domain.Sessions;
using Hospitality.Hubs.Sessions;

namespace Hospitality.Tests.Sessions;

public class BoardCardsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 19, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid();

    private static SessionCard Card(long version, SessionStatus status = SessionStatus.Active) =>
        new(Id, "loc", "4", status, CoalStatus.Fresh, ["Mint"], null, null, T0, null, T0, 0, version, []);

    [Fact]
    public void A_change_one_version_ahead_is_applied_without_a_refetch()
    {
        var board = new BoardCards();
        board.Reset([Card(1)]);
        Assert.True(board.Apply(Card(2, SessionStatus.NeedsRefill)));
        Assert.Equal(SessionStatus.NeedsRefill, Assert.Single(board.Live).Status);
    }

    [Fact]
    public void A_change_that_skips_a_version_asks_for_a_refetch()
    {
        var board = new BoardCards();
        board.Reset([Card(1)]);
        Assert.False(board.Apply(Card(3)));
    }

    [Fact]
    public void An_older_or_repeated_change_is_ignored()
    {
        var board = new BoardCards();
        board.Reset([Card(3, SessionStatus.NeedsRefill)]);
        Assert.True(board.Apply(Card(2)));
        Assert.Equal(SessionStatus.NeedsRefill, Assert.Single(board.Live).Status);
    }

    [Fact]
    public void An_ended_session_leaves_the_board_and_a_late_change_does_not_bring_it_back()
    {
        var board = new BoardCards();
        board.Reset([Card(1)]);
        board.Apply(Card(2, SessionStatus.Ended));
        board.Apply(Card(2));
        Assert.Empty(board.Live);
    }
}
