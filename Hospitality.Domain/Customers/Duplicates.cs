using System.Globalization;
using System.Text;
using Hospitality.Domain.Common;
using MediatR;

namespace Hospitality.Domain.Customers;

public enum DuplicateConfidence { Low, Medium, High }

/// <summary>Two profiles that may be one guest, why we think so, and how sure we are.</summary>
public sealed record DuplicatePair(CustomerProfile First, CustomerProfile Second, DuplicateConfidence Confidence, IReadOnlyList<string> Reasons);

/// <summary>Likely duplicates among the guests the actor may see (or only those of one guest), most certain first.</summary>
public sealed record FindDuplicates(Actor Actor, string? CustomerId = null) : IRequest<IReadOnlyList<DuplicatePair>>;

/// <summary>
/// Scores pairs that share a blocking key (email, the phone's last 7 digits, a name key), so a large guest book is
/// not compared pair by pair. Same email: high. Same local number under another country code, or the same name
/// written differently: medium. A name one or two typos apart: low. Signals add up.
/// </summary>
public static class DuplicateFinder
{
    public static IReadOnlyList<DuplicatePair> Find(IReadOnlyList<CustomerProfile> guests, string? onlyFor = null)
    {
        var candidates = new HashSet<(string, string)>();
        foreach (var block in guests.SelectMany(g => Keys(g).Select(k => (Key: k, Guest: g))).GroupBy(x => x.Key))
        {
            var members = block.Select(x => x.Guest).ToList();
            for (var i = 0; i < members.Count; i++)
            for (var j = i + 1; j < members.Count; j++)
            {
                var (a, b) = string.CompareOrdinal(members[i].Id, members[j].Id) < 0 ? (members[i], members[j]) : (members[j], members[i]);
                if (onlyFor is null || a.Id == onlyFor || b.Id == onlyFor) candidates.Add((a.Id, b.Id));
            }
        }

        var byId = guests.ToDictionary(g => g.Id);
        return [.. candidates.Select(p => Score(byId[p.Item1], byId[p.Item2])).OfType<DuplicatePair>()
            .OrderByDescending(p => p.Confidence).ThenBy(p => p.First.SortKey)];
    }

    private static DuplicatePair? Score(CustomerProfile a, CustomerProfile b)
    {
        var reasons = new List<string>();
        var points = 0;
        if (a.Email is { } email && string.Equals(email, b.Email, StringComparison.OrdinalIgnoreCase)) { points += 3; reasons.Add("same email"); }
        if (PhoneTail(a) is { } tail && tail == PhoneTail(b)) { points += 2; reasons.Add("same local phone number under another country code"); }
        var (nameA, nameB) = (NameKey(a.FirstName, a.LastName), NameKey(b.FirstName, b.LastName));
        if (nameA.Length > 0 && (nameA == nameB || nameA == NameKey(b.LastName, b.FirstName))) { points += 2; reasons.Add("same name"); }
        else if (nameA.Length > 3 && Distance(nameA, nameB) <= 2) { points += 1; reasons.Add("similar name"); }
        if (points == 0) return null;
        var confidence = points >= 3 ? DuplicateConfidence.High : points == 2 ? DuplicateConfidence.Medium : DuplicateConfidence.Low;
        return new DuplicatePair(a, b, confidence, reasons);
    }

    private static IEnumerable<string> Keys(CustomerProfile g)
    {
        if (g.Email is { } email) yield return "e:" + email.ToLowerInvariant();
        if (PhoneTail(g) is { } tail) yield return "p:" + tail;
        var last = NameKey(g.LastName, "");
        var first = NameKey(g.FirstName, "");
        // Either initial with the other name's first three letters: catches typos late in a name and swapped names.
        if (last.Length > 0) yield return "n:" + last[..Math.Min(3, last.Length)] + first.FirstOrDefault();
        if (first.Length > 0) yield return "n:" + first[..Math.Min(3, first.Length)] + last.FirstOrDefault();
    }

    private static string? PhoneTail(CustomerProfile g) => g.Phone is { Length: > 8 } phone ? phone[^7..] : null;

    /// <summary>Lower-case letters only, accents removed: "José  Núñez" and "jose nunez" are one key.</summary>
    private static string NameKey(string first, string last)
    {
        var text = $"{first}{last}".Normalize(NormalizationForm.FormD);
        return new string(text.Where(c => char.IsLetter(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            .Select(char.ToLowerInvariant).ToArray());
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }

        return row[b.Length];
    }
}
