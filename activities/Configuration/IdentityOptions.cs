namespace Integration.Activities.Configuration;

/// <summary>The systems offboarding and onboarding act on (section "Identity"); see docs/identity-targets.md.</summary>
public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>Targets by name; the name is what evidence, reviews and alerts show. None is valid only with Offboarding:Enabled=false (checked at start-up).</summary>
    public Dictionary<string, IdentityTargetOptions> Targets { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One identity target: which connector kind talks to it, where, with which credential, and for whom.</summary>
public sealed class IdentityTargetOptions
{
    /// <summary>The HR field that holds the work e-mail; any other name is looked up in the HR record's fields.</summary>
    public const string WorkEmailField = "workEmail";

    /// <summary>graph, okta, google-workspace, slack-scim, github, atlassian, zoom or rest.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>The http(s) base the vendor paths are appended to.</summary>
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>The API credential, sent as the kind's auth header.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>The HR field (BambooHR alias) whose value is the employee's account key in this system.</summary>
    public string AccountField { get; set; } = WorkEmailField;

    /// <summary>HR departments the target applies to, ignoring case; empty means everyone.</summary>
    public List<string> Departments { get; set; } = [];

    /// <summary>Whether offboarding revokes access here.</summary>
    public bool Offboarding { get; set; } = true;

    /// <summary>Whether onboarding creates (or links) an account here.</summary>
    public bool Onboarding { get; set; } = true;

    /// <summary>GitHub organisation login (github only).</summary>
    public string? Organization { get; set; }

    /// <summary>Atlassian SCIM directory id (atlassian only).</summary>
    public string? DirectoryId { get; set; }

    /// <summary>The generic REST target's description (rest only).</summary>
    public RestTargetOptions? Rest { get; set; }
}

/// <summary>
/// A generic REST target: templated calls and the status codes that mean each outcome. The code lists are null
/// when not configured and take their defaults in one place (the configuration binder appends configured items to
/// a list that already has defaults, so "[ 200 ]" would otherwise become "[ 200, 204, 200 ]"). A default gives way
/// to a configured list of the same call that claims one of its codes.
/// </summary>
public sealed class RestTargetOptions
{
    public string AuthHeader { get; set; } = "Authorization";

    /// <summary>Put before the token with a space; empty sends the token alone.</summary>
    public string AuthScheme { get; set; } = "Bearer";

    public string RevokeMethod { get; set; } = "POST";

    /// <summary>Relative to BaseUrl; placeholders are URL-escaped.</summary>
    public string? RevokeUrl { get; set; }

    /// <summary>Optional JSON body; placeholders are JSON-escaped.</summary>
    public string? RevokeBody { get; set; }

    /// <summary>Answers that mean revoked; unset means 200 and 204.</summary>
    public int[]? SuccessCodes { get; set; }

    /// <summary>Answers that mean the access was already revoked; unset means none.</summary>
    public int[]? AlreadyDoneCodes { get; set; }

    /// <summary>Answers that mean there is no such account; unset means 404.</summary>
    public int[]? NoAccountCodes { get; set; }

    public string CreateMethod { get; set; } = "POST";

    /// <summary>Relative to BaseUrl; placeholders are URL-escaped.</summary>
    public string? CreateUrl { get; set; }

    /// <summary>Optional JSON body; placeholders are JSON-escaped.</summary>
    public string? CreateBody { get; set; }

    /// <summary>Answers that mean created; unset means 200 and 201.</summary>
    public int[]? CreateSuccessCodes { get; set; }

    /// <summary>Answers that mean the account already exists (linked); unset means 409.</summary>
    public int[]? ExistsCodes { get; set; }

    internal IReadOnlyList<int> Success => SuccessCodes ?? Default([200, 204], AlreadyDoneCodes, NoAccountCodes);

    internal IReadOnlyList<int> AlreadyDone => AlreadyDoneCodes ?? [];

    internal IReadOnlyList<int> NoAccount => NoAccountCodes ?? Default([404], SuccessCodes, AlreadyDoneCodes);

    internal IReadOnlyList<int> CreateSuccess => CreateSuccessCodes ?? Default([200, 201], ExistsCodes);

    internal IReadOnlyList<int> Exists => ExistsCodes ?? Default([409], CreateSuccessCodes);

    /// <summary>A default list gives way to the configured lists of the same call: AlreadyDoneCodes [404] alone moves 404 out of NoAccountCodes.</summary>
    private static int[] Default(int[] codes, params int[]?[] configured) =>
        [.. codes.Where(c => !configured.Any(list => list is not null && list.Contains(c)))];
}
