using SegBench.Generator.Columns;

namespace SegBench.Generator.Tests;

public sealed class AnniversariesTests
{
    // Leap days, year ends and a date whose table is cut short by year 1.
    public static TheoryData<string> AsOfDates => ["2024-02-29", "2025-03-31", "2023-02-28", "2024-03-01", "2000-12-31", "2001-01-01", "0150-06-15"];

    [Theory]
    [MemberData(nameof(AsOfDates))]
    public void DatesOfBirthAreTheCalendarsDayForDay(string asOfText)
    {
        var asOf = DateOnly.Parse(asOfText, System.Globalization.CultureInfo.InvariantCulture);
        var table = Anniversaries.Of(asOf);
        var random = new Random(7);
        for (var i = 0; i < 200_000; i++)
        {
            // Whole years and their last fractions, the fractions in between, and years beyond the table.
            var years = (i % 4) switch
            {
                0 => Math.Floor(random.NextDouble() * 300),
                1 => Math.BitDecrement(Math.Floor(random.NextDouble() * 300) + 1),
                2 => random.NextDouble() * 300,
                _ => (random.NextDouble() * 20) - 10,
            };
            if (asOf.Year - Math.Floor(years) < 2)
            {
                continue; // before year 1: the calendar cannot say either
            }

            table.YearsBefore(years).Should().Be(DateGenerator.YearsBefore(asOf, years), $"{years} years before {asOf:yyyy-MM-dd}");
        }
    }

    [Theory]
    [MemberData(nameof(AsOfDates))]
    public void AgesAreTheCalendarsForEveryBirthDate(string asOfText)
    {
        var asOf = DateOnly.Parse(asOfText, System.Globalization.CultureInfo.InvariantCulture);
        var table = Anniversaries.Of(asOf);
        var first = Math.Max(DateOnly.MinValue.DayNumber, asOf.AddYears(-Math.Min(300, asOf.Year - 1)).DayNumber);
        for (var day = first; day <= asOf.DayNumber + 800; day++)
        {
            var birth = DateOnly.FromDayNumber(day);
            table.YearsSince(birth).Should().Be(AgeGenerator.YearsBetween(birth, asOf), $"born {birth:yyyy-MM-dd}, as of {asOf:yyyy-MM-dd}");
        }
    }

    [Fact]
    public void EachDateGetsItsOwnTable()
    {
        var a = Anniversaries.Of(new DateOnly(2024, 2, 29));
        var b = Anniversaries.Of(new DateOnly(2025, 3, 31));
        a.AsOf.Should().Be(new DateOnly(2024, 2, 29));
        b.AsOf.Should().Be(new DateOnly(2025, 3, 31));
        Anniversaries.Of(new DateOnly(2025, 3, 31)).YearsSince(new DateOnly(2000, 3, 31)).Should().Be(25);
    }
}
