using Hospitality.Hubs.Backplane;

namespace Hospitality.Tests.Hubs;

public sealed class RedisHubChannelsTests
{
    [Fact]
    public void A_user_channel_is_logged_without_the_user_id()
    {
        var channels = new RedisHubChannels("hospitality", "Venue.Hub");

        Assert.Equal("hospitality:Venue.Hub:user:***", RedisHubChannels.ForLog(channels.User("+4915112345678")));
        Assert.Equal("hospitality:Venue.Hub:group:table-4", RedisHubChannels.ForLog(channels.Group("table-4")));
    }
}
