using Integration.Activities.Connectors.Identity;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Configuration;

/// <summary>
/// Start-up validation of "Identity": each problem names the target and the setting (Identity:Targets:{name}:{setting}),
/// so a misconfigured target stops the host instead of failing every offboarding. Whether there must be any is
/// OffboardingOptionsValidator's rule (none only with offboarding switched off).
/// </summary>
public sealed class IdentityOptionsValidator : IValidateOptions<IdentityOptions>
{
    public static IReadOnlyList<string> HttpMethods { get; } = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public ValidateOptionsResult Validate(string? name, IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach ((string target, IdentityTargetOptions t) in options.Targets.OrderBy(t => t.Key, StringComparer.OrdinalIgnoreCase))
        {
            string prefix = $"{IdentityOptions.Section}:Targets:{target}";
            if (t is null)
            {
                failures.Add($"{prefix} has no settings.");
                continue;
            }

            string? kind = IdentityKinds.Find(t.Kind);
            if (kind is null)
            {
                failures.Add($"{prefix}:Kind '{t.Kind}' is not one of: {string.Join(", ", IdentityKinds.All)}.");
            }

            if (!HttpUrls.IsAbsoluteHttp(t.BaseUrl))
            {
                failures.Add($"{prefix}:BaseUrl '{t.BaseUrl}' is not an absolute http(s) URL.");
            }

            if (string.IsNullOrWhiteSpace(t.Token))
            {
                failures.Add($"{prefix}:Token is empty.");
            }

            if (string.IsNullOrWhiteSpace(t.AccountField))
            {
                failures.Add($"{prefix}:AccountField is empty (the HR field holding the account key; default {IdentityTargetOptions.WorkEmailField}).");
            }

            if (kind == IdentityKinds.GitHub && string.IsNullOrWhiteSpace(t.Organization))
            {
                failures.Add($"{prefix}:Organization is required for kind {IdentityKinds.GitHub} (the organisation's login).");
            }

            if (kind == IdentityKinds.Atlassian && string.IsNullOrWhiteSpace(t.DirectoryId))
            {
                failures.Add($"{prefix}:DirectoryId is required for kind {IdentityKinds.Atlassian} (the SCIM directory id).");
            }

            if (kind == IdentityKinds.Rest)
            {
                ValidateRest($"{prefix}:Rest", t, failures);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateRest(string prefix, IdentityTargetOptions target, List<string> failures)
    {
        if (target.Rest is not { } rest)
        {
            failures.Add($"{prefix} is required for kind {IdentityKinds.Rest} (at least Rest:RevokeUrl).");
            return;
        }

        if (string.IsNullOrWhiteSpace(rest.AuthHeader) || !rest.AuthHeader.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            failures.Add($"{prefix}:AuthHeader '{rest.AuthHeader}' is not a header name.");
        }

        if (string.IsNullOrWhiteSpace(rest.RevokeUrl))
        {
            if (target.Offboarding)
            {
                failures.Add($"{prefix}:RevokeUrl is required while the target takes part in offboarding.");
            }
        }
        else
        {
            Url($"{prefix}:RevokeUrl", rest.RevokeUrl, failures);
        }

        if (string.IsNullOrWhiteSpace(rest.CreateUrl))
        {
            if (target.Onboarding)
            {
                failures.Add($"{prefix}:CreateUrl is required while the target takes part in onboarding (set Onboarding to false for a revoke-only target).");
            }
        }
        else
        {
            Url($"{prefix}:CreateUrl", rest.CreateUrl, failures);
        }

        Placeholders($"{prefix}:RevokeUrl", rest.RevokeUrl, RestTemplates.RevokePlaceholders, failures);
        Placeholders($"{prefix}:RevokeBody", rest.RevokeBody, RestTemplates.RevokePlaceholders, failures);
        Placeholders($"{prefix}:CreateUrl", rest.CreateUrl, RestTemplates.CreatePlaceholders, failures);
        Placeholders($"{prefix}:CreateBody", rest.CreateBody, RestTemplates.CreatePlaceholders, failures);
        Method($"{prefix}:RevokeMethod", rest.RevokeMethod, failures);
        Method($"{prefix}:CreateMethod", rest.CreateMethod, failures);
        Codes(prefix, [("SuccessCodes", rest.SuccessCodes), ("AlreadyDoneCodes", rest.AlreadyDoneCodes), ("NoAccountCodes", rest.NoAccountCodes)],
            [rest.Success, rest.AlreadyDone, rest.NoAccount], failures);
        Codes(prefix, [("CreateSuccessCodes", rest.CreateSuccessCodes), ("ExistsCodes", rest.ExistsCodes)], [rest.CreateSuccess, rest.Exists], failures);
    }

    private static void Url(string setting, string url, List<string> failures)
    {
        if (url.Contains("://", StringComparison.Ordinal))
        {
            failures.Add($"{setting} '{url}' must be relative to BaseUrl.");
        }
    }

    private static void Placeholders(string setting, string? template, IReadOnlyList<string> allowed, List<string> failures)
    {
        foreach (string unknown in RestTemplates.PlaceholdersIn(template).Where(p => !allowed.Contains(p, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal))
        {
            failures.Add($"{setting} uses unknown placeholder {{{unknown}}}; it can use: {string.Join(", ", allowed.Select(a => $"{{{a}}}"))}.");
        }
    }

    private static void Method(string setting, string? method, List<string> failures)
    {
        if (method is null || !HttpMethods.Contains(method.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{setting} '{method}' is not one of: {string.Join(", ", HttpMethods)}.");
        }
    }

    /// <summary>Every configured code is an HTTP status (100–599), and no code means two outcomes of the same call.</summary>
    private static void Codes(string prefix, IReadOnlyList<(string Setting, int[]? Configured)> lists, IReadOnlyList<IReadOnlyList<int>> effective, List<string> failures)
    {
        foreach ((string setting, int[]? configured) in lists)
        {
            foreach (int code in (configured ?? []).Where(c => c is < 100 or > 599).Distinct())
            {
                failures.Add($"{prefix}:{setting} has {code}, which is not an HTTP status code (100–599).");
            }
        }

        for (int i = 0; i < effective.Count; i++)
        {
            for (int j = i + 1; j < effective.Count; j++)
            {
                foreach (int code in effective[i].Intersect(effective[j]))
                {
                    failures.Add($"{prefix}: {code} is in both {lists[i].Setting} and {lists[j].Setting}; a status code can mean only one outcome.");
                }
            }
        }
    }
}
