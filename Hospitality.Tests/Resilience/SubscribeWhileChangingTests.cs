using Hospitality.Domain.Common;
using Hospitality.Domain.Sessions;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Tests.Resilience;

/// <summary>
/// A screen (re)subscribing while the board changes: a change committed between Subscribe's read of the cards
/// and its joining of the location's group must still reach the screen, or it shows a stale card until that
/// session changes again (forever, for a quiet one). The host commits such a change exactly in that window.
/// </summary>
public sealed class SubscribeWhileChangingTests
{
    [Fact]
    public async Task A_change_committed_while_a_screen_subscribes_reaches_that_screen()
    {
        var window = new ChangeDuringBoardRead();
        await using var host = new HostChangingDuringBoardRead(window);
        var tenant = await host.SeedTenantAsync();
        var bar = tenant.Location("Bar").Id;
        var manager = await host.StaffAsync(tenant.Account(StaffRole.Manager));
        var token = await host.DisplayTokenAsync(manager, bar);
        var id = (Guid)(await SessionsCluster.StartAsync(manager, bar, "T1", ["Mint"]))["id"]!;

        window.Next = new ChangeSession(new Actor(tenant.Tenant.Id, "Bartender"), id, new RequestRefill(DateTimeOffset.UtcNow));
        await using var screen = await host.HubWithTokenAsync("/hubs/sessions", token);
        var board = await ScreenBoard.SubscribeAsync(screen, bar);
        Assert.Null(window.Next);   // the change was made inside Subscribe

        await board.CatchUpAsync(new Dictionary<string, long> { [id.ToString()] = 2 }, TimeSpan.FromSeconds(5));
        Assert.Equal(2, board.Versions[id.ToString()]);
    }

    /// <summary>Holds one command to send right after the next board read, before Subscribe goes on.</summary>
    private sealed class ChangeDuringBoardRead
    {
        public ChangeSession? Next;
    }

    private sealed class BoardReadThenChange(IDocumentStore store, IServiceProvider services, ChangeDuringBoardRead window)
        : IRequestHandler<GetBoard, IReadOnlyList<SessionCard>>
    {
        public async Task<IReadOnlyList<SessionCard>> Handle(GetBoard request, CancellationToken ct)
        {
            var cards = await new SessionQueryHandlers(store).Handle(request, ct);
            if (Interlocked.Exchange(ref window.Next, null) is { } change)
                await services.GetRequiredService<IMediator>().Send(change, ct);
            return cards;
        }
    }

    private sealed class HostChangingDuringBoardRead(ChangeDuringBoardRead window) : HospitalityHost(HostSetup.InMemory())
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddTransient<IRequestHandler<GetBoard, IReadOnlyList<SessionCard>>>(sp =>
                new BoardReadThenChange(sp.GetRequiredService<IDocumentStore>(), sp, window)));
        }
    }
}
