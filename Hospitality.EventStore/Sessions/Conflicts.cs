namespace Hospitality.EventStore.Sessions;

/// <summary>The concurrency errors both implementations raise, worded the same way.</summary>
internal static class Conflicts
{
    public static ConcurrencyException StreamExists(Guid id, long actual) => new(
        $"Stream {id} cannot be started because it already exists at version {actual}.", "stream", id.ToString(), 0, actual);

    public static ConcurrencyException StreamVersion(Guid id, long expected, long actual) => new(
        actual == 0
            ? $"Stream {id} was expected at version {expected} but does not exist."
            : $"Stream {id} was expected at version {expected} but is at version {actual}.",
        "stream", id.ToString(), expected, actual);

    public static ConcurrencyException DocumentVersion(DocumentMapping mapping, string id, long expected, long actual) => new(
        (expected, actual) switch
        {
            (0, _) => $"Document {mapping.TypeName} '{id}' must be new but already exists at version {actual}.",
            (_, 0) => $"Document {mapping.TypeName} '{id}' was expected at version {expected} but does not exist.",
            _ => $"Document {mapping.TypeName} '{id}' was expected at version {expected} but is at version {actual}.",
        },
        "document", id, expected, actual);
}
