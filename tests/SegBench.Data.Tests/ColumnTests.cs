using SegBench.Data;

namespace SegBench.Data.Tests;

public sealed class ColumnTests
{
    [Fact]
    public void ByteLengthCountsTheBytesOfNonNullStringsInARange()
    {
        var column = new StringColumn();
        foreach (var value in new[] { "a", "bb", "ccc", "दिल्ली", "", "eeeee" })
        {
            column.Append(value);
        }

        // A value marked null after it was written still holds its bytes, but they do not count.
        column.SetNull(2);

        column.ByteLength(0, 6).Should().Be(1 + 2 + 18 + 5);
        column.ByteLength(1, 3).Should().Be(2 + 18);
        column.ByteLength(4, 0).Should().Be(0);
        column.ByteLength(6, 0).Should().Be(0);
        var outside = () => column.ByteLength(3, 4);
        outside.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void AppendFromATableAppendsEachIndexedValueAfterWhatIsThere()
    {
        // Values of 0, 1, 15, 16, 17 and 40 bytes (slots of 48), multi-byte text, and a column
        // that must grow from its smallest size many times.
        string[] values = ["", "a", "fifteen bytes!!", "exactly sixteen.", "seventeen bytes!!", "दिल्ली", new string('x', 40)];
        var table = new StringTable(values);
        var column = new StringColumn();
        column.Append("before");
        var random = new Random(5);
        var indexes = Enumerable.Range(0, 3000).Select(_ => random.Next(values.Length)).ToArray();

        column.AppendFrom(table, indexes);
        column.Append("after");
        column.AppendFrom(table, []);

        string?[] expected = ["before", .. indexes.Select(i => values[i]), "after"];
        Enumerable.Range(0, column.Count).Select(column.GetString).Should().Equal(expected);
        table.Count.Should().Be(values.Length);
        System.Text.Encoding.UTF8.GetString(table[5]).Should().Be("दिल्ली");
    }

    [Fact]
    public void AppendFromATableRejectsAnIndexOutsideIt()
    {
        var table = new StringTable(["a", "b"]);
        var column = new StringColumn();
        var outside = () => column.AppendFrom(table, [0, 2]);
        outside.Should().Throw<IndexOutOfRangeException>();
        column.Count.Should().Be(0, "a failed append leaves the column as it was");
        var negative = () => column.AppendFrom(table, [-1]);
        negative.Should().Throw<IndexOutOfRangeException>();
        var empty = () => new StringTable(Array.Empty<string>());
        empty.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void AppendValuesGrowsTheColumnAndHandsBackSlotsInOrder()
    {
        var column = new DoubleColumn(2);
        column.Append(1.5);

        var slots = column.AppendValues(40);
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = i * 2.0;
        }

        column.Append(-1);

        column.Count.Should().Be(42);
        column.Values.ToArray().Should().Equal([1.5, .. Enumerable.Range(0, 40).Select(i => i * 2.0), -1]);
        column.AppendValues(0).Length.Should().Be(0);
        Action negative = () => column.AppendValues(-1);
        negative.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void AppendRangeCopiesValuesAndNullsOfStringsAndNumbers()
    {
        var text = new StringColumn();
        var numbers = new Int64Column();
        for (var i = 0; i < 10; i++)
        {
            text.Append($"v{i}é");
            numbers.Append(i * 11);
        }

        text.SetNull(3);
        numbers.SetNull(4);
        var copiedText = new StringColumn();
        copiedText.Append("first");
        var copiedNumbers = new Int64Column();
        copiedNumbers.Append(-1);

        copiedText.AppendRange(text, 2, 5);
        copiedText.AppendRange(text, 9, 1);
        copiedNumbers.AppendRange(numbers, 2, 5);

        Enumerable.Range(0, copiedText.Count).Select(copiedText.GetString).Should().Equal("first", "v2é", null, "v4é", "v5é", "v6é", "v9é");
        copiedNumbers.Values.ToArray().Should().Equal(-1, 22, 33, 44, 55, 66);
        Enumerable.Range(0, copiedNumbers.Count).Select(copiedNumbers.IsNull).Should().Equal(false, false, false, true, false, false);
        copiedText.ByteLength(0, copiedText.Count).Should().Be(5 + (5 * 4), "first, and five copied values of 4 bytes; the null holds none");
    }

    [Fact]
    public void AppendRangeRejectsAnotherTypeAndRowsOutsideTheSource()
    {
        var numbers = new DoubleColumn();
        numbers.Append(1);

        var wrongType = () => new Int32Column().AppendRange(numbers, 0, 1);
        var outside = () => new DoubleColumn().AppendRange(numbers, 1, 1);

        wrongType.Should().Throw<ArgumentException>().WithMessage("*Double values to a Int32 column*");
        outside.Should().Throw<ArgumentOutOfRangeException>();
    }
}
