namespace Suivi.Domain;

public enum Sex
{
    Female,
    Male,
    Other,
    Unknown,
}

/// <summary>A person helped by an organisation.</summary>
public sealed class Beneficiary : IOrganisationOwned, IVersioned, IImported
{
    private Beneficiary() { FirstName = LastName = SearchKey = Language = ""; }

    public Beneficiary(BeneficiaryDetails details)
    {
        Id = Guid.CreateVersion7();
        FirstName = LastName = SearchKey = Language = "";
        Update(details);
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string FirstName { get; private set; }
    public string LastName { get; private set; }
    public DateOnly? BirthDate { get; private set; }
    public Sex Sex { get; private set; }
    public Region? Region { get; private set; }

    /// <summary>Preferred language as a two-letter code (lb, fr, de, en, pt, …).</summary>
    public string Language { get; private set; }

    public string? Phone { get; private set; }
    public string? Email { get; private set; }
    public string? Address { get; private set; }
    public string? Notes { get; private set; }

    /// <summary>Folded "first last" and "last first" names: see <see cref="SearchText"/>.</summary>
    public string SearchKey { get; private set; }

    public string? ExternalId { get; private set; }
    public Guid? ImportRunId { get; private set; }
    public long Version { get; private set; }

    public string FullName => $"{FirstName} {LastName}";

    public void Update(BeneficiaryDetails details)
    {
        FirstName = Require.Text(details.FirstName, nameof(FirstName), 100);
        LastName = Require.Text(details.LastName, nameof(LastName), 100);
        BirthDate = details.BirthDate;
        Sex = details.Sex;
        Region = details.Region;
        Language = Require.OptionalText(details.Language, nameof(Language), 8)?.ToLowerInvariant() ?? "fr";
        Phone = Require.OptionalText(details.Phone, nameof(Phone), 40);
        Email = Require.OptionalText(details.Email, nameof(Email), 200);
        if (Email is not null && !Email.Contains('@', StringComparison.Ordinal))
        {
            throw new DomainRuleException("Enter a valid e-mail address.", nameof(Email));
        }
        Address = Require.OptionalText(details.Address, nameof(Address), 300);
        Notes = Require.OptionalText(details.Notes, nameof(Notes), 4000);
        SearchKey = SearchText.Fold($"{FirstName} {LastName} | {LastName} {FirstName}");
    }

    public void ImportedAs(string? externalId, Guid importRunId)
    {
        ExternalId = Require.OptionalText(externalId, nameof(ExternalId), 100);
        ImportRunId = importRunId;
    }

    public void CheckBirthDate(DateOnly today)
    {
        if (BirthDate is { } birth && (birth > today || birth < today.AddYears(-125)))
        {
            throw new DomainRuleException("The birth date must lie in the past 125 years.", nameof(BirthDate));
        }
    }
}

/// <summary>What a form or an import gives to create or edit a beneficiary.</summary>
public sealed record BeneficiaryDetails(
    string FirstName,
    string LastName,
    DateOnly? BirthDate,
    Sex Sex,
    Region? Region,
    string? Language,
    string? Phone,
    string? Email,
    string? Address,
    string? Notes);
