namespace Integration.Sandbox.Faults;

/// The emulated systems that receive vendor traffic, fault injection and request counting.
internal enum SandboxSystem
{
    HubSpot,
    QuickBooks,
    Alerts,
    Xero,
    BambooHr,
}
