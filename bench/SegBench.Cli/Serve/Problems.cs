using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SegBench.Cli.Serve;

/// <summary>
/// Writes RFC 9457 problem details (<c>application/problem+json</c>): <c>type</c>, <c>title</c>,
/// <c>status</c>, <c>detail</c>, <c>instance</c> (the request path) and, for bad input, <c>errors</c>:
/// an object from each offending field's JSON path (<c>age</c>, <c>customers[3].age</c>, <c>$</c> for
/// the body itself) to its messages. Never an exception's stack trace.
/// </summary>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    /// <summary>Writes the problem and ends the response.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, IReadOnlyList<FieldError>? errors = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        using (var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", TypeOf(status));
            writer.WriteString("title", title);
            writer.WriteNumber("status", status);
            writer.WriteString("detail", detail);
            writer.WriteString("instance", context.Request.Path.Value);
            if (errors is { Count: > 0 })
            {
                writer.WriteStartObject("errors");
                for (var i = 0; i < errors.Count; i++)
                {
                    var field = errors[i].Field;
                    if (IndexOf(errors, field) < i)
                    {
                        continue;
                    }

                    writer.WriteStartArray(field);
                    for (var j = i; j < errors.Count; j++)
                    {
                        if (errors[j].Field == field)
                        {
                            writer.WriteStringValue(errors[j].Message);
                        }
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>400 naming each offending field.</summary>
    public static Task InvalidAsync(HttpContext context, IReadOnlyList<FieldError> errors)
    {
        var detail = errors.Count == 1
            ? $"{errors[0].Field}: {errors[0].Message}"
            : $"{errors.Count}{(errors.Count >= CustomerReader.MaximumErrors ? " or more" : string.Empty)} fields are invalid; see errors.";
        return WriteAsync(context, StatusCodes.Status400BadRequest, "The request is invalid.", detail, errors);
    }

    /// <summary>The RFC 9110 section of a status, as ASP.NET Core's own problems name them.</summary>
    private static string TypeOf(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };

    private static int IndexOf(IReadOnlyList<FieldError> errors, string field)
    {
        for (var i = 0; i < errors.Count; i++)
        {
            if (errors[i].Field == field)
            {
                return i;
            }
        }

        return -1;
    }
}
