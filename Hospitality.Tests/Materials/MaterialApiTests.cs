using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;

namespace Hospitality.Tests.Materials;

/// <summary>/api/v1/materials through two real servers on PostgreSQL and Redis: the envelope, roles, versions, imports, tenant isolation.</summary>
public class MaterialApiTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    private const string Url = "/api/v1/materials";

    private static string Code(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}".ToUpperInvariant();

    private static async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpClient client, HttpMethod method, string url, HttpContent? content = null)
    {
        var response = await client.SendAsync(new HttpRequestMessage(method, url) { Content = content });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    private static Task<(HttpStatusCode Status, JsonObject Body)> SendJsonAsync(HttpClient client, HttpMethod method, string url, object body) =>
        SendAsync(client, method, url, JsonContent.Create(body));

    private static StringContent CsvBody(string csv) => new(csv, Encoding.UTF8, "text/csv");

    private async Task<JsonObject> CreateAsync(string code, string name = "Whole milk")
    {
        var (status, body) = await SendJsonAsync(await cluster.A.StaffAsync(cluster.CloudManager), HttpMethod.Post, Url,
            new { code, name, unit = "ml", category = "Dairy", defaultCapacity = 2000, lowStockThreshold = 500, specs = new { fat = "3.5%" } });
        Assert.True(status == HttpStatusCode.Created, $"{status}: {body}");
        return body["data"]!.AsObject();
    }

    private static void AssertRefused(HttpStatusCode expected, string code, (HttpStatusCode Status, JsonObject Body) answer)
    {
        Assert.True(answer.Status == expected, $"{answer.Status}: {answer.Body}");
        Assert.False((bool)answer.Body["ok"]!);
        Assert.Equal(code, (string)answer.Body["error"]!["code"]!);
        Assert.False(string.IsNullOrWhiteSpace((string)answer.Body["error"]!["message"]!));
        Assert.Null(answer.Body["data"]);
    }

    [Fact]
    public async Task A_manager_creates_a_material_and_staff_on_the_other_server_read_it_in_the_envelope()
    {
        var code = Code("milk");
        var created = await CreateAsync(code.ToLowerInvariant());
        Assert.Equal((code, "ml", 2000L, "3.5%"), ((string)created["code"]!, (string)created["unit"]!, (long)created["defaultCapacity"]!, (string)created["specs"]!["fat"]!));

        var staff = await cluster.B.StaffAsync(cluster.CloudStaff);
        var (status, one) = await SendAsync(staff, HttpMethod.Get, $"{Url}/{code.ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True((bool)one["ok"]!);
        Assert.Equal((string)created["id"]!, (string)one["data"]!["id"]!);

        var (_, page) = await SendAsync(staff, HttpMethod.Get, $"{Url}?query={code[5..]}&category=dairy&page=1&page_size=5");
        Assert.Equal((1, 5, 1L), ((int)page["data"]!["page"]!, (int)page["data"]!["pageSize"]!, (long)page["data"]!["total"]!));
        Assert.Equal(code, (string)page["data"]!["items"]![0]!["code"]!);
    }

    [Fact]
    public async Task A_taken_code_is_a_409_and_bad_input_or_paging_a_400_in_the_envelope()
    {
        var code = Code("oat");
        await CreateAsync(code);
        var manager = await cluster.B.StaffAsync(cluster.CloudManager);

        AssertRefused(HttpStatusCode.Conflict, "conflict", await SendJsonAsync(manager, HttpMethod.Post, Url, new { code, name = "Oat milk", unit = "ml" }));
        AssertRefused(HttpStatusCode.BadRequest, "invalid_request", await SendJsonAsync(manager, HttpMethod.Post, Url, new { code = Code("x"), name = "X", unit = "litres" }));
        AssertRefused(HttpStatusCode.BadRequest, "invalid_request", await SendAsync(manager, HttpMethod.Get, $"{Url}?page_size=500"));
        AssertRefused(HttpStatusCode.NotFound, "not_found", await SendAsync(manager, HttpMethod.Get, $"{Url}/NO-SUCH-{code}"));
    }

    [Fact]
    public async Task Two_servers_creating_one_code_at_once_make_one_material()
    {
        var code = Code("choc");
        var a = await cluster.A.StaffAsync(cluster.CloudManager);
        var b = await cluster.B.StaffAsync(cluster.CloudManager);

        var answers = await Task.WhenAll(
            SendJsonAsync(a, HttpMethod.Post, Url, new { code, name = "Chocolate A", unit = "g" }),
            SendJsonAsync(b, HttpMethod.Post, Url, new { code, name = "Chocolate B", unit = "g" }));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Select(x => x.Status).Order());
    }

    [Fact]
    public async Task An_update_needs_the_version_read_and_a_stale_one_is_a_409_that_changes_nothing()
    {
        var code = Code("beans");
        var created = await CreateAsync(code, "Beans");
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var seen = (long)created["version"]!;

        AssertRefused(HttpStatusCode.BadRequest, "invalid_request", await SendJsonAsync(manager, HttpMethod.Put, $"{Url}/{code}", new { name = "Beans", unit = "g" }));
        var (ok, updated) = await SendJsonAsync(manager, HttpMethod.Put, $"{Url}/{code}", new { name = "House beans", unit = "g", defaultCapacity = 1000, lowStockThreshold = 200, expectedVersion = seen });
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(seen + 1, (long)updated["data"]!["version"]!);

        AssertRefused(HttpStatusCode.Conflict, "conflict", await SendJsonAsync(manager, HttpMethod.Put, $"{Url}/{code}", new { name = "Stale", unit = "g", expectedVersion = seen }));
        Assert.Equal("House beans", (string)(await SendAsync(manager, HttpMethod.Get, $"{Url}/{code}")).Body["data"]!["name"]!);
    }

    [Fact]
    public async Task Archiving_hides_a_material_from_the_list_unless_archived_ones_are_asked_for_and_restoring_brings_it_back()
    {
        var code = Code("lid");
        await CreateAsync(code, "Lids");
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);

        var (status, archived) = await SendJsonAsync(manager, HttpMethod.Post, $"{Url}/{code}/archive", new { });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True((bool)archived["data"]!["archived"]!);
        Assert.Equal(0L, (long)(await SendAsync(manager, HttpMethod.Get, $"{Url}?query={code}")).Body["data"]!["total"]!);
        Assert.Equal(1L, (long)(await SendAsync(manager, HttpMethod.Get, $"{Url}?query={code}&include_archived=true")).Body["data"]!["total"]!);

        var (_, restored) = await SendJsonAsync(manager, HttpMethod.Post, $"{Url}/{code}/restore", new { expectedVersion = (long)archived["data"]!["version"]! });
        Assert.False((bool)restored["data"]!["archived"]!);
    }

    [Fact]
    public async Task Staff_and_viewers_read_but_cannot_change_materials()
    {
        var code = Code("sugar");
        await CreateAsync(code, "Sugar");
        foreach (var account in new[] { cluster.CloudStaff, cluster.CloudViewer })
        {
            var client = await cluster.A.StaffAsync(account);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, $"{Url}/{code}")).Status);
            AssertRefused(HttpStatusCode.Forbidden, "forbidden", await SendJsonAsync(client, HttpMethod.Post, Url, new { code = Code("x"), name = "X", unit = "g" }));
            AssertRefused(HttpStatusCode.Forbidden, "forbidden", await SendJsonAsync(client, HttpMethod.Post, $"{Url}/{code}/archive", new { }));
            AssertRefused(HttpStatusCode.Forbidden, "forbidden", await SendAsync(client, HttpMethod.Post, $"{Url}/import", CsvBody("code,name,unit\nX,X,g\n")));
        }
        AssertRefused(HttpStatusCode.Unauthorized, "unauthorized", await SendAsync(cluster.A.CreateClient(), HttpMethod.Get, Url));
    }

    [Fact]
    public async Task Another_tenant_can_neither_see_nor_change_a_material_even_by_id()
    {
        var code = Code("cup");
        var created = await CreateAsync(code, "Cup 8 oz");
        var rival = await cluster.B.StaffAsync(cluster.RivalManager);

        Assert.Equal(0L, (long)(await SendAsync(rival, HttpMethod.Get, $"{Url}?query={code}")).Body["data"]!["total"]!);
        foreach (var name in new[] { code, (string)created["id"]! })
        {
            AssertRefused(HttpStatusCode.NotFound, "not_found", await SendAsync(rival, HttpMethod.Get, $"{Url}/{name}"));
            AssertRefused(HttpStatusCode.NotFound, "not_found", await SendJsonAsync(rival, HttpMethod.Put, $"{Url}/{name}", new { name = "Mine", unit = "pcs", expectedVersion = 1 }));
            AssertRefused(HttpStatusCode.NotFound, "not_found", await SendJsonAsync(rival, HttpMethod.Post, $"{Url}/{name}/archive", new { }));
        }
        // The rival may have a material with the same code: it is theirs, and the original is untouched.
        Assert.Equal(HttpStatusCode.Created, (await SendJsonAsync(rival, HttpMethod.Post, Url, new { code, name = "Rival cup", unit = "pcs" })).Status);
        var mine = (await SendAsync(await cluster.A.StaffAsync(cluster.CloudStaff), HttpMethod.Get, $"{Url}/{code}")).Body["data"]!;
        Assert.Equal(("Cup 8 oz", 1L, false), ((string)mine["name"]!, (long)mine["version"]!, (bool)mine["archived"]!));
    }

    [Fact]
    public async Task An_import_as_text_csv_answers_the_per_row_report_and_a_dry_run_then_a_re_import_store_nothing_new()
    {
        var (good, bad) = (Code("beans"), Code("milk"));
        var csv = $"code,name,unit,category,capacity,threshold,spec:origin\r\n{good},\"Beans, house\",g,Coffee,1000,200,Brazil\r\n{bad},Milk,ml,Dairy,100,500,\r\n";
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);

        var (dryStatus, dry) = await SendAsync(manager, HttpMethod.Post, $"{Url}/import?dry_run=true", CsvBody(csv));
        Assert.Equal(HttpStatusCode.OK, dryStatus);
        Assert.True((bool)dry["data"]!["dryRun"]!);
        AssertRefused(HttpStatusCode.NotFound, "not_found", await SendAsync(manager, HttpMethod.Get, $"{Url}/{good}"));

        var (status, report) = await SendAsync(manager, HttpMethod.Post, $"{Url}/import", CsvBody(csv));
        Assert.Equal(HttpStatusCode.OK, status);
        var rows = report["data"]!["rows"]!.AsArray();
        Assert.Equal((2, good, "created"), ((int)rows[0]!["row"]!, (string)rows[0]!["code"]!, (string)rows[0]!["outcome"]!));
        Assert.Equal((3, bad, "error"), ((int)rows[1]!["row"]!, (string)rows[1]!["code"]!, (string)rows[1]!["outcome"]!));
        Assert.Contains("cannot be above the default bin capacity", (string)rows[1]!["error"]!);
        AssertRefused(HttpStatusCode.NotFound, "not_found", await SendAsync(manager, HttpMethod.Get, $"{Url}/{bad}"));

        var (_, again) = await SendAsync(await cluster.B.StaffAsync(cluster.CloudManager), HttpMethod.Post, $"{Url}/import", CsvBody(csv));
        Assert.Equal(("unchanged", 1), ((string)again["data"]!["rows"]![0]!["outcome"]!, (int)again["data"]!["unchanged"]!));
        Assert.Equal(1L, (long)(await SendAsync(manager, HttpMethod.Get, $"{Url}/{good}")).Body["data"]!["version"]!);
    }

    [Fact]
    public async Task A_multipart_upload_needs_the_upload_header_on_a_cookie_so_a_cross_site_form_post_stays_refused()
    {
        var code = Code("syrup");
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        MultipartFormDataContent Form()
        {
            var file = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes($"code,name,unit\n{code},Vanilla syrup,ml\n")]);
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            return new MultipartFormDataContent { { file, "file", "materials.csv" } };
        }

        AssertRefused(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type", await SendAsync(manager, HttpMethod.Post, $"{Url}/import", Form()));
        AssertRefused(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type",
            await SendAsync(manager, HttpMethod.Post, $"{Url}/import", new StringContent($"code,name,unit\n{code},X,ml\n", Encoding.UTF8, "text/plain")));
        AssertRefused(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type", await SendAsync(manager, HttpMethod.Post, Url,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = code, ["name"] = "X", ["unit"] = "ml" })));
        AssertRefused(HttpStatusCode.NotFound, "not_found", await SendAsync(manager, HttpMethod.Get, $"{Url}/{code}"));

        var request = new HttpRequestMessage(HttpMethod.Post, $"{Url}/import") { Content = Form() };
        request.Headers.Add("X-Requested-With", "fetch");
        var response = await manager.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("created", (string)body["data"]!["rows"]![0]!["outcome"]!);
    }

    [Fact]
    public async Task A_file_over_a_megabyte_or_in_another_charset_is_refused_whole()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var big = "code,name,unit\n" + new string('x', 1024 * 1024);
        AssertRefused(HttpStatusCode.BadRequest, "invalid_request", await SendAsync(manager, HttpMethod.Post, $"{Url}/import", CsvBody(big)));
        var latin = new StringContent("code,name,unit\n", Encoding.Latin1, "text/csv");
        var (_, refused) = await SendAsync(manager, HttpMethod.Post, $"{Url}/import", latin);
        Assert.Contains("must be UTF-8", (string)refused["error"]!["message"]!);
    }
}
