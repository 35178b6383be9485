using Hospitality.Web.Staff;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospitality.Tests.Staff;

public class CrossSiteWriteGuardTests
{
    private static async Task<object?> SendAsync(string method, string? contentType, string? authorization = null)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = "/api/anything";
        http.Request.ContentType = contentType;
        if (authorization is not null) http.Request.Headers.Authorization = authorization;
        var context = new DefaultEndpointFilterInvocationContext(http);
        return await new CrossSiteWriteGuard().InvokeAsync(context, _ => ValueTask.FromResult<object?>("handled"));
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task A_cookie_borne_post_that_a_cross_site_form_could_send_is_refused(string? contentType)
    {
        var result = await SendAsync("POST", contentType);

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, Assert.IsType<ProblemHttpResult>(result).StatusCode);
    }

    [Theory]
    [InlineData("POST", "application/json")]
    [InlineData("POST", "application/problem+json; charset=utf-8")]
    [InlineData("DELETE", null)]
    [InlineData("GET", null)]
    public async Task Json_posts_and_methods_a_form_cannot_send_pass(string method, string? contentType)
    {
        Assert.Equal("handled", await SendAsync(method, contentType));
    }

    [Fact]
    public async Task A_bearer_post_is_not_cookie_borne_and_passes()
    {
        Assert.Equal("handled", await SendAsync("POST", "text/plain", authorization: "Bearer t"));
    }
}

/// <summary>The upload variant: text/csv and multipart with the upload header pass on a cookie; what a cross-site form can send does not.</summary>
public class CrossSiteUploadGuardTests
{
    private static async Task<object?> SendAsync(string contentType, bool uploadHeader = false, string path = "/api/v1/materials/import")
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Path = path;
        http.Request.ContentType = contentType;
        if (uploadHeader) http.Request.Headers[CrossSiteWriteGuard.UploadHeader] = "fetch";
        return await CrossSiteWriteGuard.AcceptingUploads("text/csv")
            .InvokeAsync(new DefaultEndpointFilterInvocationContext(http), _ => ValueTask.FromResult<object?>("handled"));
    }

    [Theory]
    [InlineData("text/csv", false)]
    [InlineData("text/csv; charset=utf-8", false)]
    [InlineData("multipart/form-data; boundary=x", true)]
    [InlineData("application/json", false)]
    public async Task Csv_bodies_and_multipart_with_the_upload_header_pass(string contentType, bool header) =>
        Assert.Equal("handled", await SendAsync(contentType, header));

    [Theory]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task What_a_cross_site_form_can_send_is_refused_in_the_v1_envelope(string contentType)
    {
        var result = Assert.IsAssignableFrom<IStatusCodeHttpResult>(await SendAsync(contentType));
        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, result.StatusCode);
        Assert.IsNotType<ProblemHttpResult>(result);
    }

    [Fact]
    public void A_safelisted_type_cannot_be_accepted_on_a_cookie() =>
        Assert.Throws<ArgumentException>(() => CrossSiteWriteGuard.AcceptingUploads("text/plain"));
}
