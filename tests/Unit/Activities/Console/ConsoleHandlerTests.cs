using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Integration.Activities.Console;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Integration.Tests.Unit.Activities.Console;

/// <summary>
/// The console's files as both hosts serve them: the embedded page and its modules with their content types, the strict
/// security headers on every answer, ETag revalidation (304), a problem+json 404 for a file it lacks, and the redirect
/// that makes the page's relative links resolve.
/// </summary>
public sealed class ConsoleHandlerTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();

    public void Dispose() => services.Dispose();

    [Theory]
    [InlineData("/api/console/", null, "text/html", "<!doctype html>")]
    [InlineData("/api/console/index.html", "index.html", "text/html", "<!doctype html>")]
    [InlineData("/api/console/app.js", "app.js", "text/javascript", "import")]
    [InlineData("/api/console/pages/workflow.js", "pages/workflow.js", "text/javascript", "export")]
    [InlineData("/api/console/console.css", "console.css", "text/css", "")]
    [InlineData("/api/console/lib/uPlot.esm.js", "lib/uPlot.esm.js", "text/javascript", "export { uPlot as default }")]
    [InlineData("/api/console/lib/uPlot.min.css", "lib/uPlot.min.css", "text/css", ".uplot")]
    public async Task A_console_file_is_served_with_its_content_type_and_utf8(string path, string? file, string mediaType, string contains)
    {
        var (context, body) = await ServeAsync(path, file);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        var type = MediaTypeHeaderValue.Parse(context.Response.ContentType!);
        Assert.Equal(mediaType, type.MediaType);
        Assert.Equal("utf-8", type.CharSet);
        Assert.Contains(contains, body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("no-cache", context.Response.Headers.CacheControl.ToString());
    }

    [Theory]
    [InlineData("/api/console/", null)]
    [InlineData("/api/console/nope.js", "nope.js")]
    [InlineData("/api/console", null)]
    public async Task Every_answer_carries_the_strict_security_headers(string path, string? file)
    {
        var (context, _) = await ServeAsync(path, file);

        string csp = context.Response.Headers.ContentSecurityPolicy.ToString();
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", context.Response.Headers.XContentTypeOptions.ToString());
        Assert.Equal("no-referrer", context.Response.Headers["Referrer-Policy"].ToString());
    }

    [Fact]
    public async Task A_file_the_console_lacks_is_a_problem_404_naming_it()
    {
        var (context, body) = await ServeAsync("/api/console/pages/nope.js", "pages/nope.js");

        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
        Assert.Equal("application/problem+json", MediaTypeHeaderValue.Parse(context.Response.ContentType!).MediaType);
        using JsonDocument problem = JsonDocument.Parse(body);
        Assert.Equal("urn:integration:problem:console-file-not-found", problem.RootElement.GetProperty("type").GetString());
        Assert.Contains("'pages/nope.js'", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../Integration.Activities.dll")]
    [InlineData("/etc/passwd")]
    [InlineData("APP.JS")]
    public async Task Only_the_embedded_files_are_served_by_their_exact_path(string file)
    {
        var (context, _) = await ServeAsync("/api/console/" + file, file);

        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_browser_with_the_current_version_gets_304_and_one_with_an_old_version_the_file()
    {
        var (first, _) = await ServeAsync("/api/console/app.js", "app.js");
        string etag = first.Response.Headers.ETag.ToString();
        Assert.Matches("^\"[0-9a-f]{32}\"$", etag);

        var (again, body) = await ServeAsync("/api/console/app.js", "app.js", ifNoneMatch: etag);
        Assert.Equal(StatusCodes.Status304NotModified, again.Response.StatusCode);
        Assert.Equal(string.Empty, body);
        Assert.Equal(etag, again.Response.Headers.ETag.ToString());

        var (stale, staleBody) = await ServeAsync("/api/console/app.js", "app.js", ifNoneMatch: "\"0123456789abcdef0123456789abcdef\"");
        Assert.Equal(StatusCodes.Status200OK, stale.Response.StatusCode);
        Assert.NotEqual(string.Empty, staleBody);
    }

    [Fact]
    public void Each_file_has_its_own_etag()
    {
        string[] etags = ConsoleAssets.Paths.Select(p => ConsoleAssets.Find(p)!.ETag).ToArray();

        Assert.True(etags.Length >= 12, $"only {etags.Length} console files are embedded");
        Assert.Equal(etags.Length, etags.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task The_console_without_its_slash_is_redirected_to_it_keeping_the_query()
    {
        var (context, _) = await ServeAsync("/api/console", null, query: "?x=1");

        Assert.Equal(StatusCodes.Status301MovedPermanently, context.Response.StatusCode);
        Assert.Equal("/api/console/?x=1", context.Response.Headers.Location.ToString());
    }

    [Fact]
    public void The_page_loads_nothing_inline_and_nothing_from_another_origin()
    {
        foreach (string path in ConsoleAssets.Paths.Where(p => p.EndsWith(".html", StringComparison.Ordinal) || (p.EndsWith(".js", StringComparison.Ordinal) && !p.StartsWith("lib/", StringComparison.Ordinal))))
        {
            string text = Encoding.UTF8.GetString(ConsoleAssets.Find(path)!.Content);
            Assert.DoesNotMatch(@"(src|href)\s*=\s*[""']?(https?:)?//", text);
            Assert.DoesNotMatch(@"\sstyle\s*=", text);
            Assert.DoesNotMatch(@"\son[a-z]+\s*=\s*[""']", text);
            Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", text);
        }
    }

    [Fact]
    public void Every_page_module_and_the_chart_library_are_built_in()
    {
        string[] expected =
        [
            "index.html", "console.css", "app.js", "api.js", "ui.js",
            "pages/home.js", "pages/workflows.js", "pages/workflow.js", "pages/reviews.js", "pages/dead-letters.js", "pages/alerts.js", "pages/audit.js",
            "lib/uPlot.esm.js", "lib/uPlot.min.css",
        ];

        Assert.All(expected, path => Assert.NotNull(ConsoleAssets.Find(path)));
    }

    [Fact]
    public void Every_file_the_page_and_its_modules_refer_to_is_built_in()
    {
        var missing = new List<string>();
        foreach (string path in ConsoleAssets.Paths.Where(p => !p.StartsWith("lib/", StringComparison.Ordinal)))
        {
            string text = Encoding.UTF8.GetString(ConsoleAssets.Find(path)!.Content);
            string? pattern = path.EndsWith(".html", StringComparison.Ordinal)
                ? @"(?:src|href)=""(?<ref>[^""#:?]+)"""
                : path.EndsWith(".js", StringComparison.Ordinal) ? @"(?:from|import)\s+'(?<ref>\.{1,2}/[^']+)'" : null;
            if (pattern is null)
            {
                continue;
            }

            foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(text, pattern))
            {
                string resolved = new Uri(new Uri("http://console/" + path), match.Groups["ref"].Value).AbsolutePath.TrimStart('/');
                if (ConsoleAssets.Find(resolved) is null)
                {
                    missing.Add($"{path} -> {match.Groups["ref"].Value}");
                }
            }
        }

        Assert.Empty(missing);
    }

    private async Task<(HttpContext Context, string Body)> ServeAsync(string path, string? file, string? ifNoneMatch = null, string query = "")
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query.Length == 0 ? null : query);
        if (ifNoneMatch is not null)
        {
            context.Request.Headers.IfNoneMatch = ifNoneMatch;
        }

        using var body = new MemoryStream();
        context.Response.Body = body;
        await new ConsoleHandler().Serve(context.Request, file).ExecuteAsync(context);
        return (context, Encoding.UTF8.GetString(body.ToArray()));
    }
}
