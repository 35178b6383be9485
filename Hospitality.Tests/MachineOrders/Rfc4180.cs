using System.Text;

namespace Hospitality.Tests.MachineOrders;

/// <summary>An independent RFC 4180 reader, strict on purpose: it refuses what a lenient spreadsheet would guess at.</summary>
public static class Rfc4180
{
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && cell.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new FormatException("A quoted field is never closed.");
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i += 2; }
                    else if (text[i] == '"') { i++; break; }
                    else cell.Append(text[i++]);
                }
                if (i < text.Length && text[i] is not (',' or '\r')) throw new FormatException($"Text after a closing quote at {i}.");
                continue;
            }
            switch (text[i])
            {
                case ',':
                    row.Add(cell.ToString()); cell.Clear(); i++;
                    break;
                case '\r':
                    if (i + 1 >= text.Length || text[i + 1] != '\n') throw new FormatException($"A bare CR at {i}.");
                    row.Add(cell.ToString()); cell.Clear(); rows.Add(row); row = []; i += 2;
                    break;
                case '\n' or '"':
                    throw new FormatException($"An unquoted {(text[i] == '"' ? "quote" : "LF")} at {i}.");
                default:
                    cell.Append(text[i++]);
                    break;
            }
        }
        if (cell.Length > 0 || row.Count > 0) throw new FormatException("The last record does not end with CRLF.");
        return rows;
    }
}
