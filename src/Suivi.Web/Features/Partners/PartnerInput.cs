using System.ComponentModel.DataAnnotations;
using Suivi.Domain;

namespace Suivi.Features.Partners;

/// <summary>The partner form, used to create and to edit; the entity enforces the same rules again.</summary>
public sealed class PartnerInput
{
    [Required(ErrorMessage = "This field is required.")]
    [StringLength(200, ErrorMessage = "This field is too long.")]
    public string Name { get; set; } = "";

    [StringLength(100, ErrorMessage = "This field is too long.")]
    public string? Theme { get; set; }

    [StringLength(300, ErrorMessage = "This field is too long.")]
    public string? Address { get; set; }

    public Region? Region { get; set; }

    [StringLength(40, ErrorMessage = "This field is too long.")]
    [Phone(ErrorMessage = "Enter a valid phone number.")]
    public string? Phone { get; set; }

    [StringLength(200, ErrorMessage = "This field is too long.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    public string? Email { get; set; }

    [StringLength(300, ErrorMessage = "This field is too long.")]
    [Url(ErrorMessage = "Enter a full web address, such as https://www.example.lu.")]
    public string? Website { get; set; }

    public List<string> Languages { get; set; } = [];

    /// <summary>The version the form was loaded with; a save against a newer version is refused.</summary>
    public long Version { get; set; }

    public PartnerDetails ToDetails() =>
        new(Name, Theme, Address, Region, Phone, Email, Website, PartnerLanguages.Join(Languages));

    public static PartnerInput From(Partner partner) => new()
    {
        Name = partner.Name,
        Theme = partner.Theme,
        Address = partner.Address,
        Region = partner.Region,
        Phone = partner.Phone,
        Email = partner.Email,
        Website = partner.Website,
        Languages = [.. PartnerLanguages.Split(partner.Languages)],
        Version = partner.Version,
    };
}

/// <summary>The form of one service of a partner: a new one when <see cref="Id"/> is empty.</summary>
public sealed class ServiceInput
{
    public Guid? Id { get; set; }

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(200, ErrorMessage = "This field is too long.")]
    public string Name { get; set; } = "";

    [StringLength(100, ErrorMessage = "This field is too long.")]
    public string? Theme { get; set; }

    [StringLength(2000, ErrorMessage = "This field is too long.")]
    public string? Description { get; set; }

    [StringLength(40, ErrorMessage = "This field is too long.")]
    [Phone(ErrorMessage = "Enter a valid phone number.")]
    public string? Phone { get; set; }

    [StringLength(200, ErrorMessage = "This field is too long.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    public string? Email { get; set; }

    public List<string> Languages { get; set; } = [];

    public long Version { get; set; }

    public static ServiceInput From(PartnerService service) => new()
    {
        Id = service.Id,
        Name = service.Name,
        Theme = service.Theme,
        Description = service.Description,
        Phone = service.Phone,
        Email = service.Email,
        Languages = [.. PartnerLanguages.Split(service.Languages)],
        Version = service.Version,
    };
}
