using System.Diagnostics;

namespace GuidanceFlow.Api.Tests.Contract;

/// <summary>
/// The OpenAPI document, as the running app serves it, linted by Redocly CLI with its recommended ruleset
/// (tests/Api.Tests/redocly.yaml): no error and no warning. Among its rules: operationIds unique and URL-safe, every
/// example valid by its schema, path parameters declared, 4xx answers declared, security defined.
/// </summary>
public sealed class OpenApiLintTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task The_document_passes_the_recommended_ruleset_with_no_error_or_warning()
    {
        var contract = await App.Contract;
        var project = ProjectDirectory();
        var file = Path.Combine(Path.GetTempPath(), $"guidanceflow-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, contract.Document.ToJsonString());
        try
        {
            var start = new ProcessStartInfo("node")
            {
                WorkingDirectory = project,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in new[] { Path.Combine(project, "node_modules", "@redocly", "cli", "bin", "cli.js"), "lint", file,
                         "--config", Path.Combine(project, "redocly.yaml"), "--format", "stylish", "--max-problems", "200" })
                start.ArgumentList.Add(arg);
            // No usage reports to Redocly, no update check: the lint runs offline.
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            using var lint = Process.Start(start)!;
            var output = lint.StandardOutput.ReadToEndAsync();
            var errors = lint.StandardError.ReadToEndAsync();
            await lint.WaitForExitAsync();
            var report = await output + await errors;
            Assert.True(lint.ExitCode == 0, report);
            Assert.DoesNotContain(" warning ", report);
            Assert.DoesNotContain(" error ", report);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string ProjectDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "redocly.yaml"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("tests/Api.Tests/redocly.yaml not found above " + AppContext.BaseDirectory);
    }
}
