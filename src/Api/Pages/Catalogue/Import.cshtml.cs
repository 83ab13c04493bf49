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
        var recorded = await RecordAsync(parsed.Document!);
        if (recorded is null) return Page();
        return Done(recorded.Appended
                ? $"{recorded.GuidanceNumber} version {recorded.Version} is in the catalogue."
                : $"{recorded.GuidanceNumber} version {recorded.Version} was already in the catalogue; nothing changed.",
            $"/catalogue/{recorded.GuidanceNumber}");
    }

    private async Task<CatalogueVersionRecorded?> RecordAsync(GuidanceDocument document)
    {
        try
        {
            return await HttpContext.RequestServices.GetRequiredService<Wolverine.IMessageBus>()
                .InvokeAsync<CatalogueVersionRecorded>(new RecordGuidanceVersion(document, "upload", User.ToActor("CatalogueAdmin")), Ct);
        }
        catch (CatalogueCommandRejected e)
        {
            ModelStateRefusal(e.Message);
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
