namespace SegBench.Generator.Schema;

/// <summary>A loaded, syntactically valid schema: what to generate. <see cref="Engine.DatasetPlan"/> compiles it.</summary>
/// <param name="Name">The schema's name.</param>
/// <param name="Version">The schema author's version number.</param>
/// <param name="Seed">The default seed.</param>
/// <param name="AsOf">"Today" for ages and tenures; generation never reads the clock.</param>
/// <param name="Tables">Tables in declaration order (included files first).</param>
/// <param name="SourcePath">The root file.</param>
/// <param name="ContentHash">SHA-256 of the root file and every included file, in load order.</param>
public sealed record DatasetSchema(
    string Name,
    int Version,
    ulong Seed,
    DateOnly AsOf,
    IReadOnlyList<TableSpec> Tables,
    string SourcePath,
    string ContentHash);

/// <summary>One table of a schema.</summary>
/// <param name="Name">The table name, also the output file name.</param>
/// <param name="Rows">Default row count (for a child table: ignored, rows follow the parent).</param>
/// <param name="Key">The key column, written to the truth file.</param>
/// <param name="Columns">Columns in declaration (output) order.</param>
/// <param name="Segments">The planted mixture, if any.</param>
/// <param name="Correlations">Within-segment latent correlations.</param>
/// <param name="Outliers">Outlier injection, if any.</param>
/// <param name="Parent">For child tables: the parent and the number of children per parent row.</param>
/// <param name="Node">The table's YAML node, for error locations.</param>
public sealed record TableSpec(
    string Name,
    long Rows,
    string? Key,
    IReadOnlyList<ColumnSpec> Columns,
    SegmentsSpec? Segments,
    IReadOnlyList<CorrelationSpec> Correlations,
    OutlierSpec? Outliers,
    ParentSpec? Parent,
    SchemaNode Node);

/// <summary>A column: its kind and its settings node, which the kind's factory validates.</summary>
public sealed record ColumnSpec(string Name, string Kind, SchemaNode Node);

/// <summary>The planted segments of a table.</summary>
/// <param name="Separation">The separation the shifts are written at; <c>--separation</c> rescales relative to it.</param>
/// <param name="Members">The segments.</param>
/// <param name="Node">Where they are declared.</param>
/// <param name="Inherit">True when each child row takes its parent row's segment (the members are then the parent's).</param>
public sealed record SegmentsSpec(double Separation, IReadOnlyList<SegmentSpec> Members, SchemaNode Node, bool Inherit = false);

/// <summary>One segment: a mixture component.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Weight">Its mixture weight (normalised over all segments).</param>
/// <param name="Shifts">Per numeric column: where the segment's median sits.</param>
/// <param name="Categories">Per categorical or boolean column: the segment's weights.</param>
/// <param name="ParentSegments">For a child table: how much more likely this segment is under each parent segment.</param>
/// <param name="Node">Where it is declared.</param>
public sealed record SegmentSpec(
    string Name,
    double Weight,
    IReadOnlyDictionary<string, SchemaNode> Shifts,
    IReadOnlyDictionary<string, SchemaNode> Categories,
    IReadOnlyDictionary<string, double> ParentSegments,
    SchemaNode Node);

/// <summary>A latent correlation between two numeric columns within each segment.</summary>
public sealed record CorrelationSpec(string First, string Second, double Correlation, SchemaNode Node);

/// <summary>Outlier rows: drawn from no segment, with latent values scaled up.</summary>
/// <param name="Rate">The share of rows that are outliers.</param>
/// <param name="Scale">How much wider the latent spread of an outlier is.</param>
public sealed record OutlierSpec(double Rate, double Scale);

/// <summary>A child table's link to its parent.</summary>
/// <param name="Table">The parent table.</param>
/// <param name="PerParent">The distribution of child rows per parent row, or null when a parent column gives the count.</param>
/// <param name="PerParentColumn">The parent column that gives the count (e.g. one statement per month of TENURE).</param>
/// <param name="MaximumPerParent">The cap on children per parent; child identifiers are built from parent ordinal × this + position.</param>
/// <param name="Node">Where it is declared.</param>
public sealed record ParentSpec(string Table, Distribution? PerParent, SchemaNode? PerParentColumn, int MaximumPerParent, SchemaNode Node);
