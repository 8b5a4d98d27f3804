namespace Integration.Sandbox.Xero;

/// The Xero record kinds the sandbox stores.
internal enum XeroEntity
{
    Contact,
    Invoice,
    CreditNote,
}
