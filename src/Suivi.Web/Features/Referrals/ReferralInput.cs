using System.ComponentModel.DataAnnotations;
using Suivi.Domain;

namespace Suivi.Features.Referrals;

/// <summary>The new-referral form: a partner service of the directory, a speciality, or both.</summary>
public sealed class ReferralInput
{
    public Guid? PartnerServiceId { get; set; }

    public Guid? SpecialityId { get; set; }

    [Required(ErrorMessage = "This field is required.")]
    [DataType(DataType.Date)]
    public DateOnly? SentOn { get; set; }

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(1000, ErrorMessage = "This field is too long.")]
    public string Reason { get; set; } = "";
}

/// <summary>The outcome form of a referral; the date is the day the outcome was known.</summary>
public sealed class OutcomeInput
{
    public ReferralOutcome Outcome { get; set; } = ReferralOutcome.Accepted;

    [DataType(DataType.Date)]
    public DateOnly? OutcomeOn { get; set; }

    /// <summary>The version the form was loaded with; a save against a newer version is refused.</summary>
    public long Version { get; set; }
}
