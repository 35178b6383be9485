using System.Security.Cryptography;
using System.Text.Json;

namespace Hospitality.Domain.Customers;

/// <summary>
/// The key that seals one guest's personal data (AES-256-GCM), kept as a document of the guest's tenant.
/// Destroying it is how a guest is erased: their events stay, unreadable. Where a key service exists, this is the
/// seam to wrap the key with a master key held outside the database.
/// </summary>
public sealed record CustomerKey(string Id, string Key)
{
    private const string Version = "v1.";
    private const int NonceSize = 12, TagSize = 16;

    public static CustomerKey Create(Guid customerId) =>
        new(customerId.ToString(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    /// <summary>Seals a value as JSON; the customer id is bound in as associated data, so a sealed value cannot be moved to another guest.</summary>
    public string Seal<T>(T value)
    {
        var plain = JsonSerializer.SerializeToUtf8Bytes(value);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(Convert.FromBase64String(Key), TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), AssociatedData);
        return Version + Convert.ToBase64String(sealedBytes);
    }

    public T Unseal<T>(string sealedValue)
    {
        if (!sealedValue.StartsWith(Version, StringComparison.Ordinal))
            throw new CryptographicException($"Sealed value of customer {Id} has an unknown format.");
        var bytes = Convert.FromBase64String(sealedValue[Version.Length..]);
        var plain = new byte[bytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(Convert.FromBase64String(Key), TagSize);
        aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize, plain.Length), bytes.AsSpan(NonceSize + plain.Length), plain, AssociatedData);
        return JsonSerializer.Deserialize<T>(plain)!;
    }

    private byte[] AssociatedData => System.Text.Encoding.UTF8.GetBytes(Id);
}
