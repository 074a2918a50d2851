using System.ComponentModel.DataAnnotations;
using Suivi.Domain;

namespace Suivi.Features.Settings.Lists;

/// <summary>The form adding an entry to a list; <see cref="ListEntries"/> and the entity check the same rules again.</summary>
public sealed class EntryInput
{
    public ListKind List { get; set; } = ListKind.RequestSource;

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(40, ErrorMessage = "This field is too long.")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(200, ErrorMessage = "This field is too long.")]
    public string LabelFr { get; set; } = "";

    [StringLength(200, ErrorMessage = "This field is too long.")]
    public string? LabelDe { get; set; }

    [StringLength(200, ErrorMessage = "This field is too long.")]
    public string? LabelEn { get; set; }

    [Range(0, 9999, ErrorMessage = "Enter a position of 0 or more.")]
    public int? Position { get; set; }

    public Guid? ServiceId { get; set; }

    public FlagValue FlagValue { get; set; } = FlagValue.None;

    public NewListEntry ToEntry() => new(List, Code, LabelFr, LabelDe, LabelEn, Position, ServiceId, FlagValue);
}
