namespace Suivi.Domain;

/// <summary>
/// The deliveries of one organisation and year that share a service, type, act category and site, added up: how many,
/// their seconds and their metres. The database keeps these rows itself — triggers on the deliveries add and take away
/// each delivery written, corrected or deleted, in the same statement, however it was written (form, grid, import,
/// script) — so a report reads a few hundred rows where the records are millions (decision 012). Deliveries of a
/// restricted case file are kept apart, under the file (decision 013): a report adds those of the files the viewer
/// may see, as the restriction filter on case files decides. The application only reads these rows. A delivery without act category or site is kept under <see cref="Guid.Empty"/>,
/// so that every key has a value and two such deliveries meet in the same row.
/// </summary>
public sealed class DeliveryTotal : IOrganisationOwned
{
    private DeliveryTotal() { }

    public Guid OrganisationId { get; private set; }

    /// <summary>The restricted case file the deliveries are on, or <see cref="Guid.Empty"/> for those of no restricted file.</summary>
    public Guid RestrictedFileId { get; private set; }

    public int Year { get; private set; }
    public Guid ServiceId { get; private set; }
    public Guid TypeId { get; private set; }

    /// <summary>The act category, or <see cref="Guid.Empty"/> for deliveries without one.</summary>
    public Guid ActCategoryId { get; private set; }

    /// <summary>The site, or <see cref="Guid.Empty"/> for deliveries without one.</summary>
    public Guid SiteId { get; private set; }

    public long Count { get; private set; }
    public long Seconds { get; private set; }
    public long Metres { get; private set; }
}
