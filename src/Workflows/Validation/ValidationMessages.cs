using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation.Resources;

namespace GuidanceFlow.Workflows.Validation;

/// <summary>
/// FluentValidation's built-in messages in the words NHS services use ("Enter the title"), for the
/// API's problem details and the pages' error summaries alike. Rules with a message of their own keep it.
/// </summary>
public static partial class ValidationMessages
{
    public static void Configure()
    {
        ValidatorOptions.Global.LanguageManager = new NhsLanguage();
        // "GuidanceId" → "guidance id", so "Enter the guidance id."
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : Words().Replace(member.Name, " $1").Trim().ToLowerInvariant();
    }

    private sealed class NhsLanguage : LanguageManager
    {
        public NhsLanguage()
        {
            Culture = CultureInfo.GetCultureInfo("en-GB");
            foreach (var culture in new[] { "en", "en-GB", "en-US" })
            {
                AddTranslation(culture, "NotEmptyValidator", "Enter the {PropertyName}.");
                AddTranslation(culture, "NotNullValidator", "Enter the {PropertyName}.");
                AddTranslation(culture, "MaximumLengthValidator", "The {PropertyName} must be {MaxLength} characters or fewer; it is {TotalLength}.");
                AddTranslation(culture, "EmailValidator", "Enter an email address in the correct format, like name@example.nhs.uk.");
                AddTranslation(culture, "InclusiveBetweenValidator", "The {PropertyName} must be between {From} and {To}.");
                AddTranslation(culture, "EnumValidator", "Choose one of the listed options for the {PropertyName}.");
            }
        }
    }

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex Words();
}
