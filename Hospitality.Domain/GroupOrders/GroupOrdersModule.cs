using Hospitality.EventStore;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Domain.GroupOrders;

/// <summary>What group-order rooms register with the store and the container. Explicit, no scanning.</summary>
public static class GroupOrdersModule
{
    public static void Configure(StoreOptions options)
    {
        Type[] events = [typeof(RoomOpened), typeof(ParticipantJoined), typeof(ParticipantLeft), typeof(ItemAdded), typeof(ItemRemoved),
            typeof(QuantityUpdated), typeof(SplitChosen), typeof(RoomLimitsSet), typeof(RoomTipSet), typeof(RoomFinalized),
            typeof(InviteIssued), typeof(InviteRevoked)];
        options.Events.Add<RoomOpened>().Add<ParticipantJoined>().Add<ParticipantLeft>().Add<ItemAdded>().Add<ItemRemoved>()
            .Add<QuantityUpdated>().Add<SplitChosen>().Add<RoomLimitsSet>().Add<RoomTipSet>().Add<RoomFinalized>()
            .Add<InviteIssued>().Add<InviteRevoked>();
        options.Schema.For<GroupRoom>(r => r.Id);
        options.Schema.For<RoomPresenceEntry>(e => e.Id);
        options.Projections.InlineSnapshot<GroupRoom>("group_rooms", (state, e) => GroupRoom.Fold(state, e.Data, e.Version), events);
    }

    public static IServiceCollection AddGroupOrders(this IServiceCollection services)
    {
        services.AddSingleton<RoomPresence>();
        services.AddSingleton<IRoomPresence>(sp => sp.GetRequiredService<RoomPresence>());
        services.AddTransient<IRequestHandler<ActInRoom, RoomView>, RoomHandlers>();
        services.AddTransient<IRequestHandler<GetRoomAsGuest, RoomView>, RoomHandlers>();
        services.AddTransient<IRequestHandler<InviteFromRoom, RoomInviteIssued>, RoomHandlers>();
        services.AddTransient<IRequestHandler<StartRoom, RoomInviteIssued>, RoomHandlers>();
        services.AddTransient<IRequestHandler<GetRoom, RoomView>, RoomHandlers>();
        services.AddTransient<IRequestHandler<InviteToRoom, RoomInviteIssued>, RoomHandlers>();
        services.AddTransient<IRequestHandler<RevokeRoomInvite, RoomView>, RoomHandlers>();
        services.AddTransient<IRequestHandler<GetRoomOrders, IReadOnlyList<Orders.Order>>, RoomOrders>();
        return services;
    }
}
