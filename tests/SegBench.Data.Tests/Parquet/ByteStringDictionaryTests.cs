using System.Text;
using SegBench.Data.Formats.Parquet;

namespace SegBench.Data.Tests.Parquet;

public sealed class ByteStringDictionaryTests
{
    // 8-byte (doubles, longs), 4-byte (ints) and variable-length (strings) values take different hash paths.
    public static TheoryData<int> Widths => [8, 4, 0];

    [Theory]
    [MemberData(nameof(Widths))]
    public void IndicesFollowFirstInsertionAcrossRehashesAndAfterClear(int width)
    {
        var dictionary = new ByteStringDictionary();
        for (var round = 0; round < 2; round++)
        {
            // Round 1 reuses the cleared, already grown dictionary, as a rejected page's dictionary serves the next page.
            dictionary.Clear();
            var random = new Random(7 + round);
            var expected = new Dictionary<string, int>();
            for (var i = 0; i < 5_000; i++)
            {
                var value = Value(width, random.Next(0, 2_000) * (round + 1));
                var key = Convert.ToHexString(value);
                var index = dictionary.GetOrAdd(value);
                if (!expected.TryGetValue(key, out var first))
                {
                    first = expected.Count;
                    expected[key] = first;
                }

                index.Should().Be(first);
                dictionary[index].ToArray().Should().Equal(value);
            }

            dictionary.Count.Should().Be(expected.Count);
            dictionary.IndexOf(Value(width, -1)).Should().Be(-1);
            foreach (var (key, index) in expected)
            {
                dictionary.IndexOf(Convert.FromHexString(key)).Should().Be(index);
            }
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    public void AddingNumbersByTheirBitsFillsTheSameDictionaryAsAddingTheirBytes(int width)
    {
        var byBytes = new ByteStringDictionary();
        var byBits = new ByteStringDictionary();
        var random = new Random(11);
        for (var i = 0; i < 20_000; i++)
        {
            var value = Value(width, random.Next(-3_000, 3_000));

            var expected = byBytes.GetOrAdd(value);
            var actual = width == 8 ? byBits.GetOrAdd(BitConverter.ToUInt64(value)) : byBits.GetOrAdd(BitConverter.ToUInt32(value));

            actual.Should().Be(expected);
        }

        byBits.Count.Should().Be(byBytes.Count);
        byBits.ByteLength.Should().Be(byBytes.ByteLength);
        for (var index = 0; index < byBytes.Count; index++)
        {
            byBits[index].ToArray().Should().Equal(byBytes[index].ToArray());
            byBits.IndexOf(byBytes[index]).Should().Be(index, "a value added by its bits is found by its bytes");
        }
    }

    [Fact]
    public void NumbersOfAnotherWidthThanTheValuesHeldAreRefused()
    {
        var dictionary = new ByteStringDictionary();
        dictionary.GetOrAdd(5u);

        var wider = () => dictionary.GetOrAdd(5UL);

        wider.Should().Throw<NotSupportedException>();
        dictionary.Clear();
        dictionary.GetOrAdd(5UL).Should().Be(0, "an emptied dictionary takes numbers of any width");
    }

    private static byte[] Value(int width, int n) => width switch
    {
        8 => BitConverter.GetBytes(n / 100.0),
        4 => BitConverter.GetBytes(n),
        _ => Encoding.UTF8.GetBytes($"value {n}"),
    };
}
