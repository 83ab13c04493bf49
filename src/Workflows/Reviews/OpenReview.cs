namespace GuidanceFlow.Workflows.Reviews;

public sealed class OpenReviewValidator : AbstractValidator<OpenReview>
{
    public OpenReviewValidator()
    {
        // Named as the page's label names it, so a message and its field say the same thing.
        RuleFor(c => c.GuidanceId).PlainText().NotEmpty().MaximumLength(20).WithName("guidance number")
            .Matches("^[A-Za-z]{2,3}[0-9]{1,4}$").WithMessage("Enter the guidance number as NICE numbers it, such as NG115 or TA123.");
        RuleFor(c => c.GuidanceId).PlainText()
            .Must((c, id) => id!.Trim().StartsWith(c.GuidanceType.ToString(), StringComparison.OrdinalIgnoreCase)
                             && char.IsDigit(id.Trim()[c.GuidanceType.ToString().Length]))
            .When(c => System.Text.RegularExpressions.Regex.IsMatch(c.GuidanceId ?? "", "^[A-Za-z]{2,3}[0-9]{1,4}$"))
            .WithMessage(c => $"The guidance number must start with {c.GuidanceType} for this type of guidance, such as {c.GuidanceType}12.");
        RuleFor(c => c.GuidanceType).IsInEnum();
        RuleFor(c => c.Title).PlainText().NotEmpty().MaximumLength(300);
        RuleFor(c => c.PublishedOn).NotEmpty().GreaterThan(new DateOnly(1999, 1, 1))
            .WithMessage("Enter the date NICE published the guidance (NICE was founded in 1999).");
        RuleFor(c => c.Group).PlainText().NotEmpty().MaximumLength(100).WithName("implementation group");
    }
}
/// <summary>The chair opens a review: a new stream.</summary>
public static class OpenReviewHandler
{
    // The handler itself touches no session; its result (Opened) does, so the transaction is asked for.
    [Wolverine.Attributes.Transactional]
    public static async Task<Opened> Handle(OpenReview command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        // One round trip: the group's open review of the guidance, if any, and the catalogue's version of it, if it has it.
        var batch = session.CreateBatchQuery();
        var claim = batch.Load<OpenReviewClaim>(OpenReviewClaim.KeyFor(command.Group, command.GuidanceId));
        var product = batch.Load<GuidanceFlow.Domain.Catalogue.GuidanceProduct>(GuidanceFlow.Domain.Catalogue.GuidanceProduct.IdFor(command.GuidanceId));
        await batch.Execute(ct);
        var known = await product;
        return new(command, OpenReview.Decide(null, command, clock.GetUtcNow(), (await claim)?.ReviewId, known?.Version, known?.FundingDays));
    }
}
