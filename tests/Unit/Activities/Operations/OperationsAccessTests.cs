using System.Text;
using System.Text.Json;
using Integration.Activities.Configuration;
using Integration.Activities.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Operations;

/// <summary>
/// Who may call the operations API: keys by hash with a role (several per role, so a key can be rotated), the
/// legacy plain operator key, read-only mode, and the App Service principal header, believed only when the
/// settings say App Service authentication is in front. Each refusal is checked by status and problem type.
/// </summary>
public sealed class OperationsAccessTests : IDisposable
{
    private const string OperatorKey = "operator-key-1";
    private const string RotatedOperatorKey = "operator-key-2";
    private const string ReaderKey = "reader-key-1";
    private const string LegacyKey = "legacy-plain-key";

    private readonly ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();

    public void Dispose() => services.Dispose();

    public static TheoryData<string, OperationsRole, int?, string?> KeyCases => new()
    {
        // key, route needs, status (null = allowed), caller name when allowed
        { OperatorKey, OperationsRole.Operator, null, "support operator" },
        { OperatorKey, OperationsRole.Reader, null, "support operator" },
        { RotatedOperatorKey, OperationsRole.Operator, null, "new operator key" },
        { ReaderKey, OperationsRole.Reader, null, "auditor" },
        { ReaderKey, OperationsRole.Operator, 403, null },
        { LegacyKey, OperationsRole.Operator, null, "Operations:ApiKey" },
        { "not-a-configured-key", OperationsRole.Reader, 401, null },
        { "OPERATOR-KEY-1", OperationsRole.Reader, 401, null },
    };

    [Theory]
    [MemberData(nameof(KeyCases))]
    public async Task A_key_is_allowed_or_refused_by_its_role(string key, OperationsRole needed, int? status, string? name)
    {
        (int? actual, string? type, OperationsCaller caller) = await RefuseAsync(Settings(), needed, key: key);

        Assert.Equal(status, actual);
        if (status is null)
        {
            Assert.Equal(name, caller.Name);
        }
        else
        {
            Assert.Equal(status == 401 ? "urn:integration:problem:operations-key-invalid" : "urn:integration:problem:operations-role-insufficient", type);
        }
    }

    [Theory]
    [InlineData(OperationsRole.Reader)]
    [InlineData(OperationsRole.Operator)]
    public async Task No_key_is_401(OperationsRole needed)
    {
        (int? status, string? type, OperationsCaller caller) = await RefuseAsync(Settings(), needed);

        Assert.Equal(401, status);
        Assert.Equal("urn:integration:problem:operations-key-invalid", type);
        Assert.Same(OperationsCaller.Unknown, caller);
    }

    [Fact]
    public async Task Read_only_mode_refuses_the_operator_an_action_but_lets_it_read()
    {
        OperationsOptions settings = Settings();
        settings.ReadOnly = true;

        (int? act, string? type, OperationsCaller caller) = await RefuseAsync(settings, OperationsRole.Operator, key: OperatorKey);
        (int? read, _, _) = await RefuseAsync(settings, OperationsRole.Reader, key: OperatorKey);

        Assert.Equal(403, act);
        Assert.Equal("urn:integration:problem:operations-read-only", type);
        Assert.Equal("support operator", caller.Name);
        Assert.Null(read);
    }

    [Fact]
    public async Task A_removed_key_stops_working_while_its_replacement_works()
    {
        OperationsOptions settings = Settings();
        settings.Keys.RemoveAt(0);

        Assert.Equal(401, (await RefuseAsync(settings, OperationsRole.Operator, key: OperatorKey)).Status);
        Assert.Null((await RefuseAsync(settings, OperationsRole.Operator, key: RotatedOperatorKey)).Status);
    }

    [Fact]
    public async Task A_forged_principal_is_ignored_unless_app_service_authentication_is_trusted()
    {
        string forged = AppServicePrincipal.Encode("mallory", AppServicePrincipal.OperatorAppRole);

        (int? status, string? type, OperationsCaller caller) = await RefuseAsync(Settings(), OperationsRole.Operator, principal: forged);

        Assert.Equal(401, status);
        Assert.Equal("urn:integration:problem:operations-key-invalid", type);
        Assert.Same(OperationsCaller.Unknown, caller);
    }

    [Theory]
    [InlineData(AppServicePrincipal.OperatorAppRole, OperationsRole.Operator, null)]
    [InlineData(AppServicePrincipal.OperatorAppRole, OperationsRole.Reader, null)]
    [InlineData(AppServicePrincipal.ReaderAppRole, OperationsRole.Reader, null)]
    [InlineData(AppServicePrincipal.ReaderAppRole, OperationsRole.Operator, 403)]
    [InlineData("Some.Other.Role", OperationsRole.Reader, 403)]
    public async Task A_trusted_principal_gets_the_role_of_its_app_role(string appRole, OperationsRole needed, int? status)
    {
        (int? actual, _, OperationsCaller caller) = await RefuseAsync(Trusted(), needed, principal: AppServicePrincipal.Encode("alice@contoso.example", appRole));

        Assert.Equal(status, actual);
        Assert.Equal("alice@contoso.example", caller.Name);
    }

    [Fact]
    public async Task A_trusted_principal_reads_roles_from_role_typ_and_the_name_from_name_typ()
    {
        string json = JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            name_typ = "preferred_username",
            role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
            claims = new[]
            {
                new { typ = "preferred_username", val = "bob@contoso.example" },
                new { typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role", val = AppServicePrincipal.OperatorAppRole },
            },
        });

        (int? status, _, OperationsCaller caller) = await RefuseAsync(Trusted(), OperationsRole.Operator, principal: Convert.ToBase64String(Encoding.UTF8.GetBytes(json)));

        Assert.Null(status);
        Assert.Equal(new OperationsCaller("bob@contoso.example", OperationsRole.Operator), caller);
    }

    [Fact]
    public async Task A_trusted_reader_principal_is_still_refused_actions_in_read_only_mode_and_a_key_still_works()
    {
        OperationsOptions settings = Trusted();
        Assert.Null((await RefuseAsync(settings, OperationsRole.Operator, key: OperatorKey)).Status);

        settings.ReadOnly = true;
        (int? status, string? type, _) = await RefuseAsync(settings, OperationsRole.Operator, principal: AppServicePrincipal.Encode("alice", AppServicePrincipal.OperatorAppRole));

        Assert.Equal(403, status);
        Assert.Equal("urn:integration:problem:operations-read-only", type);
    }

    [Theory]
    [InlineData("not base64 !!")]
    [InlineData("bm90IGpzb24=")] // "not json"
    [InlineData("W10=")] // "[]"
    [InlineData("eyJjbGFpbXMiOjV9")] // {"claims":5}
    [InlineData("eyJjbGFpbXMiOltdfQ==")] // {"claims":[]}: no name
    [InlineData("eyJjbGFpbXMiOlt7InR5cCI6Im5hbWUifV19")] // {"claims":[{"typ":"name"}]}: claim without val
    public async Task A_malformed_trusted_principal_is_401_not_500(string header)
    {
        (int? status, string? type, OperationsCaller caller) = await RefuseAsync(Trusted(), OperationsRole.Reader, principal: header);

        Assert.Equal(401, status);
        Assert.Equal("urn:integration:problem:operations-principal-invalid", type);
        Assert.Same(OperationsCaller.Unknown, caller);
    }

    private static OperationsOptions Settings()
    {
        var settings = new OperationsOptions { ApiKey = LegacyKey };
        settings.Keys.Add(new OperationsKeySetting { Name = "support operator", Role = "operator", Hash = OperationsKeyHash.Of(OperatorKey) });
        settings.Keys.Add(new OperationsKeySetting { Name = "new operator key", Role = "Operator", Hash = OperationsKeyHash.Of(RotatedOperatorKey) });
        settings.Keys.Add(new OperationsKeySetting { Name = "auditor", Role = "reader", Hash = OperationsKeyHash.Of(ReaderKey) });
        return settings;
    }

    private static OperationsOptions Trusted()
    {
        OperationsOptions settings = Settings();
        settings.TrustAppServiceAuthentication = true;
        return settings;
    }

    private async Task<(int? Status, string? Type, OperationsCaller Caller)> RefuseAsync(OperationsOptions settings, OperationsRole needed, string? key = null, string? principal = null)
    {
        var access = new OperationsAccess(Mock.Of<IOptionsMonitor<OperationsOptions>>(m => m.CurrentValue == settings));
        var context = new DefaultHttpContext { RequestServices = services };
        if (key is not null)
        {
            context.Request.Headers[OperationsAccess.HeaderName] = key;
        }

        if (principal is not null)
        {
            context.Request.Headers[AppServicePrincipal.HeaderName] = principal;
        }

        IResult? refused = access.Refuse(context.Request, needed, "corr-1", out OperationsCaller caller);
        if (refused is null)
        {
            return (null, null, caller);
        }

        context.Response.Body = new MemoryStream();
        await refused.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using JsonDocument problem = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, problem.RootElement.GetProperty("type").GetString(), caller);
    }
}
