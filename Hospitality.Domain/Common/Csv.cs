using System.Text;

namespace Hospitality.Domain.Common;

/// <summary>One record of a CSV file. <paramref name="Line"/>: the text line it starts on (a quoted field may span lines).</summary>
/// <param name="Error">Why the record could not be read (bad quoting); its fields are then what was read before the fault.</param>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error = null)
{
    /// <summary>A line with nothing on it, or only empty fields (a spreadsheet's trailing ",,,,").</summary>
    public bool IsBlank => Error is null && Fields.All(f => f.Length == 0);
}

/// <summary>
/// A reader of RFC 4180 CSV: comma-separated fields, records ending in CRLF (LF and a lone CR are taken too), a field
/// in double quotes may hold commas, line breaks and quotes doubled (<c>""</c>). Strict about quotes, so a damaged file
/// is reported, never silently misread: a quote inside an unquoted field, or text after a closing quote, fails that
/// record, and reading resumes at the next line. A quote never closed fails the last record. Fields are not trimmed.
/// </summary>
public static class Csv
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>UTF-8 text of a file, with or without a byte order mark; anything else is refused with a sentence.</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw DomainException.Invalid("The file is not UTF-8 text. Save it as \u201cCSV UTF-8\u201d and try again.");
        }
    }

    /// <summary>The records of <paramref name="text"/>, read as they are enumerated (a caller can stop at a row limit).</summary>
    public static IEnumerable<CsvRecord> Read(string text)
    {
        var pos = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var line = 1;
        while (pos < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            string? error = null;
            var done = false;
            while (!done)
            {
                if (pos < text.Length && text[pos] == '"')
                {
                    var opened = line;
                    pos++;
                    while (true)
                    {
                        if (pos >= text.Length) { error = $"The quote opened on line {opened} is never closed."; break; }
                        var c = text[pos++];
                        if (c == '"')
                        {
                            if (pos < text.Length && text[pos] == '"') { field.Append('"'); pos++; continue; }
                            break;
                        }
                        if (c == '\n' || (c == '\r' && (pos >= text.Length || text[pos] != '\n'))) line++;
                        field.Append(c);
                    }
                    if (error is null && pos < text.Length && text[pos] is not (',' or '\r' or '\n'))
                        error = $"Line {line}: after the closing quote of a field comes '{text[pos]}'; a quoted field must end at its quote (write a quote inside it as \"\").";
                }
                else
                {
                    while (pos < text.Length && text[pos] is not (',' or '\r' or '\n'))
                    {
                        if (text[pos] == '"')
                        {
                            error = $"Line {line}: a quote inside a field that does not start with one; put the whole field in quotes and double the quote (\"\").";
                            break;
                        }
                        field.Append(text[pos++]);
                    }
                }

                fields.Add(field.ToString());
                field.Clear();
                if (error is not null)
                {
                    SkipToNextLine(text, ref pos, ref line);
                    done = true;
                }
                else if (pos >= text.Length) done = true;
                else if (text[pos] == ',') pos++;
                else
                {
                    pos += text[pos] == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n' ? 2 : 1;
                    line++;
                    done = true;
                }
            }
            yield return new CsvRecord(start, fields, error);
        }
    }

    private static void SkipToNextLine(string text, ref int pos, ref int line)
    {
        while (pos < text.Length && text[pos] is not ('\r' or '\n')) pos++;
        if (pos >= text.Length) return;
        pos += text[pos] == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n' ? 2 : 1;
        line++;
    }
}
