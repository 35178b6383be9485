namespace Hospitality.Tests.Infrastructure;

/// <summary>
/// The services ./test.sh starts (.ci/services.sh). A missing one is a test failure with the fix in its message,
/// never a silent pass: these tests are the evidence that the product works on PostgreSQL, Redis and a browser.
/// </summary>
public static class TestEnvironment
{
    public static string Postgres => Required("HOSPITALITY_TEST_POSTGRES", "Host=127.0.0.1;Port=5440;Username=postgres;Database=hospitality");
    public static string Redis => Required("HOSPITALITY_TEST_REDIS", "127.0.0.1:6390");
    public static string Chromium => Required("HOSPITALITY_TEST_CHROMIUM", "/usr/bin/chromium");

    private static string Required(string name, string example) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Run the tests with ./test.sh, or start the services with `.ci/services.sh up` and " +
                $"`source` the env file it writes (e.g. {name}={example}).");
}
