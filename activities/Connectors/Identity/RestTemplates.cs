using System.Text.Json;
using System.Text.RegularExpressions;

namespace Integration.Activities.Connectors.Identity;

/// <summary>
/// The generic REST target's templates: "{name}" placeholders filled with URL-escaped values in URLs and
/// JSON-escaped values in bodies (JSON's own braces are not placeholders: a placeholder is a brace, a name, a brace).
/// </summary>
public static partial class RestTemplates
{
    public const string Account = "account";
    public const string EmployeeId = "employeeId";
    public const string WorkEmail = "workEmail";
    public const string FirstName = "firstName";
    public const string LastName = "lastName";
    public const string DisplayName = "displayName";

    /// <summary>Placeholders a create template may use.</summary>
    public static IReadOnlyList<string> CreatePlaceholders { get; } = [Account, EmployeeId, WorkEmail, FirstName, LastName, DisplayName];

    /// <summary>
    /// Placeholders a revoke template may use: only the account key, because a revocation is asked with the key
    /// alone (RevokeAccessInput carries no HR record).
    /// </summary>
    public static IReadOnlyList<string> RevokePlaceholders { get; } = [Account];

    /// <summary>The placeholder names a template uses, in order of appearance.</summary>
    public static IEnumerable<string> PlaceholdersIn(string? template) =>
        template is null ? [] : Placeholder().Matches(template).Select(m => m.Groups[1].Value);

    /// <summary>The template with each placeholder URL-escaped; a placeholder without a value becomes empty.</summary>
    public static string FillUrl(string template, IReadOnlyDictionary<string, string?> values) =>
        Fill(template, values, Uri.EscapeDataString);

    /// <summary>The template with each placeholder JSON-escaped (for use inside a JSON string); a placeholder without a value becomes empty.</summary>
    public static string FillJson(string template, IReadOnlyDictionary<string, string?> values) =>
        Fill(template, values, v => JsonEncodedText.Encode(v).ToString());

    private static string Fill(string template, IReadOnlyDictionary<string, string?> values, Func<string, string> escape)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        return Placeholder().Replace(template, m => escape(values.TryGetValue(m.Groups[1].Value, out string? v) ? v ?? string.Empty : string.Empty));
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
