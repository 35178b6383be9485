namespace Hospitality.Domain.Materials;

/// <summary>What became of one row of an import.</summary>
public enum MaterialImportOutcome { Created, Updated, Unchanged, Error }

/// <summary>One line of the import report. <paramref name="Row"/> as a spreadsheet numbers it (header = 1); <paramref name="Line"/> in the text.</summary>
/// <param name="Error">Why the row changed nothing, in the decisions' own words; null unless <paramref name="Outcome"/> is Error.</param>
public sealed record MaterialImportRow(int Row, int Line, string Code, MaterialImportOutcome Outcome, string? Error = null);

/// <summary>
/// The answer to an import: every data row with its outcome, and the counts. <paramref name="DryRun"/>: nothing was
/// stored; the outcomes say what an import of the same file would do now.
/// </summary>
public sealed record MaterialImportReport(bool DryRun, int Created, int Updated, int Unchanged, int Errors, IReadOnlyList<MaterialImportRow> Rows)
{
    public static MaterialImportReport Of(bool dryRun, IReadOnlyList<MaterialImportRow> rows) => new(dryRun,
        rows.Count(r => r.Outcome == MaterialImportOutcome.Created), rows.Count(r => r.Outcome == MaterialImportOutcome.Updated),
        rows.Count(r => r.Outcome == MaterialImportOutcome.Unchanged), rows.Count(r => r.Outcome == MaterialImportOutcome.Error), rows);
}

/// <summary>
/// Pure decisions of an import, row by row, with the same decisions as the form and the API: a row creates the material
/// its code names, or changes it, or finds it as the row says already. A refused row yields no events.
/// </summary>
public static class MaterialImport
{
    /// <summary>One row's outcome and the events that carry it out (none for unchanged and error rows).</summary>
    public sealed record Decision(MaterialImportRow Report, string Code, object[] Events);

    /// <summary>Normalizes the codes and refuses a code a second time in one file (which row should win would be a guess).</summary>
    public static IReadOnlyList<(MaterialCsvRow Row, string? Code, string? Error)> Codes(IReadOnlyList<MaterialCsvRow> rows)
    {
        var firstRow = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<(MaterialCsvRow, string?, string?)>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Error is not null) { result.Add((row, null, row.Error)); continue; }
            string code;
            try
            {
                code = MaterialCodes.Normalize(row.Code);
            }
            catch (DomainException e)
            {
                result.Add((row, null, e.Message));
                continue;
            }
            if (firstRow.TryGetValue(code, out var first)) result.Add((row, null, $"The code {code} is already on row {first} of this file."));
            else
            {
                firstRow[code] = row.Row;
                result.Add((row, code, null));
            }
        }
        return result;
    }

    /// <param name="code">The row's normalized code, from <see cref="Codes"/>.</param>
    /// <param name="current">The material with that code now, or null.</param>
    public static Decision Decide(MaterialCsvRow row, string code, Material? current, Guid materialId, DateTimeOffset at)
    {
        try
        {
            var input = MaterialCsv.ToInput(row, current);
            var events = current is null
                ? MaterialDecisions.Decide(null, new CreateMaterialCommand(materialId, code, input, at))
                : MaterialDecisions.Decide(current, new ChangeMaterialCommand(input, null, at));
            var outcome = current is null ? MaterialImportOutcome.Created : events.Length == 0 ? MaterialImportOutcome.Unchanged : MaterialImportOutcome.Updated;
            return new Decision(new MaterialImportRow(row.Row, row.Line, code, outcome), code, events);
        }
        catch (DomainException e)
        {
            return Refused(row, e.Message, code);
        }
    }

    public static Decision Refused(MaterialCsvRow row, string error, string? code = null) =>
        new(new MaterialImportRow(row.Row, row.Line, code ?? row.Code, MaterialImportOutcome.Error, error), code ?? row.Code, []);
}
