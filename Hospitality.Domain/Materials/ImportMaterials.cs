using Hospitality.Domain.Common;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Materials;

/// <summary>
/// A manager imports a CSV file of materials (<see cref="MaterialCsv"/>). Partial by design: every valid row is applied,
/// every invalid row is reported with its reason and changes nothing. <paramref name="DryRun"/> stores nothing and
/// reports what the import would do.
/// </summary>
public sealed record ImportMaterials(Actor Actor, byte[] File, bool DryRun = false) : IRequest<MaterialImportReport>;

/// <summary>
/// Reads the file, decides each row against the material its code names, and commits the rows in chunks of
/// <see cref="ChunkSize"/>, each chunk one transaction. When a chunk meets a concurrent change it is redone row by row,
/// each row in its own transaction from fresh state, so one contested row costs only itself.
/// </summary>
public sealed class ImportMaterialsHandler(IDocumentStore store, TimeProvider clock) : IRequestHandler<ImportMaterials, MaterialImportReport>
{
    public const int ChunkSize = 250;

    public async Task<MaterialImportReport> Handle(ImportMaterials request, CancellationToken ct)
    {
        var (actor, file, dryRun) = request;
        var rows = MaterialImport.Codes(MaterialCsv.Read(file));
        var now = clock.GetUtcNow();
        var report = new List<MaterialImportRow>(rows.Count);
        foreach (var chunk in rows.Chunk(ChunkSize))
        {
            var decisions = await DecideAsync(actor, chunk, now, ct);
            if (!dryRun && !await TryCommitAsync(actor, decisions, ct))
                decisions = await OneByOneAsync(actor, chunk, now, ct);
            report.AddRange(decisions.Select(d => d.Decision.Report));
        }
        return MaterialImportReport.Of(dryRun, report);
    }

    private sealed record Planned(MaterialImport.Decision Decision, Material? Current);

    private async Task<List<Planned>> DecideAsync(Actor actor, IEnumerable<(MaterialCsvRow Row, string? Code, string? Error)> rows, DateTimeOffset now, CancellationToken ct)
    {
        var list = rows.ToList();
        await using var session = store.QuerySession(actor.TenantId);
        var ids = list.Where(r => r.Code is not null).Select(r => Material.StreamId(actor.TenantId, r.Code!).ToString()).ToList();
        var current = (await session.LoadManyAsync<Material>(ids, ct)).ToDictionary(m => m.Code);
        return [.. list.Select(r => r.Code is null
            ? new Planned(MaterialImport.Refused(r.Row, r.Error!), null)
            : new Planned(MaterialImport.Decide(r.Row, r.Code, current.GetValueOrDefault(r.Code), Material.StreamId(actor.TenantId, r.Code), now),
                current.GetValueOrDefault(r.Code)))];
    }

    private async Task<bool> TryCommitAsync(Actor actor, IReadOnlyList<Planned> planned, CancellationToken ct)
    {
        var changes = planned.Where(p => p.Decision.Events.Length > 0).ToList();
        if (changes.Count == 0) return true;
        await using var session = store.Writing(actor);
        foreach (var (decision, current) in changes)
        {
            var id = Material.StreamId(actor.TenantId, decision.Code);
            if (current is null) session.Events.StartStream<Material>(id, decision.Events);
            else session.Events.Append(id, current.Version, decision.Events);
        }
        try
        {
            await session.SaveChangesAsync(ct);
            return true;
        }
        catch (ConcurrencyException)
        {
            return false;
        }
    }

    private async Task<List<Planned>> OneByOneAsync(Actor actor, IEnumerable<(MaterialCsvRow Row, string? Code, string? Error)> rows, DateTimeOffset now, CancellationToken ct)
    {
        var result = new List<Planned>();
        foreach (var row in rows)
        {
            var planned = (await DecideAsync(actor, [row], now, ct))[0];
            if (!await TryCommitAsync(actor, [planned], ct))
                planned = planned with { Decision = MaterialImport.Refused(row.Row, $"{row.Code} was changed by someone else during the import; import the file again.", row.Code) };
            result.Add(planned);
        }
        return result;
    }
}
