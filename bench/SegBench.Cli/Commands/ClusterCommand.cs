using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using SegBench.Cli.Commands.Clustering;
using SegBench.Cli.Output;
using SegBench.Clustering.Algorithms;
using SegBench.Clustering.Pipeline;
using SegBench.Clustering.Preprocessing;
using SegBench.Clustering.Selection;

namespace SegBench.Cli.Commands;

/// <summary><c>segbench cluster</c>: fits a segmentation of a table file and writes the model, assignments and profiles.</summary>
internal static class ClusterCommand
{
    /// <summary>The seed used when <c>--seed</c> is not given.</summary>
    public const int DefaultSeed = 42;

    /// <summary>Builds the command.</summary>
    public static Command Create(ConsoleStreams console, CancellationToken cancellationToken)
    {
        var input = new Option<string>("--input", "-i") { Description = "The table to cluster: .csv, .tsv, .xlsx or .parquet. In a folder written by 'segbench generate', the manifest's column types, roles and key are used.", Required = true, HelpName = "FILE" };
        var algorithm = new Option<string>("--algorithm", "-a") { Description = $"The algorithm: {string.Join(", ", AlgorithmOptions.Names)}.", CustomParser = ClusterOptionParsers.Algorithm, DefaultValueFactory = _ => "kmeans", HelpName = "NAME" };
        var k = new Option<KChoice?>("--k") { Description = "The number of clusters, or 'auto' to choose it over --k-range by --k-method. Required except for dbscan and --init FILE (which gives k).", CustomParser = ClusterOptionParsers.K, HelpName = "N|auto" };
        var kRange = new Option<(int Minimum, int Maximum)?>("--k-range") { Description = "The K values tried with --k auto. Default: 2..10.", CustomParser = ClusterOptionParsers.KRange, HelpName = "A..B" };
        var kMethod = new Option<SelectionMethod?>("--k-method") { Description = "How --k auto chooses: silhouette (default), calinski-harabasz, davies-bouldin, gap, bic (gmm) or elbow.", CustomParser = r => ClusterOptionParsers.Choice<SelectionMethod?>(r, "--k-method", ClusterOptionParsers.KMethods.ToDictionary(p => p.Key, p => (SelectionMethod?)p.Value)), HelpName = "METHOD" };
        var init = new Option<string>("--init") { Description = "kmeans only: k-means++ (default), random, or a CSV of initial centers, one row per cluster and one column per feature in the model's feature space, i.e. after preprocessing (scaled, encoded, PCA-projected); an optional header naming the features matches columns by name. NaN, empty cells or a wrong width fail.", HelpName = "k-means++|random|FILE" };
        var maxIter = new Option<int?>("--max-iter") { Description = "The most iterations per run. Default: the algorithm's.", CustomParser = r => (int?)OptionParsers.Integer(r, "--max-iter", 1, 1_000_000, "the iteration limit"), HelpName = "N" };
        var tol = new Option<double?>("--tol") { Description = "The convergence tolerance. Default: the algorithm's.", CustomParser = r => ClusterOptionParsers.Number(r, "--tol", positive: false), HelpName = "X" };
        var nInit = new Option<int?>("--n-init") { Description = "Runs from different starts, keeping the best. Default: the algorithm's.", CustomParser = r => (int?)OptionParsers.Integer(r, "--n-init", 1, 1000, "the number of runs"), HelpName = "N" };
        var seed = new Option<int>("--seed") { Description = "The seed of every random choice (starts, samples, the silhouette sample).", CustomParser = r => (int)(OptionParsers.Integer(r, "--seed", 0, int.MaxValue, "the seed") ?? 0), DefaultValueFactory = _ => DefaultSeed, HelpName = "S" };
        var eps = new Option<double?>("--eps") { Description = "dbscan: the neighbourhood radius in the feature space. Default: 0.5.", CustomParser = r => ClusterOptionParsers.Number(r, "--eps", positive: true), HelpName = "X" };
        var minSamples = new Option<int?>("--min-samples") { Description = "dbscan: neighbours (itself included) that make a core point. Default: 5.", CustomParser = r => (int?)OptionParsers.Integer(r, "--min-samples", 1, 1_000_000, "the core-point threshold"), HelpName = "N" };
        var covariance = new Option<CovarianceType?>("--covariance") { Description = "gmm: full (default) or diag covariance.", CustomParser = r => ClusterOptionParsers.Choice<CovarianceType?>(r, "--covariance", ClusterOptionParsers.Covariances.ToDictionary(p => p.Key, p => (CovarianceType?)p.Value)), HelpName = "full|diag" };
        var key = new Option<string>("--key") { Description = "The key column written to assignments.csv. Default: the manifest's key, else the 0-based row number in a column 'row'.", HelpName = "COL" };
        var features = new Option<string[]>("--features") { Description = "Cluster on exactly these columns (comma-separated). Default: the numeric columns that are features (not identifiers or text) and at most half empty.", CustomParser = ClusterOptionParsers.Columns, AllowMultipleArgumentsPerToken = false, HelpName = "a,b,..." };
        var exclude = new Option<string[]>("--exclude") { Description = "Never use these columns (comma-separated).", CustomParser = ClusterOptionParsers.Columns, HelpName = "a,b,..." };
        var scale = new Option<ScalingMethod?>("--scale") { Description = "Scaling after imputation: standard (default), robust, minmax or none.", CustomParser = r => ClusterOptionParsers.Choice<ScalingMethod?>(r, "--scale", ClusterOptionParsers.Scalings.ToDictionary(p => p.Key, p => (ScalingMethod?)p.Value)), HelpName = "METHOD" };
        var impute = new Option<ImputationStrategy?>("--impute") { Description = "Filling missing values: median (default), mean, most-frequent or knn.", CustomParser = r => ClusterOptionParsers.Choice<ImputationStrategy?>(r, "--impute", ClusterOptionParsers.Imputations.ToDictionary(p => p.Key, p => (ImputationStrategy?)p.Value)), HelpName = "METHOD" };
        var encode = new Option<string>("--encode") { Description = "Categorical columns: none (default: numeric features only), onehot or ordinal. kprototypes defaults to ordinal.", CustomParser = r => ClusterOptionParsers.Choice(r, "--encode", ClusterOptionParsers.Encodings.ToDictionary(p => p.Key, p => p.Key)), HelpName = "none|onehot|ordinal" };
        var log = new Option<LogTransform?>("--log") { Description = "log1p on skewed non-negative columns: auto (default) or none.", CustomParser = r => ClusterOptionParsers.Choice<LogTransform?>(r, "--log", ClusterOptionParsers.Logs.ToDictionary(p => p.Key, p => (LogTransform?)p.Value)), HelpName = "auto|none" };
        var pca = new Option<int>("--pca") { Description = "Keep this many principal components (0: no PCA).", CustomParser = r => (int)(OptionParsers.Integer(r, "--pca", 0, 10_000, "the number of components") ?? 0), HelpName = "N" };
        var sheet = new Option<string>("--sheet") { Description = "XLSX: the sheet to read. Default: the first.", HelpName = "NAME" };
        var manifest = new Option<string>("--manifest") { Description = "A dataset manifest.json giving the column types, roles and key. Default: the manifest beside the input, if it lists the file.", HelpName = "FILE" };
        var output = new Option<string>("--out", "-o") { Description = "The folder for model.json, assignments.csv, profile.json and profile.md (created if missing).", Required = true, HelpName = "DIR" };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object on stdout." };
        var stream = new Option<bool>("--stream") { Description = "minibatch-kmeans with a given --k only: stream the file batch by batch instead of loading it, so memory is bounded by --sample-rows and --batch-rows (and, for Parquet, one row group's compressed bytes) whatever the file's length. The preprocessing and the profile are fitted on the first --sample-rows rows; the fit streams every row --passes times; a last pass writes assignments.csv." };
        var sampleRows = new Option<int>("--sample-rows") { Description = $"--stream: rows (the first whole batches) that fit the preprocessing and the profile. Default: {StreamedCluster.DefaultSampleRows:N0}.", CustomParser = r => (int)(OptionParsers.Integer(r, "--sample-rows", 1, 100_000_000, "the sample size") ?? StreamedCluster.DefaultSampleRows), DefaultValueFactory = _ => StreamedCluster.DefaultSampleRows, HelpName = "N" };
        var passes = new Option<int>("--passes") { Description = "--stream: how many times the fit streams the file. Default: 1.", CustomParser = r => (int)(OptionParsers.Integer(r, "--passes", 1, 1000, "the number of passes") ?? 1), DefaultValueFactory = _ => 1, HelpName = "N" };
        var batchRows = new Option<int>("--batch-rows") { Description = $"--stream: rows read per batch. Default: {StreamedCluster.DefaultBatchRows:N0}.", CustomParser = r => (int)(OptionParsers.Integer(r, "--batch-rows", 1, 1 << 24, "the batch size") ?? StreamedCluster.DefaultBatchRows), DefaultValueFactory = _ => StreamedCluster.DefaultBatchRows, HelpName = "N" };

        var command = new DocumentedCommand(
            "cluster",
            "Cluster a table: preprocess, fit, and write DIR/model.json (the whole pipeline, reusable by 'segbench profile' and 'segbench serve'), DIR/assignments.csv (key,cluster), DIR/profile.json and DIR/profile.md. Files appear only when all are complete. Exit codes: 0 ok, 1 failure (bad data, k > rows), 2 usage error.",
            "segbench cluster --input data/customers.csv --algorithm kmeans --k 6 --out run",
            "segbench cluster --input data/customers.csv --k auto --k-range 2..10 --k-method silhouette --out run --json",
            "segbench cluster --input data/customers.parquet --algorithm gmm --k 6 --covariance diag --out run",
            "segbench cluster --input data/customers.csv --algorithm kprototypes --k 6 --features age,income,city --out run",
            "segbench cluster --input data/customers.csv --algorithm dbscan --eps 0.8 --min-samples 10 --pca 3 --out run",
            "segbench cluster --input data/customers.csv --k 6 --init centers.csv --out run",
            "segbench cluster --input big/customers.parquet --algorithm minibatch-kmeans --k 6 --stream --sample-rows 100000 --passes 1 --out run")
        {
            input, algorithm, k, kRange, kMethod, init, maxIter, tol, nInit, seed, eps, minSamples, covariance,
            key, features, exclude, scale, impute, encode, log, pca, sheet, manifest, output, json,
            stream, sampleRows, passes, batchRows,
        };
        command.SetAction(parsed => SegBenchCommandLine.Guard(console, () =>
        {
            var name = parsed.GetValue(algorithm)!;
            var kChoice = parsed.GetValue(k);
            var initText = parsed.GetValue(init);
            var initFile = initText is null or "k-means++" or "random" ? null : initText;
            if (initText is not null && name != "kmeans")
            {
                throw new UsageException($"--init applies to kmeans only, not {name}.");
            }

            if (initFile is not null && kChoice is { Clusters: null })
            {
                throw new UsageException("--init FILE gives the centers, so K cannot be 'auto'.");
            }

            if (kChoice is { Clusters: null } && parsed.GetValue(kMethod) == SelectionMethod.Bic && name != "gmm")
            {
                throw new UsageException($"--k-method bic needs a likelihood, which only gmm has; {name} cannot use it.");
            }

            if (kChoice is null && name != "dbscan" && initFile is null)
            {
                throw new UsageException($"--k is required for {name}: a number of clusters, or 'auto'.");
            }

            var streaming = parsed.GetValue(stream);
            if (streaming && (name != "minibatch-kmeans" || kChoice is not { Clusters: not null } || initText is not null))
            {
                throw new UsageException($"--stream fits minibatch-kmeans with a given --k only (K cannot be chosen, nor centers given, without holding the rows); got --algorithm {name}{(kChoice is { Clusters: null } ? " --k auto" : "")}.");
            }

            var outputDirectory = parsed.GetValue(output)!;
            OutputFiles.CheckDirectory(outputDirectory);
            var path = parsed.GetValue(input)!;
            var streamed = streaming ? StreamedInput.Open(path, parsed.GetValue(manifest), parsed.GetValue(sheet), parsed.GetValue(batchRows)) : null;
            var data = (streamed is null ? InputTable.Read(path, parsed.GetValue(manifest), parsed.GetValue(sheet)) : streamed.Sample(parsed.GetValue(sampleRows))).RequireRows();
            var listed = parsed.GetValue(features) is { Length: > 0 } chosen ? chosen : null;
            var excluded = parsed.GetValue(exclude) ?? [];
            var keyName = parsed.GetValue(key);
            if (listed is not null)
            {
                data.RequireColumns("--features", listed);
            }

            if (keyName is not null)
            {
                data.RequireColumns("--key", [keyName]);
            }

            keyName ??= data.Key is { } manifestKey && data.Table.Schema.IndexOf(manifestKey) >= 0 ? manifestKey : null;
            var encodeName = parsed.GetValue(encode) ?? (name == "kprototypes" ? "ordinal" : "none");
            var encoding = ClusterOptionParsers.Encodings[encodeName];
            var preprocessing = PreprocessingOptions.Recommended with
            {
                Features = listed,
                Exclude = excluded,
                NumericOnly = encoding is null,
                Encoding = encoding ?? CategoricalEncoding.OneHot,
                Scaling = parsed.GetValue(scale) ?? PreprocessingOptions.Recommended.Scaling,
                Imputation = parsed.GetValue(impute) ?? PreprocessingOptions.Recommended.Imputation,
                Log = parsed.GetValue(log) ?? PreprocessingOptions.Recommended.Log,
                PrincipalComponents = parsed.GetValue(pca),
                Seed = (ulong)parsed.GetValue(seed),
            };
            if (encoding is null)
            {
                var candidates = listed ?? data.Table.Schema.Fields.Select(f => f.Name).Where(c => !excluded.Contains(c)).ToArray();
                data.RequireNumbers(candidates, new HashSet<string>(listed ?? [], StringComparer.Ordinal));
            }

            var range = parsed.GetValue(kRange) ?? (2, 10);
            var options = new AlgorithmOptions
            {
                Algorithm = name,
                Clusters = kChoice?.Clusters,
                MinimumK = range.Minimum,
                MaximumK = range.Maximum,
                KMethod = parsed.GetValue(kMethod) ?? SelectionMethod.Silhouette,
                Initialization = initText == "random" ? KMeansInitialization.Random : KMeansInitialization.KMeansPlusPlus,
                MaximumIterations = parsed.GetValue(maxIter),
                Tolerance = parsed.GetValue(tol),
                Initializations = parsed.GetValue(nInit),
                Seed = parsed.GetValue(seed),
                Eps = parsed.GetValue(eps) ?? DbscanOptions.Defaults.Eps,
                MinimumSamples = parsed.GetValue(minSamples) ?? DbscanOptions.Defaults.MinimumSamples,
                Covariance = parsed.GetValue(covariance) ?? CovarianceType.Full,
            };
            if (streamed is not null)
            {
                return StreamedCluster.Run(console, streamed, data, preprocessing, options, keyName, parsed.GetValue(passes), outputDirectory, parsed.GetValue(json), cancellationToken);
            }

            if (initFile is not null)
            {
                // The centers live in the feature space, so the preprocessing is fitted first to learn it.
                var space = ClusteringErrors.Translate(path, () => Preprocessor.Fit(data.Table, preprocessing));
                var centers = CentersFile.Read(initFile, space.OutputColumnNames, out var centerRows);
                if (kChoice?.Clusters is { } given && given != centerRows)
                {
                    throw new InvalidDataException($"--init {initFile}: holds {centerRows} centers but --k is {given}.");
                }

                options = options with { Clusters = centerRows, Initialization = KMeansInitialization.Explicit, InitialCenters = centers };
            }

            var fit = ClusteringErrors.Translate(path, () => SegmentationModel.Fit(data.Table, preprocessing, options, keyName, cancellationToken));
            var labels = fit.Result.Labels;
            var scores = InternalScores.Compute(fit.Features, labels, (ulong)parsed.GetValue(seed));

            using var files = new OutputFiles(outputDirectory);
            files.AddText("model.json", fit.Model.ToJson());
            files.AddAssignments("assignments.csv", keyName ?? "row", keyName is null ? null : data.Table[keyName], labels);
            files.AddProfile(fit.Model.Profile);
            files.Commit();

            if (parsed.GetValue(json))
            {
                var summary = Json(fit, scores, name, data, keyName);
                summary["files"] = new JsonArray([.. files.Paths.Select(p => (JsonNode)p)]);
                JsonOutput.Write(console.Output, summary);
            }
            else
            {
                WriteSummary(console.Output, fit, scores, name, data, files.Paths);
            }

            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    /// <summary>The <c>--json</c> summary.</summary>
    internal static JsonObject Json(SegmentationFit fit, InternalScores scores, string algorithm, InputTable data, string? keyName)
    {
        var summary = new JsonObject
        {
            ["input"] = data.Path,
            ["manifest"] = data.ManifestPath,
            ["algorithm"] = algorithm,
            ["rows"] = fit.Features.Rows,
            ["k"] = fit.Result.NumberOfClusters,
            ["iterations"] = fit.Result.Iterations,
            ["inertia"] = InternalScores.Finite(fit.Result.Inertia),
            ["fit_seconds"] = Math.Round(fit.FitSeconds, 4),
        };
        scores.AddTo(summary);
        summary["features"] = new JsonArray([.. fit.Features.ColumnNames.Select(c => (JsonNode)c)]);
        summary["input_columns"] = new JsonArray([.. fit.Model.InputColumns.Select(c => (JsonNode)c)]);
        summary["skipped_columns"] = new JsonArray([.. fit.Model.Preprocessing.State.Skipped.Select(s => (JsonNode)new JsonObject { ["column"] = s.Name, ["reason"] = s.Reason })]);
        summary["key"] = keyName ?? "row";
        summary["clusters"] = new JsonArray([.. fit.Model.Profile.Clusters.Select(c => (JsonNode)new JsonObject
        {
            ["cluster"] = c.Cluster,
            ["size"] = c.Size,
            ["share"] = c.Share,
            ["description"] = c.Description,
        })]);
        if (fit.Selection is { } selection)
        {
            summary["k_selection"] = Selection(selection);
        }

        return summary;
    }

    private static JsonObject Selection(KSelectionResult selection)
    {
        var curves = new JsonObject();
        foreach (var curve in selection.Curves)
        {
            var entry = new JsonObject
            {
                ["k"] = new JsonArray([.. curve.Clusters.Select(c => (JsonNode)c)]),
                ["values"] = new JsonArray([.. curve.Values.Select(v => (JsonNode?)InternalScores.Finite(v))]),
                ["chosen"] = curve.ChosenClusters,
            };
            if (curve.StandardErrors is { } errors)
            {
                entry["standard_errors"] = new JsonArray([.. errors.Select(v => (JsonNode?)InternalScores.Finite(v))]);
            }

            curves[ClusterOptionParsers.Name(curve.Method)] = entry;
        }

        return new JsonObject
        {
            ["method"] = ClusterOptionParsers.Name(selection.Method),
            ["chosen"] = selection.ChosenClusters,
            ["k"] = new JsonArray([.. (selection.Curves.Count > 0 ? selection.Curves[0].Clusters : []).Select(c => (JsonNode)c)]),
            ["inertia"] = new JsonArray([.. selection.Inertia.Select(v => (JsonNode?)InternalScores.Finite(v))]),
            ["curves"] = curves,
        };
    }

    private static void WriteSummary(TextWriter output, SegmentationFit fit, InternalScores scores, string algorithm, InputTable data, IReadOnlyList<string> paths)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clustered {fit.Features.Rows:N0} rows of {data.Path} with {algorithm}: k = {fit.Result.NumberOfClusters}{(fit.Selection is { Curves.Count: > 0 } s ? $" (chosen by {ClusterOptionParsers.Name(s.Method)} over {s.Curves[0].Clusters[0]}..{s.Curves[0].Clusters[^1]})" : "")}, {fit.Result.Iterations} iterations, fit {fit.FitSeconds:F2} s"));
        output.WriteLine($"features: {string.Join(", ", fit.Features.ColumnNames)}");
        output.WriteLine($"silhouette {InternalScores.Show(scores.Silhouette)}{(scores.SilhouetteSampleSize < fit.Features.Rows ? string.Create(CultureInfo.InvariantCulture, $" (sample of {scores.SilhouetteSampleSize:N0})") : "")}, Davies-Bouldin {InternalScores.Show(scores.DaviesBouldin)}, Calinski-Harabasz {InternalScores.Show(scores.CalinskiHarabasz)}");
        ProfileCommand.WriteClusters(output, fit.Model.Profile);
        output.WriteLine("files:");
        foreach (var path in paths)
        {
            output.WriteLine($"  {path}");
        }
    }
}
