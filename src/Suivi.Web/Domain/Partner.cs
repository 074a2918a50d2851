namespace Suivi.Domain;

/// <summary>An organisation of the partner directory (not necessarily using Suivi): a target for re-orientations and referrals.</summary>
public sealed class Partner : IOrganisationOwned, IVersioned
{
    private Partner() { Name = ""; }

    public Partner(PartnerDetails details)
    {
        Id = Guid.CreateVersion7();
        Name = "";
        Update(details);
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string Name { get; private set; }
    public string? Theme { get; private set; }
    public string? Address { get; private set; }
    public Region? Region { get; private set; }
    public string? Phone { get; private set; }
    public string? Email { get; private set; }
    public string? Website { get; private set; }

    /// <summary>Languages spoken, as comma-separated two-letter codes (lb,fr,de).</summary>
    public string? Languages { get; private set; }

    public string SearchKey { get; private set; } = "";
    public long Version { get; private set; }

    public void Update(PartnerDetails details)
    {
        Name = Require.Text(details.Name, nameof(Name));
        Theme = Require.OptionalText(details.Theme, nameof(Theme), 100);
        Address = Require.OptionalText(details.Address, nameof(Address), 300);
        Region = details.Region;
        Phone = Require.OptionalText(details.Phone, nameof(Phone), 40);
        Email = Require.OptionalText(details.Email, nameof(Email), 200);
        if (Email is not null && !Email.Contains('@', StringComparison.Ordinal))
        {
            throw new DomainRuleException("Enter a valid e-mail address.", nameof(Email));
        }
        Website = Require.OptionalText(details.Website, nameof(Website), 300);
        Languages = Require.OptionalText(details.Languages, nameof(Languages), 60);
        SearchKey = SearchText.Fold($"{Name} {Theme}");
    }
}

public sealed record PartnerDetails(string Name, string? Theme, string? Address, Region? Region, string? Phone, string? Email,
    string? Website, string? Languages);

/// <summary>A service of a partner organisation.</summary>
public sealed class PartnerService : IOrganisationOwned, IVersioned
{
    private PartnerService() { Name = ""; }

    public PartnerService(Guid partnerId, string name, string? theme, string? description, string? phone, string? email, string? languages)
    {
        Id = Guid.CreateVersion7();
        PartnerId = partnerId;
        Name = "";
        Update(name, theme, description, phone, email, languages);
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid PartnerId { get; private set; }
    public string Name { get; private set; }
    public string? Theme { get; private set; }
    public string? Description { get; private set; }
    public string? Phone { get; private set; }
    public string? Email { get; private set; }
    public string? Languages { get; private set; }
    public long Version { get; private set; }

    public void Update(string name, string? theme, string? description, string? phone, string? email, string? languages)
    {
        Name = Require.Text(name, nameof(Name));
        Theme = Require.OptionalText(theme, nameof(Theme), 100);
        Description = Require.OptionalText(description, nameof(Description), 2000);
        Phone = Require.OptionalText(phone, nameof(Phone), 40);
        Email = Require.OptionalText(email, nameof(Email), 200);
        if (Email is not null && !Email.Contains('@', StringComparison.Ordinal))
        {
            throw new DomainRuleException("Enter a valid e-mail address.", nameof(Email));
        }
        Languages = Require.OptionalText(languages, nameof(Languages), 60);
    }
}

public enum ReferralOutcome
{
    Sent,
    Accepted,
    Declined,
    Done,
}

/// <summary>A case file's referral to a partner service or a specialist (ophthalmologist, child psychiatrist, …).</summary>
public sealed class Referral : IOrganisationOwned, IVersioned
{
    private Referral() { Reason = ""; }

    public Referral(Guid caseFileId, Guid? partnerServiceId, Guid? specialityId, DateOnly sentOn, string reason)
    {
        if (partnerServiceId is null && specialityId is null)
        {
            throw new DomainRuleException("Choose the partner service or the speciality referred to.", "PartnerServiceId");
        }
        Id = Guid.CreateVersion7();
        CaseFileId = caseFileId;
        PartnerServiceId = partnerServiceId;
        SpecialityId = specialityId;
        SentOn = sentOn;
        Reason = Require.Text(reason, nameof(Reason), 1000);
        Outcome = ReferralOutcome.Sent;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseFileId { get; private set; }
    public Guid? PartnerServiceId { get; private set; }
    public Guid? SpecialityId { get; private set; }
    public DateOnly SentOn { get; private set; }
    public string Reason { get; private set; }
    public ReferralOutcome Outcome { get; private set; }
    public DateOnly? OutcomeOn { get; private set; }
    public long Version { get; private set; }

    public void RecordOutcome(ReferralOutcome outcome, DateOnly on)
    {
        if (on < SentOn)
        {
            throw new DomainRuleException("The outcome cannot come before the referral was sent.", nameof(OutcomeOn));
        }
        Outcome = outcome;
        OutcomeOn = outcome == ReferralOutcome.Sent ? null : on;
    }
}
