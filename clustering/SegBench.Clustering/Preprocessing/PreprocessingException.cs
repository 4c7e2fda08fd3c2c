namespace SegBench.Clustering.Preprocessing;

/// <summary>A value or column the fitted pipeline cannot use; the message names the column.</summary>
public sealed class PreprocessingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PreprocessingException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public PreprocessingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PreprocessingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one column.</summary>
    public PreprocessingException(string column, string message)
        : base(message) => Column = column;

    /// <summary>The column at fault, when there is one.</summary>
    public string? Column { get; }
}
