using Hospitality.EventStore;

namespace Hospitality.Domain.GroupOrders;

/// <summary>What group-order rooms register with the store: their events and how a room folds from them.</summary>
public static class GroupOrdersModule
{
    public static void Configure(StoreOptions options)
    {
        options.Events
            .Add<RoomOpened>().Add<ParticipantJoined>().Add<ParticipantLeft>().Add<ItemAdded>().Add<ItemRemoved>()
            .Add<QuantityUpdated>().Add<SplitChosen>().Add<RoomLimitsSet>().Add<RoomFinalized>();
        options.Projections.LiveStreamAggregation<GroupRoom>((state, e) => GroupRoom.Fold(state, e.Data, e.Version));
    }
}
