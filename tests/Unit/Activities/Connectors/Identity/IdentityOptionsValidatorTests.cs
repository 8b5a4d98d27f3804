using Integration.Activities.Configuration;
using Microsoft.Extensions.Options;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors.Identity;

/// <summary>Start-up validation of "Identity": each problem names the target and the setting.</summary>
public sealed class IdentityOptionsValidatorTests
{
    private const string DocExample = """
        {
          "Identity": {
            "Targets": {
              "entra":  { "Kind": "graph", "BaseUrl": "https://graph.test", "Token": "t" },
              "github": { "Kind": "github", "BaseUrl": "https://api.github.test", "Token": "t",
                          "Organization": "acme", "AccountField": "githubUsername" },
              "wiki":   { "Kind": "rest", "BaseUrl": "https://wiki.example.internal/api", "Token": "t",
                          "Departments": [ "Engineering" ],
                          "Rest": { "AuthHeader": "X-Api-Key", "AuthScheme": "",
                                    "RevokeMethod": "POST", "RevokeUrl": "users/{account}/deactivate",
                                    "SuccessCodes": [ 200, 204 ], "AlreadyDoneCodes": [ 409 ], "NoAccountCodes": [ 404 ],
                                    "CreateMethod": "POST", "CreateUrl": "users",
                                    "CreateBody": "{\"email\":\"{workEmail}\",\"name\":\"{displayName}\"}",
                                    "CreateSuccessCodes": [ 200, 201 ], "ExistsCodes": [ 409 ] } }
            }
          }
        }
        """;

    private readonly IdentityOptionsValidator validator = new();

    [Fact]
    public void No_targets_is_valid()
    {
        Assert.True(validator.Validate(null, new IdentityOptions()).Succeeded);
    }

    [Fact]
    public void The_documented_example_binds_and_is_valid()
    {
        IdentityOptions options = IdentityTestConfig.Bind(DocExample);

        ValidateOptionsResult result = validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(["entra", "github", "wiki"], options.Targets.Keys.Order());
        Assert.Equal("workEmail", options.Targets["entra"].AccountField);
        Assert.True(options.Targets["entra"].Offboarding && options.Targets["entra"].Onboarding);
        Assert.Equal(string.Empty, options.Targets["wiki"].Rest!.AuthScheme);
        Assert.Equal([200, 204], options.Targets["wiki"].Rest!.SuccessCodes!);
        Assert.Equal(["Engineering"], options.Targets["wiki"].Departments);
    }

    [Fact]
    public void Target_names_are_matched_ignoring_case()
    {
        Assert.True(IdentityTestConfig.Bind(DocExample).Targets.ContainsKey("ENTRA"));
    }

    public static TheoryData<string, Action<IdentityTargetOptions>, string> Problems => new()
    {
        { "graph", t => t.Kind = "ldap", "Identity:Targets:x:Kind 'ldap' is not one of: graph, okta, google-workspace, slack-scim, github, atlassian, zoom, rest." },
        { "graph", t => t.BaseUrl = "/relative", "Identity:Targets:x:BaseUrl '/relative' is not an absolute http(s) URL." },
        { "graph", t => t.BaseUrl = "ftp://host", "Identity:Targets:x:BaseUrl 'ftp://host' is not an absolute http(s) URL." },
        { "okta", t => t.Token = " ", "Identity:Targets:x:Token is empty." },
        { "okta", t => t.AccountField = "", "Identity:Targets:x:AccountField is empty" },
        { "github", t => t.Organization = null, "Identity:Targets:x:Organization is required for kind github" },
        { "atlassian", t => t.DirectoryId = "", "Identity:Targets:x:DirectoryId is required for kind atlassian" },
        { "rest", t => t.Rest = null, "Identity:Targets:x:Rest is required for kind rest" },
        { "rest", t => t.Rest!.RevokeUrl = null, "Identity:Targets:x:Rest:RevokeUrl is required" },
        { "rest", t => t.Rest!.CreateUrl = null, "Identity:Targets:x:Rest:CreateUrl is required" },
        { "rest", t => t.Rest!.RevokeUrl = "https://elsewhere.test/u/{account}", "Identity:Targets:x:Rest:RevokeUrl 'https://elsewhere.test/u/{account}' must be relative to BaseUrl." },
        { "rest", t => t.Rest!.CreateBody = """{"mail":"{email}"}""", "Identity:Targets:x:Rest:CreateBody uses unknown placeholder {email}" },
        { "rest", t => t.Rest!.CreateUrl = "users/{acount}", "Identity:Targets:x:Rest:CreateUrl uses unknown placeholder {acount}" },
        { "rest", t => t.Rest!.RevokeBody = """{"mail":"{workEmail}"}""", "Identity:Targets:x:Rest:RevokeBody uses unknown placeholder {workEmail}; it can use: {account}." },
        { "rest", t => t.Rest!.RevokeMethod = "FETCH", "Identity:Targets:x:Rest:RevokeMethod 'FETCH' is not one of: GET, POST, PUT, PATCH, DELETE." },
        { "rest", t => t.Rest!.CreateMethod = "", "Identity:Targets:x:Rest:CreateMethod '' is not one of" },
        { "rest", t => t.Rest!.SuccessCodes = [200, 99], "Identity:Targets:x:Rest:SuccessCodes has 99, which is not an HTTP status code (100–599)." },
        { "rest", t => t.Rest!.ExistsCodes = [600], "Identity:Targets:x:Rest:ExistsCodes has 600" },
        { "rest", t => { t.Rest!.SuccessCodes = [200, 204]; t.Rest.AlreadyDoneCodes = [409, 204]; }, "Identity:Targets:x:Rest: 204 is in both SuccessCodes and AlreadyDoneCodes" },
        { "rest", t => t.Rest!.AuthHeader = "X Api Key", "Identity:Targets:x:Rest:AuthHeader 'X Api Key' is not a header name." },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Each_problem_fails_naming_the_target_and_setting(string kind, Action<IdentityTargetOptions> breakIt, string expected)
    {
        IdentityTargetOptions target = Valid(kind);
        breakIt(target);

        ValidateOptionsResult result = validator.Validate(null, new IdentityOptions { Targets = { ["x"] = target } });

        Assert.True(result.Failed);
        string failure = Assert.Single(result.Failures!);
        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("graph")]
    [InlineData("OKTA")]
    [InlineData("google-workspace")]
    [InlineData("slack-scim")]
    [InlineData("github")]
    [InlineData("atlassian")]
    [InlineData("zoom")]
    [InlineData("rest")]
    public void Each_kind_with_its_required_settings_is_valid(string kind)
    {
        ValidateOptionsResult result = validator.Validate(null, new IdentityOptions { Targets = { ["x"] = Valid(kind) } });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void A_revoke_only_rest_target_needs_no_create_url()
    {
        IdentityTargetOptions target = Valid("rest");
        target.Onboarding = false;
        target.Rest!.CreateUrl = null;

        Assert.True(validator.Validate(null, new IdentityOptions { Targets = { ["x"] = target } }).Succeeded);
    }

    [Fact]
    public void Every_problem_of_every_target_is_reported_at_once()
    {
        IdentityTargetOptions a = Valid("github");
        a.Organization = null;
        a.Token = "";
        IdentityTargetOptions b = Valid("zoom");
        b.BaseUrl = "nope";

        ValidateOptionsResult result = validator.Validate(null, new IdentityOptions { Targets = { ["a"] = a, ["b"] = b } });

        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Identity:Targets:b:BaseUrl", StringComparison.Ordinal));
    }

    private static IdentityTargetOptions Valid(string kind) => new()
    {
        Kind = kind,
        BaseUrl = "https://vendor.test",
        Token = "t",
        Organization = "acme",
        DirectoryId = "dir-1",
        Rest = new RestTargetOptions { RevokeUrl = "users/{account}/deactivate", CreateUrl = "users", CreateBody = """{"email":"{workEmail}"}""" },
    };
}
