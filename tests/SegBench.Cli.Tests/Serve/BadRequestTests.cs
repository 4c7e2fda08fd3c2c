using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace SegBench.Cli.Tests.Serve;

/// <summary>Bad input is a 400 (or 413) problem+json naming each offending field, never a 500 or a stack trace.</summary>
[Collection(ServeCollection.Name)]
public sealed class BadRequestTests(ServeFixture fixture)
{
    public static TheoryData<string, string, string> BadCustomers => new()
    {
        // case, how the valid customer is spoiled, the field the problem must name
        { "missing field", "remove:annual_income", "annual_income" },
        { "string for a number", "set:annual_income=\"lots\"", "annual_income" },
        { "numeric string for a number", "set:age=\"41\"", "age" },
        { "boolean for a number", "set:networth=true", "networth" },
        { "object for a number", "set:age={\"years\":4}", "age" },
        { "unknown category", "set:occupation=\"Astronaut\"", "occupation" },
        { "category in the wrong case", "set:occupation=\"salaried\"", "occupation" },
        { "number for a category", "set:account_type=3", "account_type" },
        { "string for a boolean", "set:has_demat_account=\"yes\"", "has_demat_account" },
        { "bad date", "set:date_of_birth=\"31/12/1980\"", "date_of_birth" },
        { "number out of range", "set:annual_income=1e999", "annual_income" },
    };

    [Theory]
    [MemberData(nameof(BadCustomers))]
    public async Task ABadFieldIsA400NamingIt(string name, string change, string field)
    {
        var customer = Spoil(fixture.CustomerJson(4), change);

        var problem = await ProblemAsync(fixture.Mixed.Client, customer.ToJsonString(), HttpStatusCode.BadRequest);

        problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal([field], name);
        ((string)problem["detail"]!).Should().StartWith($"{field}: ");
    }

    [Theory]
    [MemberData(nameof(BadCustomers))]
    public async Task ABadFieldInABatchIsNamedByItsIndex(string name, string change, string field)
    {
        var batch = new JsonObject { ["customers"] = new JsonArray(fixture.CustomerJson(1), fixture.CustomerJson(2), Spoil(fixture.CustomerJson(3), change)) };

        var problem = await ProblemAsync(fixture.Mixed.Client, batch.ToJsonString(), HttpStatusCode.BadRequest);

        problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal([$"customers[2].{field}"], name);
    }

    [Fact]
    public async Task EveryBadFieldIsNamed()
    {
        var first = fixture.CustomerJson(1);
        first.Remove("age");
        var second = Spoil(fixture.CustomerJson(2), "set:occupation=\"Pilot\"");
        second["annual_income"] = "many";
        var batch = new JsonObject { ["customers"] = new JsonArray(first, fixture.CustomerJson(5), second, 7) };

        var problem = await ProblemAsync(fixture.Mixed.Client, batch.ToJsonString(), HttpStatusCode.BadRequest);

        problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal("customers[0].age", "customers[2].annual_income", "customers[2].occupation", "customers[3]");
        ((string)problem["errors"]!["customers[2].occupation"]![0]!).Should().Contain("unknown category 'Pilot'").And.Contain("Salaried");
        ((string)problem["detail"]!).Should().Be("4 fields are invalid; see errors.");
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "malformed JSON", "{\"age\": ", "$" },
        { "trailing garbage", "{\"age\": 3} x", "$" },
        { "not an object", "[1, 2, 3]", "$" },
        { "a bare string", "\"customer\"", "$" },
        { "empty body", "", "$" },
        { "empty batch", "{\"customers\": []}", "customers" },
        { "batch not an array", "{\"customers\": {\"age\": 3}}", "customers" },
        { "non-object item", "{\"customers\": [1]}", "customers[0]" },
        { "null item", "{\"customers\": [null]}", "customers[0]" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task ABadBodyIsA400NamingWhereItIsWrong(string name, string body, string field)
    {
        var problem = await ProblemAsync(fixture.KMeans.Client, body, HttpStatusCode.BadRequest);

        problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal([field], name);
    }

    [Fact]
    public async Task ABodyOverTheLimitIsA413()
    {
        var customer = fixture.CustomerJson(0);
        customer["padding"] = new string('x', ServeFixture.MaximumBodyBytes);

        var problem = await ProblemAsync(fixture.KMeans.Client, customer.ToJsonString(), HttpStatusCode.RequestEntityTooLarge);

        ((string)problem["detail"]!).Should().Contain("--max-body-bytes");
    }

    [Fact]
    public async Task AChunkedBodyOverTheLimitIsA413()
    {
        var customer = fixture.CustomerJson(0);
        customer["padding"] = new string('x', ServeFixture.MaximumBodyBytes);
        using var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(customer.ToJsonString())));
        content.Headers.ContentType = new("application/json");

        using var response = await fixture.KMeans.Client.PostAsync("/v1/assign", content);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task ABatchOverTheLimitIsA413()
    {
        var batch = new JsonObject { ["customers"] = new JsonArray([.. Enumerable.Range(0, ServeFixture.MaximumBatch + 1).Select(r => (JsonNode)fixture.CustomerJson(r))]) };

        var problem = await ProblemAsync(fixture.KMeans.Client, batch.ToJsonString(), HttpStatusCode.RequestEntityTooLarge);

        ((string)problem["detail"]!).Should().Contain($"at most {ServeFixture.MaximumBatch}");
        problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal("customers");
    }

    [Fact]
    public async Task ABatchAtTheLimitIsServed()
    {
        var batch = new JsonObject { ["customers"] = new JsonArray([.. Enumerable.Range(0, ServeFixture.MaximumBatch).Select(r => (JsonNode)fixture.CustomerJson(r))]) };

        using var response = await fixture.KMeans.Client.PostAsync("/v1/assign", ServeFixture.Json(batch));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnotherMediaTypeIsA415()
    {
        using var content = new StringContent(fixture.CustomerJson(0).ToJsonString(), Encoding.UTF8, "text/plain");

        using var response = await fixture.KMeans.Client.PostAsync("/v1/assign", content);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Theory]
    [InlineData("GET", "/v1/nothing", HttpStatusCode.NotFound)]
    [InlineData("GET", "/v1/assign", HttpStatusCode.MethodNotAllowed)]
    [InlineData("DELETE", "/v1/model", HttpStatusCode.MethodNotAllowed)]
    public async Task AnUnknownPathOrMethodIsAProblemToo(string method, string path, HttpStatusCode status)
    {
        using var response = await fixture.KMeans.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((int)problem["status"]!).Should().Be((int)status);
        ((string)problem["instance"]!).Should().Be(path);
    }

    private static async Task<JsonNode> ProblemAsync(HttpClient client, string body, HttpStatusCode status)
    {
        using var response = await client.PostAsync("/v1/assign", ServeFixture.Json(body));
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(status, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        text.Should().NotContain("   at ").And.NotContain("Exception");
        var problem = JsonNode.Parse(text)!;
        ((int)problem["status"]!).Should().Be((int)status);
        ((string)problem["type"]!).Should().StartWith("https://");
        ((string)problem["title"]!).Should().NotBeNullOrWhiteSpace();
        ((string)problem["instance"]!).Should().Be("/v1/assign");
        return problem;
    }

    private static JsonObject Spoil(JsonObject customer, string change)
    {
        var (action, rest) = (change[..change.IndexOf(':')], change[(change.IndexOf(':') + 1)..]);
        if (action == "remove")
        {
            customer.Remove(rest);
        }
        else
        {
            var name = rest[..rest.IndexOf('=')];
            var json = rest[(rest.IndexOf('=') + 1)..];
            // JsonNode keeps a parsed number's text, so even 1e999 goes out as written.
            customer[name] = JsonNode.Parse(json);
        }

        return customer;
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
