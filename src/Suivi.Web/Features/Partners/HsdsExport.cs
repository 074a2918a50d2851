using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Partners;

/// <summary>
/// The partner directory in the Open Referral Human Services Data Specification (HSDS 3.x) shape:
/// <c>organizations</c>, <c>services</c> and <c>locations</c> (with their <c>addresses</c>), field names
/// as the specification spells them. The mapping is documented, with an example, in docs/formats/hsds-export.md.
/// </summary>
public static partial class HsdsExport
{
    /// <summary>The theme taxonomy: Suivi's free-text themes, not an established taxonomy such as AIRS.</summary>
    public const string ThemeTaxonomy = "suivi-theme";

    public sealed record Document(
        IReadOnlyList<Organization> Organizations,
        IReadOnlyList<Service> Services,
        IReadOnlyList<Location> Locations);

    public sealed record Organization(
        Guid Id,
        string Name,
        string Description,
        string? Email,
        string? Website,
        IReadOnlyList<Phone> Phones,
        IReadOnlyList<Attribute> Attributes);

    public sealed record Service(
        Guid Id,
        [property: JsonPropertyName("organization_id")] Guid OrganizationId,
        string Name,
        string? Description,
        string? Email,
        string Status,
        IReadOnlyList<Phone> Phones,
        IReadOnlyList<Language> Languages,
        IReadOnlyList<Attribute> Attributes);

    public sealed record Location(
        Guid Id,
        [property: JsonPropertyName("location_type")] string LocationType,
        [property: JsonPropertyName("organization_id")] Guid OrganizationId,
        string Name,
        IReadOnlyList<Address> Addresses,
        IReadOnlyList<Language> Languages);

    public sealed record Address(
        Guid Id,
        [property: JsonPropertyName("location_id")] Guid LocationId,
        [property: JsonPropertyName("address_1")] string Address1,
        string City,
        string? Region,
        [property: JsonPropertyName("state_province")] string StateProvince,
        [property: JsonPropertyName("postal_code")] string PostalCode,
        string Country,
        [property: JsonPropertyName("address_type")] string AddressType);

    public sealed record Phone(
        Guid Id,
        [property: JsonPropertyName("organization_id")] Guid? OrganizationId,
        [property: JsonPropertyName("service_id")] Guid? ServiceId,
        string Number);

    public sealed record Language(
        Guid Id,
        [property: JsonPropertyName("service_id")] Guid? ServiceId,
        [property: JsonPropertyName("location_id")] Guid? LocationId,
        string Name,
        string Code);

    public sealed record Attribute(
        Guid Id,
        [property: JsonPropertyName("link_id")] Guid LinkId,
        [property: JsonPropertyName("link_entity")] string LinkEntity,
        [property: JsonPropertyName("link_type")] string LinkType,
        [property: JsonPropertyName("taxonomy_term_id")] Guid TaxonomyTermId,
        [property: JsonPropertyName("taxonomy_term")] TaxonomyTerm TaxonomyTerm);

    public sealed record TaxonomyTerm(Guid Id, string Name, string Description, string Taxonomy);

    /// <summary>
    /// How the export is written: absent values are left out (HSDS fields are strings, not null), indented and with
    /// accents as they are for people who open the file. The file is downloaded, never embedded in a page, so the
    /// escaping of HTML-sensitive characters the default encoder adds is not needed.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The whole directory of the current organisation (the tenancy filters see to that).</summary>
    public static async Task<Document> BuildAsync(SuiviDbContext db, CancellationToken cancellationToken)
    {
        var partners = await db.Partners.AsNoTracking().InListOrder().ToListAsync(cancellationToken);
        var services = await db.PartnerServices.AsNoTracking().OrderBy(s => s.PartnerId).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        return new Document(
            partners.Select(OrganizationOf).ToList(),
            services.Select(ServiceOf).ToList(),
            partners.Where(p => p.Address is not null).Select(LocationOf).ToList());
    }

    private static Organization OrganizationOf(Partner p) => new(
        p.Id,
        p.Name,
        // HSDS requires a description; the directory records a theme, the closest summary it has.
        p.Theme ?? "",
        p.Email,
        p.Website,
        p.Phone is null ? [] : [new Phone(Derived(p.Id, "phone"), p.Id, null, p.Phone)],
        ThemeAttributes(p.Id, "organization", p.Theme));

    private static Service ServiceOf(PartnerService s) => new(
        s.Id,
        s.PartnerId,
        s.Name,
        s.Description,
        s.Email,
        "active",
        s.Phone is null ? [] : [new Phone(Derived(s.Id, "phone"), null, s.Id, s.Phone)],
        PartnerLanguages.Split(s.Languages).Select(code => new Language(Derived(s.Id, "language:" + code), s.Id, null, PartnerLanguages.NameOf(code), code)).ToList(),
        ThemeAttributes(s.Id, "service", s.Theme));

    private static Location LocationOf(Partner p)
    {
        var locationId = Derived(p.Id, "location");
        var (line, postalCode, city) = SplitAddress(p.Address!);
        return new Location(locationId, "physical", p.Id, p.Name,
            [new Address(Derived(p.Id, "address"), locationId, line, city, p.Region?.ToString(), "", postalCode, "LU", "physical")],
            PartnerLanguages.Split(p.Languages).Select(code => new Language(Derived(p.Id, "language:" + code), null, locationId, PartnerLanguages.NameOf(code), code)).ToList());
    }

    private static IReadOnlyList<Attribute> ThemeAttributes(Guid linkId, string entity, string? theme)
    {
        if (theme is null)
        {
            return [];
        }
        // One term per theme (folded), so that the same theme on two records is the same term.
        var termId = Derived(Guid.Empty, ThemeTaxonomy + ":" + SearchText.Fold(theme));
        return [new Attribute(Derived(linkId, "theme"), linkId, entity, "theme", termId, new TaxonomyTerm(termId, theme, theme, ThemeTaxonomy))];
    }

    /// <summary>
    /// Splits the one-line address the directory keeps into HSDS's parts: the last comma-separated part is the
    /// locality, with its postal code when written ("L-1234 Luxembourg" or "1234 Luxembourg"); the rest is the street.
    /// </summary>
    public static (string Line, string PostalCode, string City) SplitAddress(string address)
    {
        var parts = address.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return (address.Trim(), "", "");
        }
        var locality = parts[^1];
        var line = string.Join(", ", parts[..^1]);
        var match = LocalityPattern().Match(locality);
        return match.Success
            ? (line, "L-" + match.Groups["code"].Value, match.Groups["city"].Value)
            : (line, "", locality);
    }

    /// <summary>
    /// A stable identifier for a part the directory does not store as a record (a phone, an address): the same
    /// partner gives the same ids in every export, so consumers can update rather than duplicate. RFC 9562 version 8.
    /// </summary>
    private static Guid Derived(Guid owner, string part)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{owner:N}/{part}")).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    [GeneratedRegex(@"^(?:L\s*-\s*)?(?<code>\d{4})\s+(?<city>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex LocalityPattern();
}
