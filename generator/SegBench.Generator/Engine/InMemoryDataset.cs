using SegBench.Data;
using SegBench.Generator.Segments;

namespace SegBench.Generator.Engine;

/// <summary>A table generated in memory with its ground truth, for experiments that skip the file round trip.</summary>
/// <param name="Data">The data columns (hidden columns left out), as a file would hold them.</param>
/// <param name="Segments">The generating segment of each row (-1 for outliers).</param>
/// <param name="MostLikely">The Bayes-optimal segment of each row.</param>
/// <param name="Difficulty">The Bayes ceiling achieved on these rows.</param>
/// <param name="SegmentNames">Segment names by id.</param>
public sealed record InMemoryTable(Table Data, int[] Segments, int[] MostLikely, Difficulty Difficulty, IReadOnlyList<string> SegmentNames)
{
    /// <summary>
    /// Generates a table: <paramref name="rootRows"/> rows of its root table and, for a child table,
    /// all their descendants. Same values as the files <see cref="DatasetGenerator.Run"/> writes.
    /// </summary>
    public static InMemoryTable Generate(TablePlan table, long rootRows, int batchRows = GenerateOptions.Defaults.BatchRows)
    {
        ArgumentNullException.ThrowIfNull(table);
        var states = table.CreateLineageStates();
        var batches = new List<ColumnBatch>();
        var segments = new List<int>();
        var likely = new List<int>();
        var k = table.Segments.Count;
        var contingency = new long[k * k];
        for (long first = 0; first < rootRows; first += batchRows)
        {
            var count = (int)Math.Min(batchRows, rootRows - first);
            // Ancestors are regenerated from root row indexes, filling only what their child reads.
            var state = table.GenerateLineage(states, first, count);
            var truth = ColumnBatch.CreateEmpty(table.TruthSchema, state.Count);
            table.FillTruth(state, truth, contingency);
            segments.AddRange(((Int32Column)truth["segment"]).Values);
            likely.AddRange(((Int32Column)truth["segment_likely"]).Values);

            // The states are reused for the next batch, so the output is copied out.
            batches.Add(Copy(table.Output(state)));
        }

        var data = Table.Concatenate(table.DataSchema, batches);
        return new InMemoryTable(data, [.. segments], [.. likely], Difficulty.FromContingency(contingency, k), table.Segments.Names);
    }

    private static ColumnBatch Copy(ColumnBatch batch)
    {
        var copy = ColumnBatch.CreateEmpty(batch.Schema, batch.RowCount);
        for (var c = 0; c < batch.Columns.Count; c++)
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                copy.Columns[c].AppendFrom(batch.Columns[c], r);
            }
        }

        return copy;
    }
}
