using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Hospitality.Domain.Tenancy;

/// <summary>
/// The token a screen presents: <c>&lt;tenantId&gt;.&lt;tokenId&gt;.&lt;secret&gt;</c>. The tenant and token id make the
/// lookup a single load in one tenant; the secret (32 random bytes, base64url) is compared by its SHA-256 hash.
/// The secret is high-entropy, so a fast hash is enough (no password-style stretching needed).
/// </summary>
public sealed record DisplayTokenSecret(string TenantId, string TokenId, string Secret)
{
    /// <summary>The whole token, as handed out once.</summary>
    public override string ToString() => $"{TenantId}.{TokenId}.{Secret}";

    /// <summary>A new token for a tenant, with a fresh token id and secret.</summary>
    public static DisplayTokenSecret New(string tenantId) =>
        new(tenantId, Guid.NewGuid().ToString("N"), Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));

    /// <summary>Lower-case hex SHA-256 of the secret part.</summary>
    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>True when <paramref name="secret"/> hashes to <paramref name="storedHash"/>, compared in constant time.</summary>
    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    /// <summary>Splits a presented token; false for anything not shaped like one (never throws on input).</summary>
    public static bool TryParse(string? token, out DisplayTokenSecret parsed)
    {
        parsed = null!;
        if (string.IsNullOrEmpty(token) || token.Length > 200) return false;
        var parts = token.Split('.');
        if (parts.Length != 3 || !Tenant.IsValidId(parts[0]) || parts[1].Length != 32 || parts[2].Length < 16) return false;
        if (!parts[1].All(char.IsAsciiHexDigitLower)) return false;
        parsed = new DisplayTokenSecret(parts[0], parts[1], parts[2]);
        return true;
    }
}
