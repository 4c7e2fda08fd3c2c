using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using SegBench.Clustering.Preprocessing;

namespace SegBench.Cli.Serve;

/// <summary>Puts the model's own input columns into the OpenAPI request schema of <c>POST /v1/assign</c>.</summary>
internal static class OpenApiCustomers
{
    public static void Describe(OpenApiDocument document, ServedModel served, int maximumBatch)
    {
        var customer = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "One customer, by the dataset's column names. Every listed column is required (null: not known, imputed); other fields are ignored. " + ServedModel.UnknownCategoryPolicy,
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
            Required = new HashSet<string>(StringComparer.Ordinal),
        };
        foreach (var column in served.Reader.Columns)
        {
            var property = new OpenApiSchema
            {
                Type = column.Kind switch
                {
                    FeatureKind.Numeric => JsonSchemaType.Number | JsonSchemaType.Null,
                    FeatureKind.Boolean => JsonSchemaType.Boolean | JsonSchemaType.Null,
                    _ => JsonSchemaType.String | JsonSchemaType.Null,
                },
            };
            if (column.Kind == FeatureKind.Date)
            {
                property.Format = "date";
            }

            if (column.Categories is { } categories)
            {
                property.Enum = [.. categories.Keys.Order(StringComparer.Ordinal).Select(c => (JsonNode)JsonValue.Create(c)), null!];
            }

            customer.Properties[column.Name] = property;
            customer.Required.Add(column.Name);
        }

        var batch = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = $"A batch of 1 to {maximumBatch} customers; the answer is {{\"assignments\": [...]}} in the same order.",
            Required = new HashSet<string>(StringComparer.Ordinal) { "customers" },
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["customers"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = customer, MinItems = 1, MaxItems = maximumBatch },
            },
        };

        if (document.Paths is not null
            && document.Paths.TryGetValue("/v1/assign", out var path)
            && path.Operations is not null
            && path.Operations.TryGetValue(HttpMethod.Post, out var operation)
            && operation.RequestBody?.Content is { } content
            && content.TryGetValue("application/json", out var media))
        {
            media.Schema = new OpenApiSchema { OneOf = [customer, batch] };
        }
    }
}
