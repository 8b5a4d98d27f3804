using System.Security.Cryptography;
using System.Text;
using Integration.Activities.Connectors.Erp;
using Integration.Activities.CrossReferences;
using Integration.Orchestrations.DealToInvoice;
using Microsoft.DurableTask;

namespace Integration.Activities.DealToInvoice;

/// <summary>
/// The ERP customer for a CRM company, by the rules in <see cref="ErpCustomerResolver"/>: an
/// operator's answer, the recorded cross-reference, the matching rules, or a new customer. The
/// decisions live in the resolver so they are unit-tested without table storage.
/// </summary>
public sealed class EnsureErpCustomerActivity(IErpConnector erp, CrossReferenceStore xrefs) : TaskActivity<EnsureErpCustomerInput, CustomerMatch>
{
    /// <summary>The longest idempotency key every ERP accepts (QBO's requestid limit; Xero allows more).</summary>
    public const int MaxIdempotencyKeyLength = 50;

    public override Task<CustomerMatch> RunAsync(TaskActivityContext context, EnsureErpCustomerInput input) =>
        new ErpCustomerResolver(erp, new CrossReferenceCustomerLinks(xrefs, erp)).ResolveAsync(input, CancellationToken.None);

    /// <summary>
    /// The idempotency key for creating the company's customer: stable across retries, but different
    /// when it replaces a stale link, or QBO would replay the original answer naming the vanished
    /// customer; and different for the retry under a disambiguated name, whose first attempt the ERP refused.
    /// </summary>
    public static string CreationRequestId(string companyId, string? replacedCustomerId, bool disambiguatedName = false)
    {
        ArgumentNullException.ThrowIfNull(companyId);
        string key = $"crm-company-{companyId}"
            + (replacedCustomerId is null ? string.Empty : $"-replaces-{replacedCustomerId}")
            + (disambiguatedName ? "-renamed" : string.Empty);
        return key.Length <= MaxIdempotencyKeyLength
            ? key
            : "crm-company-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
    }
}
