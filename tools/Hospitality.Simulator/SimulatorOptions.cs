namespace Hospitality.Simulator;

/// <summary>How a virtual fleet behaves; the console command and the web app's demo both fill it in.</summary>
public sealed record SimulatorOptions
{
    /// <summary>How often each machine reports its status (and may make a sale).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a machine takes to carry out a command after acknowledging it.</summary>
    public TimeSpan CompleteAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Share (0–1) of commands that fail.</summary>
    public double FailShare { get; init; }

    /// <summary>Share (0–1) of the fleet silent (offline) at any moment, on average; each silence lasts <see cref="SilentFor"/>.</summary>
    public double OfflineShare { get; init; }

    public TimeSpan SilentFor { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Take commands over <c>/hubs/devices</c> (pushed at once); false polls <c>commands/take</c> every interval.</summary>
    public bool UseHub { get; init; } = true;

    /// <summary>After the hub fails, how long a machine polls over HTTP before trying the hub again.</summary>
    public TimeSpan HubRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Even with the hub, take commands this often in case a push was missed.</summary>
    public TimeSpan TakeAtLeastEvery { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The chance for a speaking machine to fall silent at one tick, so that about <see cref="OfflineShare"/> are silent.</summary>
    public double SilenceChancePerTick
    {
        get
        {
            if (OfflineShare <= 0) return 0;
            if (OfflineShare >= 1) return 1;
            var silentTicks = Math.Max(1, SilentFor / Interval);
            return Math.Min(1, OfflineShare / ((1 - OfflineShare) * silentTicks));
        }
    }
}
