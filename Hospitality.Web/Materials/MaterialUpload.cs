using Hospitality.Domain;
using Hospitality.Domain.Materials;
using Microsoft.Net.Http.Headers;

namespace Hospitality.Web.Materials;

/// <summary>
/// The bytes of an uploaded materials file: a <c>text/csv</c> body, or the multipart field <c>file</c>. Read no further
/// than one byte past <see cref="MaterialCsv.MaxBytes"/>, so a huge upload costs the server nothing and is refused by the
/// same rule as any other file. A charset other than UTF-8 is refused here rather than misread.
/// </summary>
public static class MaterialUpload
{
    public const string FormField = "file";

    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile(FormField)
                ?? throw DomainException.Invalid($"Attach the CSV file as the form field \u201c{FormField}\u201d.");
            await using var stream = file.OpenReadStream();
            return await ReadLimitedAsync(stream, ct);
        }
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            var charset = type.Charset.Value;
            if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
                throw DomainException.Invalid($"The file must be UTF-8; it was sent as {charset}.");
            return await ReadLimitedAsync(request.Body, ct);
        }
        throw DomainException.Invalid("Send the CSV file as a text/csv body or as the multipart form field \u201cfile\u201d.");
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream stream, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaterialCsv.MaxBytes) break;   // enough to know it is too large
        }
        return buffer.ToArray();
    }
}
