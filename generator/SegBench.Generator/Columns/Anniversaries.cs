namespace SegBench.Generator.Columns;

/// <summary>
/// The schema's <c>as_of</c> date going back whole years, computed once, so that a row's date of
/// birth (<see cref="DateGenerator.YearsBefore"/>) or age (<see cref="AgeGenerator.YearsBetween"/>)
/// is a table lookup and some arithmetic instead of several calendar conversions. The results are
/// those of the calendar methods, day for day; dates the table does not reach go to them.
/// </summary>
public sealed class Anniversaries
{
    // Ages and tenures stay well inside this; a clamp beyond it takes the calendar path.
    private const int Years = 256;

    // The most recent table: every batch of a plan asks for the same date. Two threads may both
    // build it once; the tables are equal, so which one is kept does not matter.
    private static Anniversaries? s_latest;

    // [k] = as_of.AddYears(-k).DayNumber, and the length of the year before that anniversary.
    private readonly int[] _dayNumbers;
    private readonly int[] _yearLengths;

    private Anniversaries(DateOnly asOf)
    {
        AsOf = asOf;
        var count = Math.Min(Years, asOf.Year - 2) + 1;
        _dayNumbers = new int[Math.Max(count, 0)];
        _yearLengths = new int[_dayNumbers.Length];
        for (var k = 0; k < _dayNumbers.Length; k++)
        {
            var anniversary = asOf.AddYears(-k);
            _dayNumbers[k] = anniversary.DayNumber;
            _yearLengths[k] = anniversary.DayNumber - anniversary.AddYears(-1).DayNumber;
        }
    }

    /// <summary>The date the table counts back from.</summary>
    public DateOnly AsOf { get; }

    /// <summary>The table for <paramref name="asOf"/>.</summary>
    public static Anniversaries Of(DateOnly asOf)
    {
        var latest = s_latest;
        if (latest is null || latest.AsOf != asOf)
        {
            s_latest = latest = new Anniversaries(asOf);
        }

        return latest;
    }

    /// <summary><see cref="DateGenerator.YearsBefore"/>(<see cref="AsOf"/>, <paramref name="years"/>).</summary>
    public DateOnly YearsBefore(double years)
    {
        var whole = Math.Floor(years);
        if (!(whole >= 0 && whole < _dayNumbers.Length))
        {
            return DateGenerator.YearsBefore(AsOf, years);
        }

        var k = (int)whole;
        return DateOnly.FromDayNumber(_dayNumbers[k] - (int)Math.Floor((years - whole) * (_yearLengths[k] - 1)));
    }

    /// <summary>
    /// <see cref="AgeGenerator.YearsBetween"/>(<paramref name="birth"/>, <see cref="AsOf"/>): the
    /// largest k whose anniversary as_of.AddYears(-k) is on or after the birth date. (The calendar
    /// rule, years less one before the birthday, picks the same k, Feb 29 included.)
    /// </summary>
    public int YearsSince(DateOnly birth)
    {
        var day = birth.DayNumber;
        if (_dayNumbers.Length == 0 || day > _dayNumbers[0] || day < _dayNumbers[^1])
        {
            return AgeGenerator.YearsBetween(birth, AsOf);
        }

        // Days / 366 never overshoots; the anniversaries then say how far to step up.
        var k = (_dayNumbers[0] - day) / 366;
        while (k + 1 < _dayNumbers.Length && _dayNumbers[k + 1] >= day)
        {
            k++;
        }

        return k;
    }
}
