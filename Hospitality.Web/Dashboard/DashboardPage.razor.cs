using System.Globalization;
using Hospitality.Domain;
using Hospitality.Domain.Alarms;
using Hospitality.Domain.Common;
using Hospitality.Domain.Dashboard;
using Hospitality.Domain.Tenancy;
using Hospitality.Hubs.Alarms;
using Hospitality.Hubs.Devices;
using Hospitality.Hubs.GroupOrders;
using Hospitality.Hubs.Live;
using Hospitality.Hubs.MachineOrders;
using Hospitality.Hubs.Orders;
using Hospitality.Hubs.Sessions;
using MediatR;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Hospitality.Web.Dashboard;

/// <summary>
/// The dashboard's reading and its live updates. Each live-feed topic marks the parts of the summary it can change; marked
/// parts are read again together, at most once per <see cref="MinRefreshInterval"/>, so a fleet reporting every few seconds
/// costs one read a second, not one per report. Remote commands are not followed: a failed one raises an alarm, which is.
/// </summary>
public partial class DashboardPage
{
    /// <summary>The least time between two reads a page makes because of pushes.</summary>
    public static readonly TimeSpan MinRefreshInterval = TimeSpan.FromSeconds(1);

    [Inject] private IMediator Mediator { get; set; } = default!;
    [Inject] private ILiveFeed Feed { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private readonly List<IDisposable> subscriptions = [];
    private readonly CancellationTokenSource closing = new();
    private Actor actor = new("", "");
    private IReadOnlyList<Location> locations = [];
    private string locationId = "";
    private string rangeChoice = "7";
    private DateOnly? customFrom, customTo;
    private DashboardSummary? summary;
    private IReadOnlyList<DayPoint> days = [];
    private IReadOnlyList<(string Currency, IReadOnlyList<RevenuePoint> Points)> revenueByCurrency = [];
    private string? error;
    private bool live;
    private int refreshes;
    private DashboardParts dirty;
    private bool refreshScheduled;
    private DateTimeOffset lastRead = DateTimeOffset.MinValue;

    /// <summary>The locations the figures are of: the one chosen, or all.</summary>
    private IReadOnlyList<Location> Shown => locationId is { Length: > 0 } ? [.. locations.Where(l => l.Id == locationId)] : locations;

    private string BoardLink => $"/locations/{(locationId is { Length: > 0 } ? locationId : locations.FirstOrDefault()?.Id)}/board";

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState).User.ToActor() ?? throw new InvalidOperationException("The dashboard needs a signed-in tenant user.");
        locations = [.. (await Mediator.Send(new ListLocations(actor))).Where(l => actor.CanReach(l.Id))];
        locationId = actor.LocationId ?? "";
        var today = DashboardDays.Today(Shown, Clock.GetUtcNow());
        (customFrom, customTo) = (today.AddDays(-6), today);
        await ReadAsync(DashboardParts.All);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        foreach (var location in locations)
        {
            Follow(SessionTopics.Board(actor.TenantId, location.Id), DashboardParts.Sessions, location.Id);
            Follow(OrderPublisher.Topic(actor.TenantId, location.Id), DashboardParts.Sales, location.Id);
        }
        Follow(MachineOrderPublisher.Topic(actor.TenantId), DashboardParts.Sales);
        Follow(RoomTopics.Openings(actor.TenantId), DashboardParts.Rooms);
        Follow(DeviceTopics.Feed(actor.TenantId), DashboardParts.Fleet);
        Follow(AlarmTopics.Feed(actor.TenantId), DashboardParts.Alarms);
        await ReadAsync(DashboardParts.All);   // whatever changed between the first read and the subscriptions
        live = true;
        StateHasChanged();
    }

    /// <summary>Marks <paramref name="parts"/> on every push of <paramref name="topic"/> (all parts on a resync: pushes may be lost).</summary>
    private void Follow(string topic, DashboardParts parts, string? onlyFor = null) =>
        subscriptions.Add(Feed.Subscribe(topic, update => InvokeAsync(() =>
        {
            // A location's push changes nothing while another location is shown.
            if (onlyFor is not null && locationId is { Length: > 0 } shown && shown != onlyFor) return;
            Mark(update.IsResync ? DashboardParts.All : parts);
        })));

    private void Mark(DashboardParts parts)
    {
        dirty |= parts;
        if (refreshScheduled || closing.IsCancellationRequested) return;
        refreshScheduled = true;
        _ = RefreshSoonAsync();
    }

    private async Task RefreshSoonAsync()
    {
        try
        {
            var wait = lastRead + MinRefreshInterval - Clock.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, Clock, closing.Token);
            await InvokeAsync(async () =>
            {
                var parts = dirty;
                (dirty, refreshScheduled) = (DashboardParts.None, false);
                await ReadAsync(parts);
                StateHasChanged();
            });
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    }

    private Task ReloadAsync() => ReadAsync(DashboardParts.All);

    /// <summary>Reads <paramref name="parts"/> and keeps the other parts as they were.</summary>
    private async Task ReadAsync(DashboardParts parts)
    {
        lastRead = Clock.GetUtcNow();
        refreshes++;
        try
        {
            var today = DashboardDays.Today(Shown, lastRead);
            var (from, to) = rangeChoice == "custom" ? (customFrom ?? today, customTo ?? today) : (today.AddDays(1 - int.Parse(rangeChoice, CultureInfo.InvariantCulture)), today);
            var location = locationId is { Length: > 0 } ? locationId : null;
            // A new range or location makes every part stale.
            if (summary is null || summary.From != from || summary.To != to || summary.LocationId != location) parts = DashboardParts.All;
            var read = await Mediator.Send(new GetDashboardSummary(actor, from, to, location, parts));
            summary = summary is null || parts == DashboardParts.All ? read : summary with
            {
                At = read.At, Today = read.Today,
                Sessions = read.Sessions ?? summary.Sessions, Rooms = read.Rooms ?? summary.Rooms, Sales = read.Sales ?? summary.Sales,
                Fleet = read.Fleet ?? summary.Fleet, Alarms = read.Alarms ?? summary.Alarms,
            };
            (days, revenueByCurrency) = (DayPoint.Of(summary), RevenuePoint.Of(summary));
            error = null;
        }
        catch (DomainException e)
        {
            error = e.Message;
        }
    }

    private static string KindName(AlarmKind kind) => kind switch
    {
        AlarmKind.DeviceOffline => "offline",
        AlarmKind.TemperatureOutOfRange => "temperature",
        AlarmKind.LowStock => "low stock",
        _ => "command failed",
    };

    public void Dispose()
    {
        // Not disposed: a refresh already waiting still reads its token, and finds it cancelled.
        closing.Cancel();
        foreach (var subscription in subscriptions) subscription.Dispose();
        GC.SuppressFinalize(this);
    }
}
