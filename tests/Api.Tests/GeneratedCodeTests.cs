using System.Diagnostics;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// Wolverine's handler code is generated ahead of time and compiled in (src/Api/Internal/Generated), so
/// the app loads no compiler at run time. This fails when a handler, its middleware or its dependencies
/// changed and the committed code was not generated again.
/// </summary>
public class GeneratedCodeTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task The_committed_handler_code_is_what_the_handlers_generate_now()
    {
        var dll = AppProcess.ApiAssembly();
        var root = Path.Combine(Path.GetTempPath(), "guidanceflow-codegen-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
            foreach (var a in new[] { dll, "codegen", "write", "--contentroot", root }) start.ArgumentList.Add(a);
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["ConnectionStrings__GuidanceFlow"] = App.Postgres.ConnectionString;
            var nodes = await NodesEverStarted();
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"codegen write failed: {await output}{await error}");
            Assert.Equal(nodes, await NodesEverStarted()); // generating code never joined the running instances

            var generated = Path.Combine(root, "Internal", "Generated");
            var committed = Path.Combine(Path.GetDirectoryName(dll)!, "..", "..", "..", "Internal", "Generated");
            string[] Files(string dir) => Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(dir, f)).Order().ToArray();
            const string fix = "Run `dotnet run --project src/Api -- codegen write` and commit src/Api/Internal/Generated.";
            Assert.True(Files(generated).SequenceEqual(Files(committed)),
                $"Generated now: {string.Join(", ", Files(generated))}; committed: {string.Join(", ", Files(committed))}. {fix}");
            foreach (var file in Files(generated))
                Assert.True(await File.ReadAllTextAsync(Path.Combine(generated, file)) == await File.ReadAllTextAsync(Path.Combine(committed, file)),
                    $"{file} differs from what the handlers generate now. {fix}");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
