using Hospitality.Web.Staff.Screens;
using Microsoft.Net.Http.Headers;

namespace Hospitality.Web.Staff;

/// <summary>
/// CSRF defence of the JSON API, chosen over antiforgery tokens: a cookie-authenticated POST must be
/// <c>Content-Type: application/json</c>. A cross-site page can only send such a request with fetch, which makes it a
/// non-simple CORS request that the browser preflights, and we grant no CORS, so it never leaves the browser.
/// DELETE/PUT/PATCH are never simple, so they are always preflighted. HTML forms can only send urlencoded,
/// multipart or text/plain bodies, which this refuses. Bearer (display token) calls are not cookie-borne and so
/// not CSRF-able. Why not antiforgery tokens: the staff UI calls these operations in-process (Blazor Server), and
/// machine clients have no page to read a token from; a content-type rule protects both with nothing to fetch.
/// If anyone adds a CORS policy with credentials, this reasoning no longer holds: add antiforgery validation then.
/// <para>
/// Uploads (<see cref="AcceptingUploads"/>) widen this by exactly what keeps the same guarantee: a body type that is not
/// CORS-safelisted (<c>text/csv</c>: a form cannot send it and fetch must preflight it), and <c>multipart/form-data</c>
/// only with an <see cref="UploadHeader"/> header, since a custom header also forces a preflight while a plain
/// cross-site form (or a no-cors fetch) cannot add one. Under <c>/api/v1</c> the refusal is in seed 002's envelope.
/// </para>
/// </summary>
public sealed class CrossSiteWriteGuard : IEndpointFilter
{
    /// <summary>The header a cookie-borne multipart upload must carry (any value): <c>X-Requested-With</c>.</summary>
    public const string UploadHeader = "X-Requested-With";

    // What a cross-site form or a no-cors fetch can send without a preflight (Fetch standard, CORS-safelisted request-header).
    private static readonly string[] SafelistedTypes = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

    private readonly string[] _bodyTypes;
    private readonly bool _multipart;

    public CrossSiteWriteGuard() : this([], multipart: false)
    {
    }

    private CrossSiteWriteGuard(string[] bodyTypes, bool multipart) => (_bodyTypes, _multipart) = (bodyTypes, multipart);

    /// <summary>
    /// Also accepts cookie-borne POSTs of <paramref name="bodyTypes"/> (which must not be CORS-safelisted), and
    /// multipart/form-data carrying <see cref="UploadHeader"/>.
    /// </summary>
    public static CrossSiteWriteGuard AcceptingUploads(params string[] bodyTypes)
    {
        var safelisted = bodyTypes.FirstOrDefault(t => SafelistedTypes.Contains(t, StringComparer.OrdinalIgnoreCase));
        if (safelisted is not null) throw new ArgumentException($"{safelisted} can be sent cross-site without a preflight; it cannot be accepted on a cookie.", nameof(bodyTypes));
        return new CrossSiteWriteGuard(bodyTypes, multipart: true);
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var cookieBorne = DisplayTokenAuthenticationHandler.PresentedToken(request) is null;
        if (cookieBorne && HttpMethods.IsPost(request.Method) && !request.HasJsonContentType() && !IsAcceptedUpload(request))
            return Refusal(context.HttpContext);
        return await next(context);
    }

    private bool IsAcceptedUpload(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)) return false;
        var mediaType = type.MediaType.Value ?? "";
        if (_bodyTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase)) return true;
        return _multipart && mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) && request.Headers.ContainsKey(UploadHeader);
    }

    private IResult Refusal(HttpContext http)
    {
        var accepted = _bodyTypes.Length == 0 ? "JSON (Content-Type: application/json)"
            : $"JSON, {string.Join(", ", _bodyTypes)}, or multipart/form-data with an {UploadHeader} header";
        var message = $"Send API writes as {accepted}.";
        return ApiV1.ApiV1.Applies(http)
            ? TypedResults.Json(new ApiV1.ApiV1Response<object>(false, null, new ApiV1.ApiV1Error("unsupported_media_type", message)),
                statusCode: StatusCodes.Status415UnsupportedMediaType)
            : TypedResults.Problem(title: "Unsupported content type.", detail: message, statusCode: StatusCodes.Status415UnsupportedMediaType);
    }
}
