using System.Collections.Frozen;
using System.Globalization;

namespace SegBench.Generator.Reference;

/// <summary>A state or union territory with its ISO 3166-2:IN and GST codes.</summary>
public sealed record IndianState(string IsoCode, string GstCode, string Name, bool IsUnionTerritory);

/// <summary>A city, its state and the PIN codes it spans.</summary>
public sealed record IndianCity(string Name, IndianState State, int FirstPin, int LastPin, double Weight);

/// <summary>A bank with its IFSC bank code.</summary>
public sealed record Bank(string Code, string Name, string Kind, double Weight);

/// <summary>
/// The reference tables shipped inside the generator as embedded CSV: states and union
/// territories, major cities with PIN ranges, banks, branch localities and street names.
/// Immutable and loaded once.
/// </summary>
public static class ReferenceData
{
    private static readonly Lazy<Tables> Loaded = new(Load);

    /// <summary>The 36 states and union territories.</summary>
    public static IReadOnlyList<IndianState> States => Loaded.Value.States;

    /// <summary>States by ISO code (e.g. "MH").</summary>
    public static FrozenDictionary<string, IndianState> StatesByIso => Loaded.Value.StatesByIso;

    /// <summary>Major cities.</summary>
    public static IReadOnlyList<IndianCity> Cities => Loaded.Value.Cities;

    /// <summary>Banks with real IFSC codes.</summary>
    public static IReadOnlyList<Bank> Banks => Loaded.Value.Banks;

    /// <summary>Locality names used for branch names.</summary>
    public static IReadOnlyList<string> Localities => Loaded.Value.Localities;

    /// <summary>Street names used for addresses.</summary>
    public static IReadOnlyList<string> Streets => Loaded.Value.Streets;

    private static Tables Load()
    {
        var states = ReadCsv("states.csv").Select(r => new IndianState(r[0], r[1], r[2], r[3] == "UT")).ToArray();
        var byIso = states.ToFrozenDictionary(s => s.IsoCode, StringComparer.Ordinal);
        var cities = ReadCsv("cities.csv").Select(r => new IndianCity(
            r[0],
            byIso.TryGetValue(r[1], out var state) ? state : throw new InvalidDataException($"cities.csv: unknown state '{r[1]}'."),
            int.Parse(r[2], CultureInfo.InvariantCulture),
            int.Parse(r[3], CultureInfo.InvariantCulture),
            double.Parse(r[4], CultureInfo.InvariantCulture))).ToArray();
        var banks = ReadCsv("banks.csv").Select(r => new Bank(r[0], r[1], r[2], double.Parse(r[3], CultureInfo.InvariantCulture))).ToArray();
        return new Tables(states, byIso, cities, banks, ReadCsv("localities.csv").Select(r => r[0]).ToArray(), ReadCsv("streets.csv").Select(r => r[0]).ToArray());
    }

    /// <summary>The rows of an embedded table, its header skipped. The files are simple (no quoted fields), so a split suffices.</summary>
    internal static List<string[]> ReadCsv(string name)
    {
        using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream($"SegBench.Generator.Reference.{name}")
            ?? throw new InvalidOperationException($"Embedded reference table {name} is missing.");
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                rows.Add(line.Split(','));
            }
        }

        return rows;
    }

    private sealed record Tables(
        IReadOnlyList<IndianState> States,
        FrozenDictionary<string, IndianState> StatesByIso,
        IReadOnlyList<IndianCity> Cities,
        IReadOnlyList<Bank> Banks,
        IReadOnlyList<string> Localities,
        IReadOnlyList<string> Streets);
}
