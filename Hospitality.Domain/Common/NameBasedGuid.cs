using System.Security.Cryptography;
using System.Text;

namespace Hospitality.Domain.Common;

/// <summary>
/// Name-based UUIDs (RFC 9562 version 5): the same namespace and name always give the same id. Used where an id must be
/// found without an index (a location's menu) or where a retry must land on the same id (orders a room sends).
/// </summary>
public static class NameBasedGuid
{
    public static Guid Create(Guid @namespace, string name)
    {
        var hash = SHA1.HashData([.. @namespace.ToByteArray(bigEndian: true), .. Encoding.UTF8.GetBytes(name)]);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
