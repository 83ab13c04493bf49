using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;

namespace GuidanceFlow.Api.Queries;

/// <summary>One stakeholder's column: who, and whether they have responded at all.</summary>
public sealed record MatrixColumn(string StakeholderId, string Name, string Organisation, Sector Sector, bool Responded);

/// <summary>One recommendation's row: each column's compliance (null when not given), and the row's counts.</summary>
public sealed record MatrixRow(string Number, string Text, IReadOnlyList<Compliance?> Cells, ComplianceCounts Counts);

/// <summary>
/// The grid the group actually discusses: recommendations down, stakeholders grouped by sector across, each cell
/// the compliance given, with counts per row and per column. Built from the shared view as the reader may see it,
/// so before sharing a stakeholder's matrix holds their own answers only.
/// </summary>
public sealed record ComplianceMatrix(
    IReadOnlyList<MatrixColumn> Columns,
    IReadOnlyList<MatrixRow> Rows,
    IReadOnlyList<ComplianceCounts> ColumnCounts,
    bool WindowClosed,
    bool AnswersWithheld)
{
    public static ComplianceMatrix Of(ReviewView view)
    {
        var answered = view.Responses.ToLookup(r => r.StakeholderId);
        var columns = view.Stakeholders.OrderBy(s => s.Sector).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .Select(s => new MatrixColumn(s.StakeholderId, s.Name, s.Organisation, s.Sector, !view.NotResponded.Any(n => n.StakeholderId == s.StakeholderId)))
            .ToList();
        var given = view.Responses.ToDictionary(r => (r.StakeholderId, r.Response.RecommendationNumber), r => r.Response.Compliance);
        var columnCounts = columns.Select(_ => new ComplianceCounts()).ToList();
        var rows = view.Recommendations.Select(rec =>
        {
            var counts = new ComplianceCounts();
            var cells = columns.Select((c, i) =>
            {
                Compliance? cell = given.TryGetValue((c.StakeholderId, rec.Number), out var compliance) ? compliance : null;
                counts.Add(cell);
                columnCounts[i].Add(cell);
                return cell;
            }).ToList();
            return new MatrixRow(rec.Number, rec.Text, cells, counts);
        }).ToList();
        return new ComplianceMatrix(columns, rows, columnCounts, view.WindowClosedAt is not null, view.AnswersWithheld);
    }
}
