using System.Text;
using Microsoft.AspNetCore.Http;

namespace Integration.Activities.Evidence;

/// <summary>A CSV body sent as a file download (Content-Disposition: attachment), so browsers save it instead of showing it.</summary>
public sealed class CsvDownload(string csv, string fileName) : IResult
{
    public string Csv { get; } = csv;

    /// <summary>The name as sent: letters, digits, '.', '-' and '_' only (anything else becomes '_'), so it needs no escaping in the header.</summary>
    public string FileName { get; } = SafeFileName(fileName);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        byte[] body = Encoding.UTF8.GetBytes(Csv);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = OffboardingEvidenceCsv.ContentType + "; charset=utf-8";
        httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName}\"";
        httpContext.Response.ContentLength = body.Length;
        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).ConfigureAwait(false);
    }

    private static string SafeFileName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return string.Create(name.Length, name, (span, source) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                char c = source[i];
                span[i] = char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_';
            }
        });
    }
}
