namespace Integration.Sandbox.Shopify;

/// <summary>A request-level GraphQL error: answered HTTP 200 with errors[] (no data), as Shopify answers them.</summary>
internal sealed class ShopifyGraphQlException(string message, string code) : Exception(message)
{
    public string Code { get; } = code;
}
