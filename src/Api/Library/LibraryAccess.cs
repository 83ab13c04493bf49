using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Library;
using GuidanceFlow.Workflows.Groups;

namespace GuidanceFlow.Api.Library;

/// <summary>Who edits the library: the user ids in Library:Editors (configuration, never a request), as for the catalogue's administrators.</summary>
public sealed class LibraryEditors(IConfiguration configuration)
{
    public bool Includes(string userId) =>
        configuration.GetSection("Library:Editors").Get<string[]>()?.Contains(userId, StringComparer.Ordinal) == true;
}

/// <summary>The signed-in user as the library's rules see them, worked out on the server once per request.</summary>
public sealed class LibraryAccess(Access access, LibraryEditors editors)
{
    private LibraryViewer? _viewer;

    public async Task<LibraryViewer> ViewerAsync(CancellationToken ct) =>
        _viewer ??= new LibraryViewer(access.UserId, editors.Includes(access.UserId), await access.GroupsWhere(ct, GroupRole.Chair));
}
