using System.ComponentModel.DataAnnotations;

namespace Suivi.Features.Attendance;

/// <summary>The end of a stay or a period: its last day.</summary>
public sealed class EndInput
{
    [Required(ErrorMessage = "This field is required.")]
    [DataType(DataType.Date)]
    public DateOnly? On { get; set; }

    public long Version { get; set; }
}

/// <summary>The dates of a stay or a period as corrected: an empty end makes it open again.</summary>
public sealed class DatesInput
{
    [Required(ErrorMessage = "This field is required.")]
    [DataType(DataType.Date)]
    public DateOnly? From { get; set; }

    [DataType(DataType.Date)]
    public DateOnly? To { get; set; }

    public long Version { get; set; }
}
