#:project ../../clustering/SegBench.Clustering/SegBench.Clustering.csproj
#:property PublishAot=false

// Fits the k-means model serve-load.sh serves, and writes one valid customer as the request body.
// Usage: dotnet run bench/load/fit-model.cs -- DATA/customers.csv OUT/model.json OUT/customer.json
using System.Globalization;
using System.Text.Json.Nodes;
using SegBench.Clustering.Pipeline;
using SegBench.Clustering.Preprocessing;
using SegBench.Data;
using SegBench.Data.Formats;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: fit-model.cs CUSTOMERS.csv MODEL.json CUSTOMER.json");
    return 2;
}

Table table;
using (var reader = TableReaders.Open(args[0]))
{
    table = reader.ReadAll();
}

var fit = SegmentationModel.Fit(table, PreprocessingOptions.Recommended, new AlgorithmOptions { Clusters = 6, Seed = 1 }, "customer_id");
fit.Model.Save(args[1]);

// The first row with every input column present, with all of the dataset's columns, as JSON.
for (var row = 0; row < table.RowCount; row++)
{
    if (fit.Model.InputColumns.Any(c => table[c].IsNull(row)))
    {
        continue;
    }

    var customer = new JsonObject();
    foreach (var field in table.Schema.Fields)
    {
        var column = table[field.Name];
        customer[field.Name] = column.IsNull(row) ? null : column switch
        {
            DoubleColumn doubles => JsonValue.Create(doubles[row]),
            Int64Column longs => JsonValue.Create(longs[row]),
            Int32Column ints => JsonValue.Create(ints[row]),
            BooleanColumn booleans => JsonValue.Create(booleans[row]),
            DateColumn dates => JsonValue.Create(dates.GetDate(row).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            StringColumn text => JsonValue.Create(text.GetString(row)),
            _ => null,
        };
    }

    File.WriteAllText(args[2], customer.ToJsonString());
    Console.Error.WriteLine($"fit-model: {fit.Model.Clusters.Algorithm}, k = {fit.Model.Clusters.NumberOfClusters}, inputs: {string.Join(", ", fit.Model.InputColumns)}");
    return 0;
}

Console.Error.WriteLine("fit-model: no row has every input column.");
return 1;
