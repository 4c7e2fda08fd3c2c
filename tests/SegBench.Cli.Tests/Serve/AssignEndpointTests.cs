using System.Net;
using System.Text.Json.Nodes;

namespace SegBench.Cli.Tests.Serve;

/// <summary>Valid requests against a real server give what <c>SegmentationModel.Assign</c> gives.</summary>
[Collection(ServeCollection.Name)]
public sealed class AssignEndpointTests(ServeFixture fixture)
{
    private static readonly int[] Rows = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1200, 1499];

    [Fact]
    public async Task SingleCustomersGetTheSegmentThatModelAssignGives()
    {
        foreach (var row in Rows)
        {
            var expected = fixture.KMeans.Model.Assign(fixture.CustomerRow(row));

            using var response = await fixture.KMeans.Client.PostAsync("/v1/assign", ServeFixture.Json(fixture.CustomerJson(row)));

            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            ((int)answer["segment"]!).Should().Be(expected.Segment, $"row {row}");
            ((string)answer["segment_name"]!).Should().Be($"segment {expected.Segment}");
            ((string)answer["description"]!).Should().Be(expected.Description);
            ((double)answer["distance"]!).Should().BeApproximately(expected.Distance, 1e-9);
            answer.AsObject().ContainsKey("probabilities").Should().BeFalse("k-means gives no probabilities");
        }
    }

    [Fact]
    public async Task ABatchGetsTheSameSegmentsInOrder()
    {
        var batch = new JsonObject { ["customers"] = new JsonArray([.. Rows.Select(r => (JsonNode)fixture.CustomerJson(r))]) };

        using var response = await fixture.KMeans.Client.PostAsync("/v1/assign", ServeFixture.Json(batch));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var assignments = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["assignments"]!.AsArray();
        assignments.Select(a => (int)a!["segment"]!).Should().Equal(Rows.Select(r => fixture.KMeans.Model.Assign(fixture.CustomerRow(r)).Segment));
        assignments.Select(a => (int)a!["segment"]!).Distinct().Should().HaveCountGreaterThan(1, "the rows span several segments");
    }

    [Fact]
    public async Task MixedColumnsAreReadByTheirJsonTypes()
    {
        var batch = new JsonObject { ["customers"] = new JsonArray([.. Rows.Select(r => (JsonNode)fixture.CustomerJson(r))]) };

        using var response = await fixture.Mixed.Client.PostAsync("/v1/assign", ServeFixture.Json(batch));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var assignments = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["assignments"]!.AsArray();
        assignments.Select(a => (int)a!["segment"]!).Should().Equal(Rows.Select(r => fixture.Mixed.Model.Assign(fixture.CustomerRow(r)).Segment));
    }

    [Fact]
    public async Task NullMeansNotKnownAndIsImputed()
    {
        var customer = fixture.CustomerJson(3);
        customer["networth"] = null;
        var row = fixture.CustomerRow(3);
        row["networth"] = null;

        using var response = await fixture.KMeans.Client.PostAsync("/v1/assign", ServeFixture.Json(customer));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        ((int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["segment"]!).Should().Be(fixture.KMeans.Model.Assign(row).Segment);
    }

    [Fact]
    public async Task GaussianMixtureProbabilitiesSumToOne()
    {
        var batch = new JsonObject { ["customers"] = new JsonArray([.. Rows.Select(r => (JsonNode)fixture.CustomerJson(r))]) };

        using var response = await fixture.Gmm.Client.PostAsync("/v1/assign", ServeFixture.Json(batch));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var assignments = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["assignments"]!.AsArray();
        for (var i = 0; i < Rows.Length; i++)
        {
            var expected = fixture.Gmm.Model.Assign(fixture.CustomerRow(Rows[i]));
            var probabilities = assignments[i]!["probabilities"]!.AsArray().Select(p => (double)p!).ToArray();
            probabilities.Should().HaveCount(fixture.Gmm.Model.Clusters.NumberOfClusters);
            probabilities.Sum().Should().BeApproximately(1.0, 1e-9);
            probabilities.Should().OnlyContain(p => p >= 0 && p <= 1);
            probabilities.Should().Equal(expected.Probabilities!, (a, b) => Math.Abs(a - b) < 1e-12);
            ((int)assignments[i]!["segment"]!).Should().Be(expected.Segment);
        }
    }

    [Fact]
    public async Task TheModelEndpointDescribesTheModel()
    {
        var model = JsonNode.Parse(await fixture.Mixed.Client.GetStringAsync("/v1/model"))!;

        ((string)model["format"]!).Should().Be("segbench-model");
        ((int)model["format_version"]!).Should().Be(global::SegBench.Clustering.Pipeline.SegmentationModel.FormatVersion);
        ((string)model["algorithm"]!).Should().Be("kmeans");
        ((int)model["k"]!).Should().Be(4);
        model["input_columns"]!.AsArray().Select(c => (string)c!["name"]!).Should().Equal(fixture.Mixed.Model.InputColumns);
        var occupation = model["input_columns"]!.AsArray().Single(c => (string)c!["name"]! == "occupation")!;
        occupation["categories"]!.AsArray().Select(c => (string)c!).Should().Contain(["Salaried", "Student"]);
        model["features"]!.AsArray().Should().HaveCount(fixture.Mixed.Model.Preprocessing.OutputWidth);
        model["segments"]!.AsArray().Select(s => (string)s!["description"]!).Should().Equal(fixture.Mixed.Model.Profile.Clusters.Select(c => c.Description));
        ((string)model["unknown_category_policy"]!).Should().Contain("rejected with 400");
    }

    [Fact]
    public async Task HealthzSaysOk()
    {
        using var response = await fixture.Gmm.Client.GetAsync("/healthz");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var health = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((string)health["status"]!).Should().Be("ok");
        ((string)health["algorithm"]!).Should().Be("gmm");
    }

    [Fact]
    public async Task TheOpenApiDocumentListsTheEndpoints()
    {
        using var response = await fixture.KMeans.Client.GetAsync("/openapi/v1.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((string)document["openapi"]!).Should().StartWith("3.");
        document["paths"]!.AsObject().Select(p => p.Key).Should().Contain(["/v1/assign", "/v1/model", "/healthz"]);
        var assign = document["paths"]!["/v1/assign"]!["post"]!;
        assign["responses"]!.AsObject().Select(r => r.Key).Should().Contain(["200", "400", "413"]);
        assign["responses"]!["400"]!["content"]!.AsObject().Select(c => c.Key).Should().Contain("application/problem+json");
        ((string)document["info"]!["description"]!).Should().Contain("annual_income").And.Contain("rejected with 400");
    }

    [Fact]
    public async Task TheOpenApiRequestSchemaListsTheModelsInputColumns()
    {
        var document = JsonNode.Parse(await fixture.Mixed.Client.GetStringAsync("/openapi/v1.json"))!;

        var oneOf = document["paths"]!["/v1/assign"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["oneOf"]!.AsArray();
        var customer = oneOf[0]!;
        customer["required"]!.AsArray().Select(c => (string)c!).Should().Equal(fixture.Mixed.Model.InputColumns);
        customer["properties"]!["occupation"]!["enum"]!.AsArray().Select(c => (string?)c).Should().Contain(["Salaried", "Student", null]);
        customer["properties"]!["date_of_birth"]!["format"]!.GetValue<string>().Should().Be("date");
        ((int)oneOf[1]!["properties"]!["customers"]!["maxItems"]!).Should().Be(ServeFixture.MaximumBatch);
    }

    [Fact]
    public async Task EachRequestIsLoggedOnOneLine()
    {
        using var response = await fixture.KMeans.Client.GetAsync("/healthz?probe=log");
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!fixture.KMeansLog.ToString().Contains("method=GET path=/healthz status=200", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var line = fixture.KMeansLog.ToString().Split('\n').Should().Contain(l => l.Contains("method=GET path=/healthz status=200")).Subject;
        line.Should().MatchRegex(@"^time=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z method=GET path=/healthz status=200 duration_ms=\d+\.\d{3}$");
    }

    [Fact]
    public async Task AConcurrentBurstIsAnsweredCorrectly()
    {
        const int Requests = 500;
        const int Clients = 16;
        var expected = Enumerable.Range(0, Requests).Select(i => fixture.KMeans.Model.Assign(fixture.CustomerRow(i)).Segment).ToArray();
        var bodies = Enumerable.Range(0, Requests).Select(i => fixture.CustomerJson(i).ToJsonString()).ToArray();
        var next = -1;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        async Task Client(int number)
        {
            // Half the clients open a fresh connection per request: the first request of a
            // connection is where a body read from recycled pipe memory would show.
            using var fresh = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { BaseAddress = fixture.KMeans.Client.BaseAddress };
            var client = number % 2 == 0 ? fixture.KMeans.Client : fresh;
            int i;
            while ((i = Interlocked.Increment(ref next)) < Requests)
            {
                using var response = await client.PostAsync("/v1/assign", ServeFixture.Json(bodies[i]), timeout.Token);
                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                if (response.StatusCode != HttpStatusCode.OK || (int)JsonNode.Parse(text)!["segment"]! != expected[i])
                {
                    failures.Add($"request {i}: {(int)response.StatusCode} {text}");
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(() => Client(c))));

        failures.Should().BeEmpty();
        next.Should().BeGreaterThanOrEqualTo(Requests);
    }
}
