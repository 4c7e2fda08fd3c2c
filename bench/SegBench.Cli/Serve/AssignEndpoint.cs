using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SegBench.Clustering.Pipeline;
using SegBench.Clustering.Preprocessing;

namespace SegBench.Cli.Serve;

/// <summary>
/// <c>POST /v1/assign</c>: one customer object, or <c>{"customers": [...]}</c>. Reads the body
/// straight from the request pipe into a pooled <see cref="JsonDocument"/>, checks every customer
/// (<see cref="CustomerReader"/>), assigns them with <see cref="SegmentationModel.Assign(IReadOnlyDictionary{string, object?})"/>
/// and writes the answer with a <see cref="Utf8JsonWriter"/> onto the response pipe.
/// </summary>
internal sealed class AssignEndpoint(ServedModel served, ServeOptions options)
{
    private const string BatchProperty = "customers";

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };
    private static readonly JsonEncodedText Segment = JsonEncodedText.Encode("segment");
    private static readonly JsonEncodedText SegmentName = JsonEncodedText.Encode("segment_name");
    private static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
    private static readonly JsonEncodedText Distance = JsonEncodedText.Encode("distance");
    private static readonly JsonEncodedText Probabilities = JsonEncodedText.Encode("probabilities");
    private static readonly JsonEncodedText Assignments = JsonEncodedText.Encode("assignments");

    // One row per thread: filled and assigned without an await in between, so it is never shared.
    // Tests run several models in one process, hence the check that it belongs to this one.
    [ThreadStatic]
    private static CustomerRow? t_row;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > options.MaximumBodyBytes)
        {
            await TooLargeAsync(context);
            return;
        }

        if (request.ContentType is { } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            await Problems.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.", $"Send the customers as application/json, not {contentType}.");
            return;
        }

        var body = request.BodyReader;
        ReadResult read;
        try
        {
            while (true)
            {
                read = await body.ReadAsync(context.RequestAborted);
                if (read.Buffer.Length > options.MaximumBodyBytes)
                {
                    body.AdvanceTo(read.Buffer.End);
                    await TooLargeAsync(context);
                    return;
                }

                if (read.IsCompleted)
                {
                    break;
                }

                body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await TooLargeAsync(context);
            return;
        }

        try
        {
            await AnswerAsync(context, read.Buffer);
        }
        finally
        {
            // A document parsed from a one-segment sequence reads the pipe's own memory, so the pipe
            // may move on only once the answer is written.
            body.AdvanceTo(read.Buffer.End);
        }
    }

    private async Task AnswerAsync(HttpContext context, ReadOnlySequence<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException error)
        {
            await Problems.InvalidAsync(context, [new FieldError("$", $"is not valid JSON: {Clean(error.Message)}")]);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(BatchProperty, out var customers) && !served.Reader.Positions.ContainsKey(BatchProperty))
            {
                await BatchAsync(context, customers);
            }
            else
            {
                await SingleAsync(context, root);
            }
        }
    }

    private async Task SingleAsync(HttpContext context, JsonElement customer)
    {
        var errors = new List<FieldError>();
        SegmentAssignment assignment;
        var row = Row();
        if (!served.Reader.TryRead(customer, string.Empty, row, errors) || !TryAssign(row, string.Empty, errors, out assignment))
        {
            await Problems.InvalidAsync(context, errors);
            return;
        }

        var response = StartJson(context);
        using (var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions))
        {
            Write(writer, assignment);
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private async Task BatchAsync(HttpContext context, JsonElement customers)
    {
        if (customers.ValueKind != JsonValueKind.Array)
        {
            await Problems.InvalidAsync(context, [new FieldError(BatchProperty, "must be an array of customer objects.")]);
            return;
        }

        var count = customers.GetArrayLength();
        if (count == 0)
        {
            await Problems.InvalidAsync(context, [new FieldError(BatchProperty, $"is empty; send 1 to {options.MaximumBatch.ToString("N0", CultureInfo.InvariantCulture)} customers.")]);
            return;
        }

        if (count > options.MaximumBatch)
        {
            await Problems.WriteAsync(
                context,
                StatusCodes.Status413PayloadTooLarge,
                "The batch is too large.",
                $"The batch holds {count.ToString("N0", CultureInfo.InvariantCulture)} customers; this service takes at most {options.MaximumBatch.ToString("N0", CultureInfo.InvariantCulture)} (--max-batch). Split it.",
                [new FieldError(BatchProperty, $"holds {count} customers, more than the limit of {options.MaximumBatch}.")]);
            return;
        }

        var results = ArrayPool<SegmentAssignment>.Shared.Rent(count);
        try
        {
            var errors = new List<FieldError>();
            var row = Row();
            var index = 0;
            foreach (var customer in customers.EnumerateArray())
            {
                var prefix = string.Create(CultureInfo.InvariantCulture, $"{BatchProperty}[{index}].");
                if (served.Reader.TryRead(customer, prefix, row, errors) && errors.Count == 0 && TryAssign(row, prefix, errors, out var assignment))
                {
                    results[index] = assignment;
                }

                index++;
            }

            if (errors.Count > 0)
            {
                await Problems.InvalidAsync(context, errors);
                return;
            }

            var response = StartJson(context);
            using (var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteStartArray(Assignments);
                for (var i = 0; i < count; i++)
                {
                    Write(writer, results[i]);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            await response.BodyWriter.FlushAsync(context.RequestAborted);
        }
        finally
        {
            ArrayPool<SegmentAssignment>.Shared.Return(results, clearArray: true);
        }
    }

    private CustomerRow Row()
    {
        var row = t_row;
        if (row is null || !row.BelongsTo(served.Reader))
        {
            t_row = row = served.Reader.CreateRow();
        }

        return row;
    }

    // The reader checks types and categories first; this catches whatever the pipeline still refuses.
    private bool TryAssign(CustomerRow row, string prefix, List<FieldError> errors, out SegmentAssignment assignment)
    {
        try
        {
            assignment = served.Model.Assign(row);
            return true;
        }
        catch (PreprocessingException error)
        {
            errors.Add(new FieldError(error.Column is null ? (prefix.Length == 0 ? "$" : prefix.TrimEnd('.')) : prefix + error.Column, error.Message));
            assignment = null!;
            return false;
        }
    }

    private void Write(Utf8JsonWriter writer, SegmentAssignment assignment)
    {
        writer.WriteStartObject();
        writer.WriteNumber(Segment, assignment.Segment);
        writer.WriteString(SegmentName, served.EncodedName(assignment.Segment));
        writer.WriteString(Description, served.EncodedDescription(assignment.Segment));
        if (double.IsFinite(assignment.Distance))
        {
            writer.WriteNumber(Distance, assignment.Distance);
        }
        else
        {
            writer.WriteNull(Distance);
        }

        if (assignment.Probabilities is { } probabilities)
        {
            writer.WriteStartArray(Probabilities);
            for (var i = 0; i < probabilities.Count; i++)
            {
                if (double.IsFinite(probabilities[i]))
                {
                    writer.WriteNumberValue(probabilities[i]);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static HttpResponse StartJson(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        return response;
    }

    private Task TooLargeAsync(HttpContext context) => Problems.WriteAsync(
        context,
        StatusCodes.Status413PayloadTooLarge,
        "The request body is too large.",
        $"This service takes bodies of at most {options.MaximumBodyBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes (--max-body-bytes).");

    // System.Text.Json's messages end with the position, which is useful; nothing else is added.
    private static string Clean(string message) => message.ReplaceLineEndings(" ");
}
