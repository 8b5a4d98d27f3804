using Azure;
using Azure.Data.Tables;
using Integration.Activities.Storage;
using Integration.Orchestrations.Common;

namespace Integration.Activities.Reviews;

/// <summary>One answer's claim on one review: who answered what, when, and whether it reached the workflow.</summary>
public sealed record ReviewClaim(
    string InstanceId,
    string ReviewId,
    string Action,
    string? Value,
    string? ReviewedBy,
    string CorrelationId,
    DateTimeOffset ClaimedAt,
    DateTimeOffset? DeliveredAt);

/// <summary>The outcome of a claim: won (and the row's ETag, to mark or release it), or the claim that got there first.</summary>
public sealed record ReviewClaimResult(bool Won, ReviewClaim? Claim, ETag ETag);

/// <summary>
/// Table "ReviewClaims": the compare-and-set that lets exactly one answer win each review. Partition = the
/// instance id, row = the review id the workflow published with the question (<see cref="ReviewRequest.Id"/>).
/// Inserting the row is the claim: of two concurrent answers, storage accepts one insert and refuses the
/// other (409). A claim whose answer was never delivered (the raise failed and the release did too, or the
/// host died between the two) is taken over after <see cref="UndeliveredExpiry"/>, so it cannot block the
/// review for ever.
/// </summary>
public sealed class ReviewClaimStore(StorageClients storage, TimeProvider time)
{
    /// <summary>How long an undelivered claim holds its review; far longer than raising an event takes.</summary>
    public static readonly TimeSpan UndeliveredExpiry = TimeSpan.FromMinutes(1);

    private readonly TableClient table = storage.Tables.GetTableClient(storage.Names.ReviewClaimsTable);

    /// <summary>Claims the review for this answer; <see cref="ReviewClaimResult.Won"/> is false when another answer holds it.</summary>
    public async Task<ReviewClaimResult> ClaimAsync(
        string instanceId, string reviewId, ReviewDecision decision, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        ArgumentNullException.ThrowIfNull(reviewId);
        ArgumentNullException.ThrowIfNull(decision);
        ReviewClaim? holder = null;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var claim = new ReviewClaim(instanceId, reviewId, decision.Action, decision.Value, decision.ReviewedBy, correlationId, time.GetUtcNow(), null);
            TableEntity entity = ToEntity(claim);
            try
            {
                Response added = await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                return new ReviewClaimResult(true, claim, added.Headers.ETag ?? ETag.All);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Another answer holds this review: read who, and take it over only if it was never delivered and has expired.
            }

            NullableResponse<TableEntity> found = await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            if (!found.HasValue)
            {
                continue; // released in between: try the insert again
            }

            holder = FromEntity(found.Value!);
            if (holder.DeliveredAt is not null || claim.ClaimedAt - holder.ClaimedAt < UndeliveredExpiry)
            {
                return new ReviewClaimResult(false, holder, default);
            }

            try
            {
                Response replaced = await table.UpdateEntityAsync(entity, found.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return new ReviewClaimResult(true, claim, replaced.Headers.ETag ?? ETag.All);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Someone else took it over or released it first: look again.
            }
        }

        return new ReviewClaimResult(false, holder, default);
    }

    /// <summary>Records that the winning answer reached the workflow, so the claim never expires.</summary>
    public async Task MarkDeliveredAsync(ReviewClaimResult won, CancellationToken cancellationToken)
    {
        ReviewClaim claim = Won(won);
        TableEntity entity = ToEntity(claim with { DeliveredAt = time.GetUtcNow() });
        await table.UpdateEntityAsync(entity, won.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives the review back after the answer could not be delivered, so the next answer can win it.</summary>
    public async Task ReleaseAsync(ReviewClaimResult won, CancellationToken cancellationToken)
    {
        ReviewClaim claim = Won(won);
        try
        {
            await table.DeleteEntityAsync(PartitionKey(claim.InstanceId), RowKey(claim.ReviewId), won.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Already gone, or already taken over by a later answer: nothing of ours to release.
        }
    }

    private static ReviewClaim Won(ReviewClaimResult result) =>
        result is { Won: true, Claim: { } claim } ? claim : throw new ArgumentException("Only a won claim can be marked or released.", nameof(result));

    private static string PartitionKey(string instanceId) => TableKeys.Escape(instanceId);

    private static string RowKey(string reviewId) => TableKeys.Escape(reviewId);

    private static TableEntity ToEntity(ReviewClaim claim)
    {
        var entity = new TableEntity(PartitionKey(claim.InstanceId), RowKey(claim.ReviewId))
        {
            ["InstanceId"] = claim.InstanceId,
            ["ReviewId"] = claim.ReviewId,
            ["Action"] = claim.Action,
            ["CorrelationId"] = claim.CorrelationId,
            ["ClaimedAt"] = claim.ClaimedAt,
        };

        // Absent rather than null: a replace then leaves no stale value behind.
        if (claim.Value is not null)
        {
            entity["Value"] = claim.Value;
        }

        if (claim.ReviewedBy is not null)
        {
            entity["ReviewedBy"] = claim.ReviewedBy;
        }

        if (claim.DeliveredAt is { } delivered)
        {
            entity["DeliveredAt"] = delivered;
        }

        return entity;
    }

    private static ReviewClaim FromEntity(TableEntity e) => new(
        e.GetString("InstanceId") ?? string.Empty,
        e.GetString("ReviewId") ?? string.Empty,
        e.GetString("Action") ?? string.Empty,
        e.GetString("Value"),
        e.GetString("ReviewedBy"),
        e.GetString("CorrelationId") ?? string.Empty,
        e.GetDateTimeOffset("ClaimedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("DeliveredAt"));
}
