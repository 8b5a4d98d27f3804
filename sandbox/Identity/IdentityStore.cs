using Integration.Sandbox.Faults;

namespace Integration.Sandbox.Identity;

/// <summary>
/// The accounts of every emulated identity system, keyed by (system, app, key). Keys, ids and apps compare
/// ignoring case (e-mails, logins and GitHub names do). Every read-modify-write happens under one lock, so a
/// revocation racing a duplicate of itself counts one deactivation.
/// </summary>
internal sealed class IdentityStore(TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly Dictionary<(SandboxSystem, string, string), IdentityAccount> byKey = [];

    // The vendor id and the Atlassian account id of every account, pointing at its normalised key.
    private readonly Dictionary<(SandboxSystem, string, string), string> keyById = [];
    private readonly Dictionary<(SandboxSystem, string, string), string> keyByAccountId = [];
    private long lastNumber;

    /// <summary>The account <paramref name="value"/> names in the way <paramref name="lookup"/> allows; null when none.</summary>
    public IdentityAccount? Find(SandboxSystem system, string app, string value, IdentityLookup lookup = IdentityLookup.KeyOrId)
    {
        lock (gate)
        {
            return FindLocked(system, app, value, lookup);
        }
    }

    /// <summary>Copies of the accounts that match <paramref name="where"/>, in creation order.</summary>
    public IReadOnlyList<IdentityAccount> Accounts(Func<IdentityAccount, bool>? where = null)
    {
        lock (gate)
        {
            return [.. byKey.Values.Where(a => where?.Invoke(a) ?? true).OrderBy(a => a.Number)];
        }
    }

    /// <summary>
    /// Stores <paramref name="draft"/> (its system, app and key; <paramref name="identify"/> assigns the vendor ids from
    /// a store-wide sequence number) unless that key exists, in which case the stored account is returned unchanged.
    /// With <paramref name="reviveInactive"/>, an inactive account is brought back instead (GitHub's re-invitation)
    /// and that counts as a creation too.
    /// </summary>
    public IdentityCreation Create(
        IdentityAccount draft,
        Func<IdentityAccount, long, IdentityAccount> identify,
        bool countCreation,
        Func<IdentityAccount, IdentityAccount>? reviveInactive = null)
    {
        var counted = countCreation ? 1 : 0;
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (FindLocked(draft.System, draft.App, draft.Key, IdentityLookup.Key) is { } existing)
            {
                if (existing.Active || reviveInactive is null)
                {
                    return new IdentityCreation(existing, false);
                }

                var revived = reviveInactive(existing) with { Creations = existing.Creations + counted, UpdatedAt = now };
                Put(revived);
                return new IdentityCreation(revived, true);
            }

            var number = ++lastNumber;
            var account = identify(draft, number) with
            {
                Number = number,
                Creations = counted,
                Deactivations = 0,
                SessionRevocations = 0,
                CreatedAt = now,
                UpdatedAt = now,
            };
            Put(account);
            return new IdentityCreation(account, true);
        }
    }

    /// <summary>Marks the account inactive (no longer pending); only an active account's transition is counted.</summary>
    public IdentityDeactivation Deactivate(SandboxSystem system, string app, string value, IdentityLookup lookup = IdentityLookup.KeyOrId)
    {
        lock (gate)
        {
            var account = FindLocked(system, app, value, lookup);
            if (account is null)
            {
                return new IdentityDeactivation(DeactivationOutcome.NotFound, null);
            }

            if (!account.Active)
            {
                return new IdentityDeactivation(DeactivationOutcome.AlreadyInactive, account);
            }

            var deactivated = account with
            {
                Active = false,
                Pending = false,
                Deactivations = account.Deactivations + 1,
                UpdatedAt = time.GetUtcNow(),
            };
            Put(deactivated);
            return new IdentityDeactivation(DeactivationOutcome.Deactivated, deactivated);
        }
    }

    /// <summary>Applies <paramref name="change"/> to the account atomically; null when there is no such account.</summary>
    public IdentityAccount? Update(
        SandboxSystem system,
        string app,
        string value,
        Func<IdentityAccount, IdentityAccount> change,
        IdentityLookup lookup = IdentityLookup.KeyOrId)
    {
        lock (gate)
        {
            var account = FindLocked(system, app, value, lookup);
            if (account is null)
            {
                return null;
            }

            var changed = change(account) with { UpdatedAt = time.GetUtcNow() };
            Put(changed);
            return changed;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            byKey.Clear();
            keyById.Clear();
            keyByAccountId.Clear();
            lastNumber = 0;
        }
    }

    private IdentityAccount? FindLocked(SandboxSystem system, string app, string value, IdentityLookup lookup)
    {
        var name = Normalise(system, app, value);
        if (lookup is IdentityLookup.KeyOrId or IdentityLookup.Key && byKey.TryGetValue(name, out var account))
        {
            return account;
        }

        var index = lookup switch
        {
            IdentityLookup.KeyOrId or IdentityLookup.Id => keyById,
            IdentityLookup.AccountId => keyByAccountId,
            _ => null,
        };
        return index is not null && index.TryGetValue(name, out var key) ? byKey[(system, name.Item2, key)] : null;
    }

    // Keys and ids never change after creation, so re-indexing on every replacement is only an overwrite.
    private void Put(IdentityAccount account)
    {
        var key = Normalise(account.System, account.App, account.Key);
        byKey[key] = account;
        keyById[Normalise(account.System, account.App, account.Id)] = key.Item3;
        if (account.AccountId is not null)
        {
            keyByAccountId[Normalise(account.System, account.App, account.AccountId)] = key.Item3;
        }
    }

    private static (SandboxSystem, string, string) Normalise(SandboxSystem system, string app, string key) =>
        (system, Fold(app), Fold(key));

    private static string Fold(string value) => value.ToUpperInvariant();
}
