using System.ComponentModel.DataAnnotations;
using Suivi.Domain;

namespace Suivi.Features.People;

/// <summary>The person form, used to create and to edit; the entity enforces the same rules again.</summary>
public sealed class PersonInput
{
    [Required(ErrorMessage = "This field is required.")]
    [StringLength(100, ErrorMessage = "This field is too long.")]
    public string FirstName { get; set; } = "";

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(100, ErrorMessage = "This field is too long.")]
    public string LastName { get; set; } = "";

    [DataType(DataType.Date)]
    public DateOnly? BirthDate { get; set; }

    public Sex Sex { get; set; } = Sex.Unknown;

    public Region? Region { get; set; }

    [StringLength(8, ErrorMessage = "This field is too long.")]
    public string? Language { get; set; } = "fr";

    [StringLength(40, ErrorMessage = "This field is too long.")]
    [Phone(ErrorMessage = "Enter a valid phone number.")]
    public string? Phone { get; set; }

    [StringLength(200, ErrorMessage = "This field is too long.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    public string? Email { get; set; }

    [StringLength(300, ErrorMessage = "This field is too long.")]
    public string? Address { get; set; }

    [StringLength(4000, ErrorMessage = "This field is too long.")]
    public string? Notes { get; set; }

    /// <summary>The version the form was loaded with; a save against a newer version is refused.</summary>
    public long Version { get; set; }

    public BeneficiaryDetails ToDetails() =>
        new(FirstName, LastName, BirthDate, Sex, Region, Language, Phone, Email, Address, Notes);

    public static PersonInput From(Beneficiary person) => new()
    {
        FirstName = person.FirstName,
        LastName = person.LastName,
        BirthDate = person.BirthDate,
        Sex = person.Sex,
        Region = person.Region,
        Language = person.Language,
        Phone = person.Phone,
        Email = person.Email,
        Address = person.Address,
        Notes = person.Notes,
        Version = person.Version,
    };
}
