using System.Globalization;
using Integration.Activities.Http;
using Integration.Activities.Operations;
using Integration.Activities.Storage;
using Integration.Orchestrations.Offboarding;
using Microsoft.AspNetCore.Http;

namespace Integration.Activities.Evidence;

/// <summary>
/// Read-only evidence API for auditors: GET /api/v1/evidence/offboardings (summaries, newest first) and
/// GET /api/v1/evidence/offboardings/{offboardingId} (the whole record, JSON or CSV). Every request needs
/// the operations key; bad query values are 400 problems, unknown ids 404.
/// </summary>
public sealed class EvidenceHandler(OperationsAccess access, OffboardingEvidenceStore store)
{
    public const int DefaultMax = 100;

    private const string InvalidQuery = "evidence-query-invalid";

    public async Task<IResult> ListOffboardingsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string correlationId = CorrelationIds.FromRequest(request);
        if (access.Refuse(request, OperationsRole.Reader, correlationId, out _) is { } refused)
        {
            return refused;
        }

        // The list is JSON whatever Accept says; only an explicit ?format= other than json is refused.
        if (!string.IsNullOrWhiteSpace(request.Query[EvidenceFormatChoice.QueryName]) && EvidenceFormatChoice.Choose(request) is not EvidenceFormat.Json)
        {
            return BadQuery($"'{EvidenceFormatChoice.QueryName}' must be 'json' here; CSV is per record: /api/v1/evidence/offboardings/{{offboardingId}}?format=csv.", correlationId);
        }

        if (!TryReadMax(request, out int max))
        {
            return BadQuery($"'max' must be one whole number from 1 to {OffboardingEvidenceStore.MaxList}.", correlationId);
        }

        if (!TryReadEmployeeId(request, out string? employeeId))
        {
            return BadQuery($"'employeeId' must be given at most once and be at most {OffboardingEvidenceStore.MaxIdLength} characters.", correlationId);
        }

        return await StorageDeadline.AnswerAsync(
            correlationId, async ct => Results.Json(await store.ListAsync(employeeId, max, ct).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IResult> GetOffboardingAsync(HttpRequest request, string offboardingId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(offboardingId);
        string correlationId = CorrelationIds.FromRequest(request);
        if (access.Refuse(request, OperationsRole.Reader, correlationId, out _) is { } refused)
        {
            return refused;
        }

        if (EvidenceFormatChoice.Choose(request) is not { } format)
        {
            return BadQuery($"'{EvidenceFormatChoice.QueryName}' must be 'json' or 'csv', given at most once.", correlationId);
        }

        return await StorageDeadline.AnswerAsync(correlationId, ct => AnswerRecordAsync(offboardingId, format, correlationId, ct), cancellationToken).ConfigureAwait(false);
    }

    private async Task<IResult> AnswerRecordAsync(string offboardingId, EvidenceFormat format, string correlationId, CancellationToken cancellationToken)
    {
        OffboardingEvidence? record = await store.GetAsync(offboardingId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return Problems.Create(StatusCodes.Status404NotFound, "evidence-not-found", "No such offboarding evidence",
                $"No evidence record has the offboarding id '{offboardingId}'.", correlationId);
        }

        return format == EvidenceFormat.Csv
            ? new CsvDownload(OffboardingEvidenceCsv.Format(record), $"offboarding-{record.OffboardingId}.csv")
            : Results.Json(record);
    }

    private static bool TryReadMax(HttpRequest request, out int max)
    {
        var values = request.Query["max"];
        max = DefaultMax;
        return values.Count switch
        {
            0 => true,
            1 => int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out max) && max is >= 1 and <= OffboardingEvidenceStore.MaxList,
            _ => false,
        };
    }

    private static bool TryReadEmployeeId(HttpRequest request, out string? employeeId)
    {
        var values = request.Query["employeeId"];
        employeeId = values.Count == 1 && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;
        return values.Count <= 1 && (employeeId is null || employeeId.Length <= OffboardingEvidenceStore.MaxIdLength);
    }

    private static IResult BadQuery(string detail, string correlationId) =>
        Problems.Create(StatusCodes.Status400BadRequest, InvalidQuery, "Invalid evidence query", detail, correlationId);
}
