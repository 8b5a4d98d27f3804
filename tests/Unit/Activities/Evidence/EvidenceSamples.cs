using Integration.Orchestrations.Offboarding;

namespace Integration.Tests.Unit.Activities.Evidence;

/// <summary>Evidence records for the CSV and handler tests.</summary>
internal static class EvidenceSamples
{
    public static readonly DateTimeOffset EffectiveAt = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));

    public static OffboardingEvidence Record(params SystemEvidence[] systems) => new(
        "E1001-20260302T080000Z",
        "E1001",
        "Jane Doe",
        "offboarding-E1001",
        "corr-1",
        EffectiveAt,
        EffectiveAt.AddHours(4),
        EffectiveAt.AddMinutes(1),
        EscalatedAt: null,
        CompletedAt: EffectiveAt.AddHours(5).AddTicks(1_234_000),
        OffboardingEvidence.CompletedLate,
        WithinSla: false,
        systems);

    public static SystemEvidence Okta() => new(
        "okta", "identity", "00u1", AccessOutcomes.Revoked, EffectiveAt.AddMinutes(2), 1, "call-okta-1", null, false, null, "okta user 00u1 was ACTIVE; deactivated");

    public static SystemEvidence Crm() => new(
        "crm", "saas", "jane@example.com", AccessOutcomes.RevokedManually, EffectiveAt.AddHours(5), 3, null, "HTTP 503 from the CRM", true, "auditor-bob", null);
}
