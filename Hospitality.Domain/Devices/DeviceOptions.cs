namespace Hospitality.Domain.Devices;

/// <summary>
/// How every server watches the fleet (<c>Devices</c> in configuration): when a machine counts as offline, how often the
/// heartbeat check runs, and the fleet sweep's round and window. Several servers doing either at once is harmless.
/// </summary>
public sealed class DeviceOptions
{
    public const string Section = "Devices";

    /// <summary>A machine not heard from for this long is offline (machines report every 30 s).</summary>
    public TimeSpan OfflineAfter { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How often each server looks for silent machines.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each server runs the <see cref="FleetSweep"/>.</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How far back the sweep looks for finished commands whose effect may be missing: a lost effect is repaired within a
    /// round, so this only has to outlast every server being down at once.
    /// </summary>
    public TimeSpan SweepWithin { get; set; } = TimeSpan.FromHours(24);
}
