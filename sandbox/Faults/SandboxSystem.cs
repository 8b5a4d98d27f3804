namespace Integration.Sandbox.Faults;

/// The emulated systems that receive vendor traffic, fault injection and request counting.
internal enum SandboxSystem
{
    HubSpot,
    QuickBooks,
    Alerts,
    Xero,
    BambooHr,

    // Identity systems (sandbox/Identity): the offboarding and onboarding targets.
    Graph,
    Okta,
    Google,
    Slack,
    GitHub,
    Atlassian,
    Zoom,
    Rest,

    // Commerce (sandbox/Shopify, sandbox/ShipBob, sandbox/ShipStation): the order-fulfilment systems.
    Shopify,
    ShipBob,
    ShipStation,
}
