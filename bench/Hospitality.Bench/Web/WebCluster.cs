using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Hospitality.Bench.Store;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore.Postgres;
using Npgsql;

namespace Hospitality.Bench.Web;

/// <summary>
/// Real Hospitality.Web processes (the Release publish that run.sh makes) on loopback ports, sharing PostgreSQL
/// and Redis, over a freshly dropped "hospitality" schema. The bench seeds tenants through the same store and
/// schema, signs staff in over HTTP, and reads each server's CPU time and RSS from /proc.
/// </summary>
public sealed partial class WebCluster : IAsyncDisposable
{
    public const string Password = "bench-password-1";
    private readonly List<Process> _servers = [];

    private readonly int _postmaster, _redis;

    private WebCluster(NpgsqlDataSource dataSource, PostgresDocumentStore store, int postmaster, int redis)
    {
        DataSource = dataSource;
        Store = store;
        _postmaster = postmaster;
        _redis = redis;
    }

    private int _warnings, _errors;

    /// <summary>How many warnings and errors the servers have logged so far (their console logger's <c>warn:</c> and <c>fail:</c> lines).</summary>
    public (int Warnings, int Errors) Logged => (Volatile.Read(ref _warnings), Volatile.Read(ref _errors));

    public NpgsqlDataSource DataSource { get; }
    public PostgresDocumentStore Store { get; }
    public List<Uri> Urls { get; } = [];
    public IReadOnlyList<Process> Servers => _servers;

    public static async Task<WebCluster> StartAsync(BenchOptions options, int servers)
    {
        var dll = Path.GetFullPath(options.WebDll ?? throw new ArgumentException("--web-dll is required for the web benchmarks (run.sh passes it)."));
        var dataSource = NpgsqlDataSource.Create(options.Postgres);
        await BenchStores.DropSchemaAsync(dataSource, "hospitality");
        var redis = await FlushRedisAsync(options.Redis);
        var store = await BenchStores.ReadyAsync(BenchStores.AppOptions("hospitality"), dataSource, fresh: false);
        var cluster = new WebCluster(dataSource, store, await PostmasterAsync(dataSource), redis);
        for (var i = 0; i < servers; i++)
        {
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
            {
                WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            start.Environment["ConnectionStrings__Postgres"] = options.Postgres + ";Maximum Pool Size=60";
            start.Environment["ConnectionStrings__Redis"] = options.Redis;
            start.Environment["Hospitality__DemoData"] = "false";
            // One address (loopback) and one manager stand for a whole venue's staff and fleet here: the limits per address
            // and per user are raised out of the way; each machine's own limit (120 a minute) and a phone's stay as shipped.
            start.Environment["Staff__SignInRateLimit__PermitLimit"] = "1000000";
            start.Environment["Staff__WriteRateLimit__PermitLimit"] = "1000000";
            start.Environment["Devices__AddressRateLimit__PermitLimit"] = "1000000";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            if (options.WorkstationGc) start.Environment["DOTNET_gcServer"] = "0";
            var process = Process.Start(start)!;
            var name = $"web{i + 1}";
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not { Length: > 0 } line) return;
                if (line.StartsWith("warn: ", StringComparison.Ordinal)) Interlocked.Increment(ref cluster._warnings);
                else if (line.StartsWith("fail: ", StringComparison.Ordinal)) Interlocked.Increment(ref cluster._errors);
                Console.WriteLine($"   [{name}] {line}");
            };
            process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.WriteLine($"   [{name}!] {line}"); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            cluster._servers.Add(process);
            cluster.Urls.Add(new Uri($"http://127.0.0.1:{port}"));
        }
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        foreach (var (url, process) in cluster.Urls.Zip(cluster._servers))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                try { if ((await probe.GetAsync(new Uri(url, "/health"))).IsSuccessStatusCode) break; }
                catch (Exception) when (DateTime.UtcNow < deadline) { }
                if (process.HasExited) throw new InvalidOperationException($"The server for {url} exited with {process.ExitCode}.");
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{url} did not become healthy within 60 s.");
                await Task.Delay(250);
            }
        }
        Console.WriteLine($"   servers up: {string.Join(", ", cluster.Urls)} (pids {string.Join(", ", cluster._servers.Select(p => p.Id))})");
        return cluster;
    }

    /// <summary>A tenant with <paramref name="locations"/> locations and one manager (who may also operate sessions).</summary>
    public async Task<SeededTenant> SeedTenantAsync(string tenantId, int locations)
    {
        var spec = new TenantSpec(tenantId, "Bench lounges",
            [.. Enumerable.Range(0, locations).Select(i => new LocationSpec($"Lounge {i}", LocationKind.Lounge, $"loc{i:D4}"))],
            [new StaffSpec($"manager@{tenantId}.example", "Bench Manager", StaffRole.Manager, Password)]);
        return await TenancySeeding.CreateTenantAsync(Store, spec);
    }

    /// <summary>Signs staff in the way a browser does (antiforgery token from the page, then the form); returns the cookie header.</summary>
    public static async Task<string> SignInAsync(Uri server, string email)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = server };
        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The sign-in page has no antiforgery token.");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in", ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = Password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in of {email} answered {(int)response.StatusCode}.");
        return cookies.GetCookieHeader(server);
    }

    /// <summary>Issues one display token per location the way DisplayTokenCommands does (same decision, same document), in one commit.</summary>
    public async Task<string[]> IssueDisplayTokensAsync(SeededTenant tenant, IReadOnlyList<Location> locations)
    {
        var manager = tenant.Staff[0];
        var by = new StaffActor(tenant.Tenant.Id, manager.Id, manager.DisplayName, manager.Role);
        var tokens = new string[locations.Count];
        await using var session = Store.LightweightSession(tenant.Tenant.Id);
        for (var i = 0; i < locations.Count; i++)
        {
            var secret = DisplayTokenSecret.New(tenant.Tenant.Id);
            var issued = DisplayTokens.Decide(locations[i],
                new DisplayTokens.Issue(secret.TokenId, "Bench screen", DisplayTokenSecret.Hash(secret.Secret), by, DateTimeOffset.UtcNow));
            session.Insert(DisplayToken.Create(issued));
            tokens[i] = secret.ToString();
        }
        await session.SaveChangesAsync();
        return tokens;
    }

    /// <summary>
    /// A cookie jar holding a signed-in staff cookie. Clients keep the cookie the server renews (it re-reads the account once a
    /// minute and re-issues the cookie), as a browser does; a fixed Cookie header would make every later request revalidate.
    /// </summary>
    public static CookieContainer CookieJar(Uri server, string cookieHeader)
    {
        var jar = new CookieContainer();
        foreach (var pair in cookieHeader.Split("; ", StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            jar.Add(new Cookie(kv[0], kv[1], "/", server.Host));
        }
        return jar;
    }

    /// <summary>A JSON API client on <paramref name="server"/> with a signed-in staff cookie (kept renewed, see <see cref="CookieJar"/>).</summary>
    public static HttpClient StaffClient(Uri server, string cookieHeader, int connections = 128)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = CookieJar(server, cookieHeader), MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        })
        { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>The hub's WebSocket address on server <paramref name="server"/>.</summary>
    public Uri Hub(int server, string path) => new(Urls[server].ToString().Replace("http", "ws") + path.TrimStart('/'));

    /// <summary>CPU seconds (user + system) the process has used so far.</summary>
    public static double CpuSeconds(Process process) => ProcCpu.Seconds(process.Id);

    /// <summary>Resident set size in bytes.</summary>
    public static long RssBytes(Process process)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:"));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    public double TotalCpuSeconds() => _servers.Sum(CpuSeconds);

    /// <summary>CPU seconds used so far by each server, this load generator, PostgreSQL, Redis and the whole machine.</summary>
    public CpuReading ReadCpu() => new([.. _servers.Select(CpuSeconds)], Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
        ProcCpu.Seconds(_postmaster, children: true), ProcCpu.Seconds(_redis), ProcCpu.MachineSeconds());

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Empties Redis; answers its process id (the bench's services run on this machine).</summary>
    private static async Task<int> FlushRedisAsync(string redis)
    {
        var config = StackExchange.Redis.ConfigurationOptions.Parse(redis);
        config.AllowAdmin = true;
        using var mux = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(config);
        var server = mux.GetServer(mux.GetEndPoints()[0]);
        await server.FlushAllDatabasesAsync();
        var info = await server.InfoAsync("server");
        await Task.Yield();   // SE.Redis 1.2.6: never Dispose right after an await (shared/DEPENDENCIES.md)
        return int.Parse(info.SelectMany(g => g).First(kv => kv.Key == "process_id").Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The PostgreSQL postmaster's process id: the parent of the backend serving a connection.</summary>
    private static async Task<int> PostmasterAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_backend_pid()");
        return ProcCpu.Parent((int)(await command.ExecuteScalarAsync())!);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            try { if (!server.HasExited) server.Kill(entireProcessTree: true); await server.WaitForExitAsync(); }
            catch (Exception e) { Console.WriteLine($"   stopping server {server.Id}: {e.Message}"); }
            server.Dispose();
        }
        await DataSource.DisposeAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
