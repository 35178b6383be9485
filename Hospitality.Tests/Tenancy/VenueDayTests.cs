using System.Text.Json;
using System.Text.Json.Serialization;
using Hospitality.Domain;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;

namespace Hospitality.Tests.Tenancy;

/// <summary>A venue's local day: the date of an instant in its zone, and the instants of a date, across DST changes.</summary>
public class VenueDayTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2030, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void An_instant_at_nine_in_the_evening_in_new_york_is_on_that_local_day_not_the_next_utc_one()
    {
        var nineInTheEvening = new DateTimeOffset(2030, 6, 14, 21, 0, 0, TimeSpan.FromHours(-4));   // 01:00 UTC on the 15th

        Assert.Equal(new DateOnly(2030, 6, 14), VenueDay.DateOf(NewYork, nineInTheEvening));
        Assert.Equal(new DateOnly(2030, 6, 15), VenueDay.DateOf(TimeZoneInfo.Utc, nineInTheEvening));
    }

    [Fact]
    public void A_local_day_is_the_interval_from_its_midnight_to_the_next_in_utc()
    {
        Assert.Equal((Utc(6, 14, 4), Utc(6, 15, 4)), VenueDay.Interval(NewYork, new DateOnly(2030, 6, 14)));
        Assert.Equal((Utc(1, 14, 5), Utc(1, 15, 5)), VenueDay.Interval(NewYork, new DateOnly(2030, 1, 14)));
        Assert.Equal((Utc(6, 14, 0), Utc(6, 15, 0)), VenueDay.Interval(TimeZoneInfo.Utc, new DateOnly(2030, 6, 14)));
    }

    [Theory]
    [InlineData("America/New_York", 3, 10, 5, 23)]   // 02:00 becomes 03:00
    [InlineData("America/New_York", 11, 3, 4, 25)]   // 02:00 becomes 01:00
    [InlineData("America/Havana", 3, 10, 5, 23)]     // midnight becomes 01:00: the day starts at its first instant
    [InlineData("America/Havana", 11, 3, 4, 25)]     // 01:00 becomes midnight: the day starts at its first midnight
    public void The_day_clocks_spring_forward_has_23_hours_and_the_day_they_fall_back_25(string zoneId, int month, int day, int startUtcHour, int hours)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var date = new DateOnly(2030, month, day);

        var (start, end) = VenueDay.Interval(zone, date);

        Assert.Equal((Utc(month, day, startUtcHour), TimeSpan.FromHours(hours)), (start, end - start));
        // Either side of each end an instant lands on its own local day.
        Assert.Equal((date.AddDays(-1), date, date, date.AddDays(1)),
            (VenueDay.DateOf(zone, start.AddTicks(-1)), VenueDay.DateOf(zone, start), VenueDay.DateOf(zone, end.AddTicks(-1)), VenueDay.DateOf(zone, end)));
    }

    [Theory]
    [InlineData("America/New_York", "America/New_York")]
    [InlineData(" Europe/London ", "Europe/London")]
    [InlineData("Eastern Standard Time", "America/New_York")]
    [InlineData("UTC", "UTC")]
    public void A_zone_is_read_as_its_iana_name(string given, string stored) => Assert.Equal(stored, VenueDay.ReadZoneId(given));

    [Theory]
    [InlineData("Mars/Olympus_Mons", "'Mars/Olympus_Mons' is not a time zone")]
    [InlineData("America/New York", "'America/New York' is not a time zone")]
    [InlineData("../../etc/passwd", "'../../etc/passwd' is not a time zone")]
    [InlineData("  ", "A time zone is required")]
    [InlineData(null, "A time zone is required")]
    public void An_unknown_or_blank_zone_is_refused_naming_it(string? given, string message)
    {
        var refused = Assert.Throws<DomainException>(() => VenueDay.ReadZoneId(given));
        Assert.Equal(DomainErrorKind.Invalid, refused.Kind);
        Assert.StartsWith(message, refused.Message);
    }

    [Fact]
    public void A_location_stored_before_time_zones_has_none_and_counts_its_days_in_utc()
    {
        var options = new StoreOptions();
        options.Json.Converters.Add(new JsonStringEnumConverter());   // as StoreSetup configures the host's store
        var old = JsonSerializer.Deserialize<Location>("""{"id":"bar","tenantId":"cloud","name":"Bar","kind":"Lounge","country":"US"}""", options.Json)!;

        Assert.Null(old.TimeZone);
        Assert.Same(TimeZoneInfo.Utc, old.DayZone());
        var zoned = old with { TimeZone = "America/New_York" };
        Assert.Equal(zoned, JsonSerializer.Deserialize<Location>(JsonSerializer.Serialize(zoned, options.Json), options.Json));
        Assert.Equal("America/New_York", zoned.DayZone().Id);
    }
}
