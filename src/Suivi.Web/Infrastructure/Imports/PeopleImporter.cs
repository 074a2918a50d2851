using Suivi.Domain;
using static Suivi.Infrastructure.Imports.ImportText;

namespace Suivi.Infrastructure.Imports;

/// <summary>People (beneficiaries), one per row, saved through EF Core so that each is audited.</summary>
public sealed class PeopleImporter : EntityImporter<Beneficiary, Beneficiary>
{
    public static readonly ImportColumns Layout = new();
    private static readonly ImportColumn ExternalIdColumn = Layout.Required("external_id",
        TextKey("The person's id in the previous system: importing the same file again skips the people already imported."));
    private static readonly ImportColumn FirstName = Layout.Required("first_name", TextKey("First name."));
    private static readonly ImportColumn LastName = Layout.Required("last_name", TextKey("Last name."));
    private static readonly ImportColumn BirthDate = Layout.Optional("birth_date", TextKey("Date of birth: 2015-03-14 or 14/03/2015."));
    private static readonly ImportColumn SexColumn = Layout.Optional("sex", TextKey("female, male, other or unknown (F and M also do); unknown when empty."));
    private static readonly ImportColumn RegionColumn = Layout.Optional("region", TextKey("Centre, Sud, Nord, Est or Ouest."));
    private static readonly ImportColumn Language = Layout.Optional("language", TextKey("Preferred language as a two-letter code (lb, fr, de, pt, en…); fr when empty."));
    private static readonly ImportColumn Phone = Layout.Optional("phone", TextKey("Phone number."));
    private static readonly ImportColumn Email = Layout.Optional("email", TextKey("E-mail address."));
    private static readonly ImportColumn Address = Layout.Optional("address", TextKey("Postal address, on one line."));
    private static readonly ImportColumn Notes = Layout.Optional("notes", TextKey("Notes."));

    public override ImportKind Kind => ImportKind.People;

    public override ImportColumns Columns => Layout;

    protected override ImportColumn ExternalId => ExternalIdColumn;

    protected override string ExternalIdOf(Beneficiary record) => record.ExternalId!;

    protected override bool TryRead(ImportRow row, ImportContext context, out Beneficiary record)
    {
        record = null!;
        var valid = HasRequiredValues(row, context);
        DateOnly? birthDate = null;
        if (row[BirthDate] is { } birthText)
        {
            if (ImportValues.TryDate(birthText, out var birth))
            {
                birthDate = birth;
            }
            else
            {
                valid = false;
                context.Error(row.Line, BirthDate, TextKey("Give the date as 2024-01-31 or 31/01/2024."));
            }
        }
        var sex = Sex.Unknown;
        if (row[SexColumn] is { } sexText && !TrySex(sexText, out sex))
        {
            valid = false;
            context.Error(row.Line, SexColumn, TextKey("Give the sex as female, male, other or unknown."));
        }
        Region? region = null;
        if (row[RegionColumn] is { } regionText)
        {
            if (Enum.TryParse<Region>(regionText, ignoreCase: true, out var named) && !char.IsAsciiDigit(regionText[0]))
            {
                region = named;
            }
            else
            {
                valid = false;
                context.Error(row.Line, RegionColumn, TextKey("Unknown region {0}: give Centre, Sud, Nord, Est or Ouest."), regionText);
            }
        }
        if (!valid)
        {
            return false;
        }
        var person = TryCreate(row, context, birthDate, sex, region);
        if (person is null)
        {
            return false;
        }
        record = person;
        return true;
    }

    protected override Beneficiary? Create(long line, Beneficiary record, ImportContext context) => record;

    private Beneficiary? TryCreate(ImportRow row, ImportContext context, DateOnly? birthDate, Sex sex, Region? region)
    {
        try
        {
            var person = new Beneficiary(new BeneficiaryDetails(row[FirstName] ?? "", row[LastName] ?? "", birthDate, sex, region,
                row[Language], row[Phone], row[Email], row[Address], row[Notes]));
            person.CheckBirthDate(context.Today);
            person.ImportedAs(row[ExternalIdColumn], context.RunId);
            return person;
        }
        catch (DomainRuleException rule)
        {
            Broken(row, context, ColumnOf(rule, ExternalIdColumn), rule);
            return null;
        }
    }

    private static bool TrySex(string text, out Sex sex)
    {
        switch (text.ToUpperInvariant())
        {
            case "F":
                sex = Sex.Female;
                return true;
            case "M":
                sex = Sex.Male;
                return true;
            default:
                return Enum.TryParse(text, ignoreCase: true, out sex) && !char.IsAsciiDigit(text[0]);
        }
    }
}
