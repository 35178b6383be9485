using Hospitality.Domain.Common;
using MediatR;

namespace Hospitality.Domain.Devices;

/// <summary>PUT /devices/{id}/bins/{bin}, by a manager: sets up (or changes) a bin. <paramref name="ExpectedVersion"/>: see <see cref="DeviceBin"/>.</summary>
public sealed record ConfigureDeviceBin(Actor Actor, Guid DeviceId, string Bin, string? MaterialCode, long? Capacity, long? Threshold, long? ExpectedVersion)
    : IRequest<DeviceView>;

/// <summary>DELETE /devices/{id}/bins/{bin}, by a manager.</summary>
public sealed record RemoveDeviceBin(Actor Actor, Guid DeviceId, string Bin, long? ExpectedVersion) : IRequest<DeviceView>;

public sealed partial class DeviceHandlers : IRequestHandler<ConfigureDeviceBin, DeviceView>, IRequestHandler<RemoveDeviceBin, DeviceView>
{
    public async Task<DeviceView> Handle(ConfigureDeviceBin request, CancellationToken ct)
    {
        var capacity = request.Capacity ?? throw DomainException.Invalid("'capacity' is required.");
        var threshold = request.Threshold ?? throw DomainException.Invalid("'threshold' is required.");
        return DeviceView.Of(await ChangeAsync(request.Actor.TenantId, request.Actor.Name, request.DeviceId, request.Actor, d => DeviceDecisions.Decide(d,
            new ConfigureBin(request.Bin, request.MaterialCode, capacity, threshold, request.ExpectedVersion, request.Actor.Name, clock.GetUtcNow())), ct));
    }

    public async Task<DeviceView> Handle(RemoveDeviceBin request, CancellationToken ct) =>
        DeviceView.Of(await ChangeAsync(request.Actor.TenantId, request.Actor.Name, request.DeviceId, request.Actor, d => DeviceDecisions.Decide(d,
            new RemoveBin(request.Bin, request.ExpectedVersion, request.Actor.Name, clock.GetUtcNow())), ct));
}
