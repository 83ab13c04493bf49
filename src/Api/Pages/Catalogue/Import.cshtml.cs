using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Workflows.Catalogue;
using GuidanceFlow.Api.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GuidanceFlow.Api.Pages.Catalogue;

/// <summary>
/// The catalogue's administrators: the import from NICE (on or off, its schedule, its latest runs with
/// every failure and why, "check now"), and adding a structured document by hand with the same parser.
/// </summary>
public sealed class ImportModel(CatalogueAdmins admins, IOptions<NiceSettings> nice) : GuidancePage
{
    public const int MaxDocumentBytes = 1_000_000;

    [BindProperty] public IFormFile? Document { get; set; }
    [BindProperty] public string? GuidanceNumber { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public DateParts Issued { get; set; } = new();
    [BindProperty] public string? Recommendations { get; set; }

    /// <summary>A product typed in: number, title, date, and its recommendations one a line ("1.2.3 Offer …").</summary>
    public async Task<IActionResult> OnPostByHandAsync()
    {
        if (Denied() is { } denied) return denied;
        await LoadRunsAsync();
        var issued = Issued.Read("issued", "the date NICE published it", Errors, required: true);
        var lines = (Recommendations ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var recommendations = new List<ProductByHandRecommendation>();
        foreach (var line in lines)
        {
            var space = line.IndexOf(' ');
            if (space <= 0) { Errors.Add("recommendations", $"Start each line with the recommendation's number, then its words: '{line}'"); break; }
            recommendations.Add(new(line[..space], line[(space + 1)..]));
        }
        if (Errors.Any) return Page();
        var (document, errors) = CatalogueByHand.Document(new(GuidanceNumber ?? "", Title ?? "", issued!.Value, recommendations), Now);
        if (errors is not null)
        {
            foreach (var (field, messages) in errors)
                Errors.Add(field.StartsWith("recommendations") ? "recommendations" : field, field.StartsWith("recommendations[")
                    ? $"Line {int.Parse(field[16..field.IndexOf(']')]) + 1}: {messages[0]}" : messages[0]);
            return Page();
        }
        var recorded = await RecordAsync(document!, "by hand", "recommendations");
        if (recorded is null) return Page();
        return Done(recorded.Appended ? $"{recorded.GuidanceNumber} version {recorded.Version} is in the catalogue."
            : $"{recorded.GuidanceNumber} was already in the catalogue as typed; nothing changed.", $"/catalogue/{recorded.GuidanceNumber}");
    }

    public bool Enabled => nice.Value.ImportEnabled;
    public string Schedule => Enabled ? $"Every day by the schedule '{nice.Value.ImportCron}' (UK time)" : CatalogueImportEndpoints.ImportOff;
    public IReadOnlyList<CatalogueImportRun> Runs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (Denied() is { } denied) return denied;
        await LoadRunsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCheckAsync([FromServices] Quartz.ISchedulerFactory schedulers)
    {
        if (Denied() is { } denied) return denied;
        if (!Enabled)
        {
            await LoadRunsAsync();
            ModelStateRefusal(CatalogueImportEndpoints.ImportOff);
            return Page();
        }
        var scheduler = await schedulers.GetScheduler(Ct);
        await scheduler.TriggerJob(CatalogueImportJob.Key, new Quartz.JobDataMap { [CatalogueImportJob.TriggerKey] = $"check now by {UserId}" }, Ct);
        return Done("GuidanceFlow is checking NICE now. Its run appears below when it finishes; refresh the page to see it.", "/catalogue/import");
    }

    public async Task<IActionResult> OnPostUploadAsync()
    {
        if (Denied() is { } denied) return denied;
        await LoadRunsAsync();
        if (Document is null || Document.Length == 0)
        {
            Errors.Add("document", "Choose a NICE structured document (a .json file) to add");
            return Page();
        }
        if (Document.Length > MaxDocumentBytes)
        {
            Errors.Add("document", "The file must be smaller than 1 MB");
            return Page();
        }
        string json;
        using (var reader = new StreamReader(Document.OpenReadStream())) json = await reader.ReadToEndAsync(Ct);
        var parsed = NiceDocuments.Parse(json);
        if (!parsed.IsUsable)
        {
            foreach (var problem in parsed.Problems) Errors.Add("document", problem);
            return Page();
        }
        var recorded = await RecordAsync(parsed.Document!, "upload", "document");
        if (recorded is null) return Page();
        return Done(recorded.Appended
                ? $"{recorded.GuidanceNumber} version {recorded.Version} is in the catalogue."
                : $"{recorded.GuidanceNumber} version {recorded.Version} was already in the catalogue; nothing changed.",
            $"/catalogue/{recorded.GuidanceNumber}");
    }

    private async Task<CatalogueVersionRecorded?> RecordAsync(GuidanceDocument document, string source, string field)
    {
        try
        {
            return await HttpContext.RequestServices.GetRequiredService<Wolverine.IMessageBus>()
                .InvokeAsync<CatalogueVersionRecorded>(new RecordGuidanceVersion(document, source, User.ToActor("CatalogueAdmin")), Ct);
        }
        catch (CatalogueCommandRejected e)
        {
            Errors.Add(field, e.Message);
            return null;
        }
    }

    private void ModelStateRefusal(string message) => Errors.Add("document", message);

    private async Task LoadRunsAsync() =>
        Runs = await Query.Query<CatalogueImportRun>().OrderByDescending(r => r.StartedAt).Take(20).ToListAsync(Ct);

    private IActionResult? Denied()
    {
        if (admins.Includes(UserId)) return null;
        HttpContext.Items[ErrorModel.MessageKey] = CatalogueAdmins.Refusal;
        return StatusCode(403);
    }
}
