namespace Integration.Activities.Invoicing;

/// <summary>
/// The data dictionary cannot be loaded. Each problem names the file and the entry
/// ("config/data-dictionary/v1.json: products['SKU-1'].itemCode is empty"), so the message alone says what to fix.
/// </summary>
public sealed class DataDictionaryException : Exception
{
    public DataDictionaryException()
        : this([])
    {
    }

    public DataDictionaryException(string message)
        : this([message])
    {
    }

    public DataDictionaryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public DataDictionaryException(IReadOnlyList<string> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }

    private static string Describe(IReadOnlyList<string> problems) => (problems ?? throw new ArgumentNullException(nameof(problems))).Count switch
    {
        0 => "The data dictionary could not be loaded.",
        1 => $"The data dictionary could not be loaded: {problems[0]}",
        _ => $"The data dictionary could not be loaded ({problems.Count} problems):{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", problems),
    };
}
