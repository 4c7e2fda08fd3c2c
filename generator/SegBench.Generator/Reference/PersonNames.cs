using Bogus.Bson;

namespace SegBench.Generator.Reference;

/// <summary>
/// Indian first and last names from Bogus's en_IND locale data. That list has no gender split,
/// but it holds the female names first and the male names from "Aadi" on, so the split is taken
/// there; only the data is used, never Bogus's global randomizer.
/// </summary>
public static class PersonNames
{
    private const string FirstMaleName = "Aadi";
    private static readonly Lazy<(string[] Female, string[] Male, string[] Last)> Loaded = new(Load);

    /// <summary>Female first names.</summary>
    public static IReadOnlyList<string> FemaleFirstNames => Loaded.Value.Female;

    /// <summary>Male first names.</summary>
    public static IReadOnlyList<string> MaleFirstNames => Loaded.Value.Male;

    /// <summary>Last names (surnames).</summary>
    public static IReadOnlyList<string> LastNames => Loaded.Value.Last;

    private static (string[] Female, string[] Male, string[] Last) Load()
    {
        var name = Bogus.Database.GetLocale("en_IND")["name"];
        var first = ToArray((BArray)name["first_name"]);
        var last = ToArray((BArray)name["last_name"]);
        var split = Array.IndexOf(first, FirstMaleName);
        if (split <= 0)
        {
            throw new InvalidOperationException("Bogus's en_IND first names changed: the female/male split was not found.");
        }

        return (first[..split].Distinct().ToArray(), first[split..].Distinct().ToArray(), last.Distinct().ToArray());
    }

    private static string[] ToArray(BArray array)
    {
        var values = new string[array.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = array[i].StringValue;
        }

        return values;
    }
}
