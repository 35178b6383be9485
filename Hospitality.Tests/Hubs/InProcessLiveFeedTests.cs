using Hospitality.Hubs.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hospitality.Tests.Hubs;

/// <summary>The live-feed specification against the single-server feed ("both servers" are one instance).</summary>
public sealed class InProcessLiveFeedTests : LiveFeedSpecification
{
    protected override Task<(ILiveFeed A, ILiveFeed B)> CreateServersAsync()
    {
        var single = new InProcessLiveFeed(NullLogger<InProcessLiveFeed>.Instance);
        return Task.FromResult<(ILiveFeed, ILiveFeed)>((single, single));
    }
}
