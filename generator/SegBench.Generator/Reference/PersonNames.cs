namespace SegBench.Generator.Reference;

/// <summary>
/// Indian first and last names, from Bogus's en_IND locale data, shipped as the embedded table
/// person_names.csv. That list has no gender split, but it holds the female names first and the
/// male names from "Aadi" on, so the table records the split. Embedding the names (a test checks
/// them against Bogus) keeps seeded output independent of the Bogus version, and spares every run
/// the tens of milliseconds Bogus takes to decode its locale database.
/// </summary>
public static class PersonNames
{
    private static readonly Lazy<(string[] Female, string[] Male, string[] Last)> Loaded = new(Load);

    /// <summary>Female first names.</summary>
    public static IReadOnlyList<string> FemaleFirstNames => Loaded.Value.Female;

    /// <summary>Male first names.</summary>
    public static IReadOnlyList<string> MaleFirstNames => Loaded.Value.Male;

    /// <summary>Last names (surnames).</summary>
    public static IReadOnlyList<string> LastNames => Loaded.Value.Last;

    private static (string[] Female, string[] Male, string[] Last) Load()
    {
        var rows = ReferenceData.ReadCsv("person_names.csv");
        string[] Names(string kind) => [.. rows.Where(r => r[0] == kind).Select(r => r[1])];
        return (Names("female"), Names("male"), Names("last"));
    }
}
