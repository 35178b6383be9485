using Hospitality.Domain.Devices;

namespace Hospitality.Tests.Devices;

/// <summary>A machine folded from its registration and then <paramref name="more"/> events, for decision tests.</summary>
internal static class GivenMachine
{
    public static Device Registered(Guid id, DateTimeOffset at, params object[] more)
    {
        Device? device = null;
        object[] events = [new DeviceRegistered(id, "downtown", "Bar espresso", "EX-200", "SN-1", "hash", "Maya", at), .. more];
        for (var i = 0; i < events.Length; i++) device = Device.Fold(device, events[i], i + 1);
        return device!;
    }
}
