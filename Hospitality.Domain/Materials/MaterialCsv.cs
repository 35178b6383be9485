using System.Globalization;
using Hospitality.Domain.Common;

namespace Hospitality.Domain.Materials;

/// <summary>One data row of a materials file. <paramref name="Row"/> counts as a spreadsheet does: the header is row 1.</summary>
/// <param name="Cells">By column name (lower-case); only the file's columns are present.</param>
/// <param name="Error">Why the row cannot be read at all (bad quoting, wrong number of fields).</param>
public sealed record MaterialCsvRow(int Row, int Line, string Code, IReadOnlyDictionary<string, string> Cells, string? Error = null);

/// <summary>
/// The materials CSV format. A header row is required; columns in any order, names case-insensitive:
/// <c>code</c>, <c>name</c> and <c>unit</c> (required), <c>category</c>, <c>capacity</c> and <c>threshold</c> (whole numbers in
/// the unit), and any number of <c>spec:KEY</c> columns. A column left out of the file keeps a material's current value
/// (a new material gets the default: empty, 0, no specs); an empty cell clears it. When the file has spec columns, a
/// row's specs are exactly its non-empty spec cells. Unknown or repeated columns refuse the whole file, so a typo in the
/// header ("capcity") is never read as "clear every capacity".
/// </summary>
public static class MaterialCsv
{
    public const int MaxBytes = 1024 * 1024, MaxRows = 5_000;
    public const string SpecPrefix = "spec:";
    private static readonly string[] Required = ["code", "name", "unit"];
    private static readonly string[] Optional = ["category", "capacity", "threshold"];

    /// <summary>The example header shown to operators.</summary>
    public const string ExampleHeader = "code,name,unit,category,capacity,threshold,spec:origin";

    /// <summary>The data rows of a file (blank rows left out), or a refusal of the whole file saying what is wrong.</summary>
    public static IReadOnlyList<MaterialCsvRow> Read(ReadOnlySpan<byte> file)
    {
        if (file.Length > MaxBytes) throw DomainException.Invalid($"The file is larger than {MaxBytes / 1024 / 1024} MB; split it into smaller files.");
        var records = Csv.Read(Csv.DecodeUtf8(file)).GetEnumerator();
        CsvRecord? header = null;
        var row = 0;   // every record counts, blank ones too, so the numbers match the spreadsheet's
        while (header is null && records.MoveNext())
        {
            row++;
            if (!records.Current.IsBlank) header = records.Current;
        }
        if (header is null) throw DomainException.Invalid($"The file is empty. Start it with a header row, such as: {ExampleHeader}");
        if (header.Error is not null) throw DomainException.Invalid($"The header row cannot be read: {header.Error}");
        var columns = Columns(header.Fields);

        var rows = new List<MaterialCsvRow>();
        while (records.MoveNext())
        {
            var record = records.Current;
            row++;
            if (record.IsBlank) continue;
            if (rows.Count == MaxRows) throw DomainException.Invalid($"The file has more than {MaxRows:N0} rows; split it into smaller files.");
            var code = columns.IndexOf("code") is var at && at < record.Fields.Count ? record.Fields[at].Trim() : "";
            var error = record.Error ?? (record.Fields.Count != columns.Count
                ? $"The row has {record.Fields.Count} fields, the header has {columns.Count}."
                : null);
            var cells = error is null ? columns.Zip(record.Fields).ToDictionary(p => p.First, p => p.Second) : new Dictionary<string, string>();
            rows.Add(new MaterialCsvRow(row, record.Line, code, cells, error));
        }
        return rows;
    }

    private static List<string> Columns(IReadOnlyList<string> fields)
    {
        var columns = fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        foreach (var column in columns)
        {
            if (column.Length == 0) throw DomainException.Invalid("The header has an empty column name.");
            if (!Required.Contains(column) && !Optional.Contains(column) && !(column.StartsWith(SpecPrefix) && column.Length > SpecPrefix.Length))
                throw DomainException.Invalid(
                    $"The header has an unknown column \u201c{column}\u201d. Columns are: {string.Join(", ", [.. Required, .. Optional])} and spec:NAME (e.g. {ExampleHeader}).");
        }
        var repeated = columns.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw DomainException.Invalid($"The header names the column \u201c{repeated.Key}\u201d twice.");
        var missing = Required.Where(r => !columns.Contains(r)).ToList();
        if (missing.Count > 0) throw DomainException.Invalid($"The header lacks the column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} (e.g. {ExampleHeader}).");
        return columns;
    }

    /// <summary>What the row says the material should be; columns the file lacks keep <paramref name="current"/>'s values.</summary>
    public static MaterialInput ToInput(MaterialCsvRow row, Material? current)
    {
        var cells = row.Cells;
        string? Cell(string column, string? otherwise) => cells.TryGetValue(column, out var value) ? value : otherwise;
        var specColumns = cells.Keys.Where(k => k.StartsWith(SpecPrefix)).ToList();
        var specs = specColumns.Count == 0
            ? current?.Specs
            : specColumns.Select(k => new MaterialSpec(k[SpecPrefix.Length..], cells[k])).ToList();
        return new MaterialInput(row.Code, Cell("name", current?.Name), Cell("unit", current is null ? null : MaterialUnits.Name(current.Unit)),
            Cell("category", current?.Category),
            Number(cells, "capacity", current?.DefaultCapacity), Number(cells, "threshold", current?.LowStockThreshold), specs);
    }

    private static long? Number(IReadOnlyDictionary<string, string> cells, string column, long? otherwise)
    {
        if (!cells.TryGetValue(column, out var text)) return otherwise;
        if (string.IsNullOrWhiteSpace(text)) return null;
        return long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw DomainException.Invalid($"The {column} \u201c{text.Trim()}\u201d is not a whole number (write 1000, without separators or decimals).");
    }
}
