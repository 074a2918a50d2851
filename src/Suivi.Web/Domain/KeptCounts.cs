namespace Suivi.Domain;

// Counts the database keeps itself, as it keeps the delivery totals (decisions 012 and 013): triggers on the records
// add and take away each record written, corrected or deleted, in the same statement, however it was written. The
// application only reads these rows; `suivi check-totals` sets them against the records counted again.

/// <summary>The contacts of one organisation and year that share a service, kind, direction and outcome, counted.</summary>
public sealed class ContactTotal : IOrganisationOwned
{
    private ContactTotal() { }

    public Guid OrganisationId { get; private set; }
    public int Year { get; private set; }
    public Guid ServiceId { get; private set; }
    public ContactKind Kind { get; private set; }
    public ContactDirection Direction { get; private set; }

    /// <summary>The outcome, or <see cref="Guid.Empty"/> for contacts without one.</summary>
    public Guid OutcomeId { get; private set; }

    public long Count { get; private set; }
}

/// <summary>The day-centre visits of one organisation, year and centre (service), counted.</summary>
public sealed class DayCentreVisitTotal : IOrganisationOwned
{
    private DayCentreVisitTotal() { }

    public Guid OrganisationId { get; private set; }
    public int Year { get; private set; }
    public Guid ServiceId { get; private set; }
    public long Visits { get; private set; }
}

/// <summary>The records a person is counted by, once per organisation and year.</summary>
public enum PeopleSource
{
    /// <summary>Deliveries to the person (clients served).</summary>
    Served,

    /// <summary>Day-centre visits (visitors).</summary>
    DayCentre,
}

/// <summary>
/// A person with at least one record of a source in a year, and how many: the row that makes the person count once
/// however many records, centres or services they have. Whether they were entitled to long-term-care insurance
/// benefits at some point of the year is kept with it, and changed when their entitlement periods change. The
/// deliveries of a restricted case file count the person in a row of that file's own, apart from everyone's.
/// </summary>
public sealed class CountedPerson : IOrganisationOwned
{
    private CountedPerson() { }

    public Guid OrganisationId { get; private set; }
    public PeopleSource Source { get; private set; }

    /// <summary>The restricted case file whose deliveries count the person, or <see cref="Guid.Empty"/> for the records of no restricted file.</summary>
    public Guid RestrictedFileId { get; private set; }

    public int Year { get; private set; }
    public Guid BeneficiaryId { get; private set; }
    public long Records { get; private set; }
    public bool Insured { get; private set; }
}

/// <summary>
/// The people counted for a source and year, with care insurance and without: the rows of <see cref="CountedPerson"/>
/// of no restricted file, counted.
/// </summary>
public sealed class PeopleTotal : IOrganisationOwned
{
    private PeopleTotal() { }

    public Guid OrganisationId { get; private set; }
    public PeopleSource Source { get; private set; }
    public int Year { get; private set; }
    public bool Insured { get; private set; }
    public long People { get; private set; }
}
