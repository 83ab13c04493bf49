namespace GuidanceFlow.Workflows.Reviews;

public sealed class InviteStakeholdersValidator : AbstractValidator<InviteStakeholders>
{
    public InviteStakeholdersValidator()
    {
        RuleFor(c => c.Stakeholders).NotEmpty().WithMessage(InviteStakeholders.NobodyInvited)
            .Must(s => s.Count <= 200).WithMessage("Invite at most 200 stakeholders at a time.");
        RuleFor(c => c.Stakeholders)
            .Must(s => s.Where(x => x is not null).Select(x => x.StakeholderId).Distinct(StringComparer.OrdinalIgnoreCase).Count() == s.Count(x => x is not null))
            .When(c => c.Stakeholders is not null)
            .WithMessage("Each stakeholder can be invited once.");
        RuleForEach(c => c.Stakeholders).NotNull().WithMessage("Each stakeholder must be an object.");
        RuleForEach(c => c.Stakeholders).ChildRules(s =>
        {
            s.RuleFor(x => x.StakeholderId).PlainText().NotEmpty().MaximumLength(64)
                .Matches("^[A-Za-z0-9](?:[A-Za-z0-9._@-]*[A-Za-z0-9])?$")
                .WithMessage("Use letters, digits, '.', '_', '@' or '-' in a stakeholder id, starting and ending with a letter or digit.");
            s.RuleFor(x => x.Name).PlainText().NotEmpty().MaximumLength(200);
            s.RuleFor(x => x.Email).NotEmpty().EmailAddress().MaximumLength(254);
            s.RuleFor(x => x.Organisation).PlainText().NotEmpty().MaximumLength(200);
            s.RuleFor(x => x.Sector).IsInEnum();
            s.RuleFor(x => x.Discipline).IsInEnum();
            s.RuleFor(x => x.OrganisationCode).Matches("^[A-Z0-9]{3,8}$")
                .WithMessage("An organisation code is 3 to 8 capital letters or digits, such as an ODS code (RRV, Y00101).");
        });
    }
}
/// <summary>The chair invites stakeholders.</summary>
public static class InviteStakeholdersHandler
{
    [AggregateHandler]
    public static Decided Handle(InviteStakeholders command, IEventStream<Review> stream) =>
        new(command, InviteStakeholders.Decide(stream.Aggregate, command));
}
