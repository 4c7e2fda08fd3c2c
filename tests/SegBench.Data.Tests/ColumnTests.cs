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
}
