using Hospitality.Domain;
using Hospitality.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace Hospitality.Web.Infrastructure;

/// <summary>
/// Turns a refused command into a ProblemDetails response whose detail is the decision's own sentence,
/// and malformed JSON into a 400 saying what could not be read. Nothing was stored in either case. Under
/// <c>/api/v1</c> the same sentence comes in seed 002's envelope instead (<see cref="ApiV1.ApiV1"/>).
/// </summary>
public sealed class DomainProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail) = exception switch
        {
            DomainException { Kind: DomainErrorKind.NotFound } e => (StatusCodes.Status404NotFound, "Not found", e.Message),
            DomainException { Kind: DomainErrorKind.Conflict } e => (StatusCodes.Status409Conflict, "Not possible now", e.Message),
            DomainException { Kind: DomainErrorKind.Forbidden } e => (StatusCodes.Status403Forbidden, "Not allowed", e.Message),
            DomainException e => (StatusCodes.Status400BadRequest, "Invalid request", e.Message),
            BadHttpRequestException e => (e.StatusCode, "Invalid request", e.InnerException?.Message ?? e.Message),
            _ => (0, "", ""),
        };
        if (status == 0) return false;
        if (ApiV1.ApiV1.Applies(http))
        {
            await ApiV1.ApiV1.WriteErrorAsync(http, status, detail);
            return true;
        }
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
