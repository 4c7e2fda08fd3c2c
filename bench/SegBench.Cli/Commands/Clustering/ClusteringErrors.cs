using SegBench.Clustering.Pipeline;
using SegBench.Clustering.Preprocessing;

namespace SegBench.Cli.Commands.Clustering;

/// <summary>
/// Turns what the clustering core throws about the user's data or model into the failures
/// <see cref="SegBenchCommandLine.Guard"/> reports as one line with exit code 1.
/// </summary>
internal static class ClusteringErrors
{
    /// <summary>Runs <paramref name="body"/>, rethrowing data and model problems as <see cref="InvalidDataException"/>.</summary>
    public static T Translate<T>(string context, Func<T> body)
    {
        try
        {
            return body();
        }
        catch (PreprocessingException error)
        {
            throw new InvalidDataException($"{context}: {error.Message}", error);
        }
        catch (InvalidOperationException error) when (error is not ObjectDisposedException)
        {
            // The core's way of saying a method does not apply to this model or data.
            throw new InvalidDataException($"{context}: {error.Message}", error);
        }
        catch (SegmentationModelException error)
        {
            throw new InvalidDataException(error.Message, error);
        }
        catch (ArgumentException error)
        {
            // The core's argument checks describe the data ("K = 9 is more than the 5 rows"); drop the parameter suffix.
            var message = error is ArgumentOutOfRangeException { Message: var m } outOfRange && outOfRange.ParamName is { } name
                ? m.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
                : error.ParamName is { } parameter ? error.Message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal) : error.Message;
            var firstLine = message.Split('\n')[0].Trim();
            throw new InvalidDataException($"{context}: {firstLine}", error);
        }
    }
}
