using Hospitality.Domain.Common;
using Hospitality.EventStore;

namespace Hospitality.Domain.Sessions;

internal static class Locations
{
    public static Task RequireAsync(IQuerySession session, string locationId, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(locationId) ? throw DomainException.Invalid("A location is required.") : Task.CompletedTask;
}
