using FluentValidation.Results;

namespace GuidanceFlow.Api.Http;

/// <summary>RFC 9457 problem details with the field names clients send (camelCase JSON paths).</summary>
public static class Problems
{
    public static IResult Validation(IEnumerable<ValidationFailure> failures) =>
        Validation(failures
            .GroupBy(f => JsonPath(f.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray()));

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The request has invalid fields",
            detail: "Correct the fields listed in errors and send the request again.");

    public static IResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult Forbidden(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: detail);

    public static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    /// <summary>"Recommendations[0].Number" → "recommendations[0].number".</summary>
    public static string JsonPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(s => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]));
}
