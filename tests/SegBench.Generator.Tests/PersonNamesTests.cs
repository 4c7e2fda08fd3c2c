using Bogus.Bson;
using SegBench.Generator.Reference;

namespace SegBench.Generator.Tests;

public sealed class PersonNamesTests
{
    [Fact]
    public void TheEmbeddedNamesAreBogusEnIndNamesSplitAtTheFirstMaleName()
    {
        // Bogus lists the female first names, then the male ones from "Aadi" on.
        var locale = Bogus.Database.GetLocale("en_IND")["name"];
        var first = Strings((BArray)locale["first_name"]);
        var split = Array.IndexOf(first, "Aadi");
        split.Should().BePositive("Bogus's en_IND first names still start their male part at Aadi");

        PersonNames.FemaleFirstNames.Should().Equal(first[..split].Distinct());
        PersonNames.MaleFirstNames.Should().Equal(first[split..].Distinct());
        PersonNames.LastNames.Should().Equal(Strings((BArray)locale["last_name"]).Distinct());
    }

    private static string[] Strings(BArray array) => [.. Enumerable.Range(0, array.Count).Select(i => array[i].StringValue)];
}
