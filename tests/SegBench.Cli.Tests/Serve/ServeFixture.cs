using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SegBench.Cli.Serve;
using SegBench.Clustering.Pipeline;
using SegBench.Clustering.Preprocessing;
using SegBench.Data;
using SegBench.Data.Formats;

namespace SegBench.Cli.Tests.Serve;

/// <summary>
/// One generated dataset, three fitted and saved models, and a real Kestrel server for each on a
/// free loopback port, shared by the serve tests.
/// </summary>
public sealed class ServeFixture : IAsyncLifetime
{
    public const int MaximumBatch = 50;
    public const int MaximumBodyBytes = 64 * 1024;

    /// <summary>The columns of the model that takes categories, dates and booleans too.</summary>
    public static readonly string[] MixedFeatures = ["age", "annual_income", "networth", "date_of_birth", "occupation", "account_type", "has_demat_account"];

    private readonly TempFolder _folder = new();
    private readonly List<ServeHost> _hosts = [];

    public Table Customers { get; private set; } = null!;

    public string KMeansPath => _folder["kmeans.json"];

    public string GmmPath => _folder["gmm.json"];

    public string MixedPath => _folder["mixed.json"];

    public Served KMeans { get; private set; } = null!;

    public Served Gmm { get; private set; } = null!;

    public Served Mixed { get; private set; } = null!;

    /// <summary>What the request log of <see cref="KMeans"/> has written.</summary>
    public StringWriter KMeansLog { get; } = new();

    public string Folder => _folder.Path;

    public async Task InitializeAsync()
    {
        var generated = Cli.Run("generate", "--schema", Schemas.Shipped, "--rows", "1500", "--seed", "7", "--threads", "1", "--out", _folder["data"]);
        generated.ExitCode.Should().Be(0, generated.Error);
        using (var reader = TableReaders.Open(_folder["data/customers.csv"]))
        {
            Customers = reader.ReadAll();
        }

        var kmeans = SegmentationModel.Fit(Customers, PreprocessingOptions.Recommended, new AlgorithmOptions { Clusters = 6, Seed = 1 }, "customer_id").Model;
        var gmm = SegmentationModel.Fit(Customers, PreprocessingOptions.Recommended, new AlgorithmOptions { Algorithm = "gmm", Clusters = 6, Seed = 1 }, "customer_id").Model;
        var mixed = SegmentationModel.Fit(Customers, PreprocessingOptions.Recommended with { NumericOnly = false, Features = MixedFeatures }, new AlgorithmOptions { Clusters = 4, Seed = 1 }, "customer_id").Model;
        kmeans.Save(KMeansPath);
        gmm.Save(GmmPath);
        mixed.Save(MixedPath);

        // Served from the saved files, as the command does.
        KMeans = await StartAsync(KMeansPath, RequestLogging.Requests, TextWriter.Synchronized(KMeansLog));
        Gmm = await StartAsync(GmmPath, RequestLogging.None, TextWriter.Null);
        Mixed = await StartAsync(MixedPath, RequestLogging.None, TextWriter.Null);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }

        KMeans?.Client.Dispose();
        Gmm?.Client.Dispose();
        Mixed?.Client.Dispose();
        _folder.Dispose();
    }

    /// <summary>A row of the generated table as the service takes it: every column, by its dataset name.</summary>
    public JsonObject CustomerJson(int row)
    {
        var customer = new JsonObject();
        foreach (var field in Customers.Schema.Fields)
        {
            customer[field.Name] = Cell(Customers[field.Name], row) switch
            {
                null => null,
                double number => JsonValue.Create(number),
                long number => JsonValue.Create(number),
                bool flag => JsonValue.Create(flag),
                var text => JsonValue.Create((string)text),
            };
        }

        return customer;
    }

    /// <summary>The same row as the name → value dictionary <see cref="SegmentationModel.Assign(IReadOnlyDictionary{string, object?})"/> reads.</summary>
    public Dictionary<string, object?> CustomerRow(int row) =>
        Customers.Schema.Fields.ToDictionary(f => f.Name, f => Cell(Customers[f.Name], row));

    public static StringContent Json(JsonNode node) => Json(node.ToJsonString());

    public static StringContent Json(string text) => new(text, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private async Task<Served> StartAsync(string path, RequestLogging log, TextWriter writer)
    {
        var options = new ServeOptions
        {
            ModelPath = path,
            Urls = "http://127.0.0.1:0",
            MaximumBatch = MaximumBatch,
            MaximumBodyBytes = MaximumBodyBytes,
            Log = log,
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        }.Validate();
        var model = SegmentationModel.Load(path);
        var host = await ServeHost.StartAsync(model, options, writer);
        _hosts.Add(host);
        var address = host.Addresses.Should().ContainSingle().Subject;
        address.Should().StartWith("http://127.0.0.1:");
        return new Served(model, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) });
    }

    private static object? Cell(Column column, int row) => column.IsNull(row) ? null : column switch
    {
        DoubleColumn doubles => doubles[row],
        Int64Column longs => longs[row],
        Int32Column ints => (long)ints[row],
        BooleanColumn booleans => booleans[row],
        DateColumn dates => dates.GetDate(row).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        StringColumn text => text.GetString(row),
        _ => throw new NotSupportedException(column.GetType().Name),
    };
}

/// <summary>A running server and the model it serves.</summary>
public sealed record Served(SegmentationModel Model, HttpClient Client);

[CollectionDefinition(Name)]
public sealed class ServeCollection : ICollectionFixture<ServeFixture>
{
    public const string Name = "serve";
}
