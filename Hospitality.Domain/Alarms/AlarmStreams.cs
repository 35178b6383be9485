using Hospitality.Domain.Common;

namespace Hospitality.Domain.Alarms;

/// <summary>Names an alarm's condition and derives each occurrence's stream id from it, so every server computes the same id.</summary>
public static class AlarmStreams
{
    private static readonly Guid Namespace = new("6f1c1d2e-4b8a-5c3e-9a71-0d5b2f8e7a10");

    /// <summary>The condition across occurrences: machine, kind and subject.</summary>
    public static string Condition(Guid deviceId, AlarmKind kind, string subject) => $"{deviceId:N}/{kind}/{subject}";

    /// <summary>The stream of the <paramref name="occurrence"/>-th alarm of a condition in a tenant.</summary>
    public static Guid Id(string tenantId, Guid deviceId, AlarmKind kind, string subject, int occurrence) =>
        NameBasedGuid.Create(Namespace, $"{tenantId}/{Condition(deviceId, kind, subject)}/{occurrence}");
}
