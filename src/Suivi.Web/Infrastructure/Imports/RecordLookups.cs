using Microsoft.EntityFrameworkCore;
using Suivi.Data;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// Case files by reference and people by external id, as rows of a file refer to them: looked up for a
/// whole batch of rows in one query, and kept for the next batches up to a bound (then forgotten and looked
/// up again), so memory stays flat however many records a file names. Reads what is committed, through its
/// own connection: another organisation's records and restricted files the importer is not named on are
/// never found.
/// </summary>
public sealed class RecordLookups(SuiviDbContext db)
{
    public const int Bound = 50_000;

    private readonly Dictionary<string, CaseFileDates?> _caseFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid?> _people = new(StringComparer.Ordinal);

    /// <summary>A case file with the periods it was open (its episodes).</summary>
    public sealed record CaseFileDates(Guid Id, Guid ServiceId, IReadOnlyList<(DateOnly OpenedOn, DateOnly? ClosedOn)> Episodes);

    public async Task LoadCaseFilesAsync(IEnumerable<string> references, CancellationToken cancellationToken)
    {
        var missing = Missing(_caseFiles, references);
        foreach (var chunk in missing.Chunk(1000))
        {
            var found = await db.CaseFiles.AsNoTracking()
                .Where(c => chunk.Contains(c.Reference))
                .Select(c => new { c.Id, c.Reference, c.ServiceId, Episodes = c.Episodes.Select(e => new { e.OpenedOn, e.ClosedOn }).ToList() })
                .ToListAsync(cancellationToken);
            foreach (var reference in chunk)
            {
                _caseFiles[reference] = null;
            }
            foreach (var file in found)
            {
                _caseFiles[file.Reference] = new CaseFileDates(file.Id, file.ServiceId, [.. file.Episodes.Select(e => (e.OpenedOn, e.ClosedOn))]);
            }
        }
    }

    /// <summary>The case file, if <see cref="LoadCaseFilesAsync"/> was given its reference and the organisation has it.</summary>
    public CaseFileDates? CaseFile(string reference) => _caseFiles.GetValueOrDefault(reference);

    public async Task LoadPeopleAsync(IEnumerable<string> externalIds, CancellationToken cancellationToken)
    {
        var missing = Missing(_people, externalIds);
        foreach (var chunk in missing.Chunk(1000))
        {
            var found = await db.Beneficiaries.AsNoTracking()
                .Where(b => b.ExternalId != null && chunk.Contains(b.ExternalId))
                .Select(b => new { b.Id, b.ExternalId })
                .ToListAsync(cancellationToken);
            foreach (var id in chunk)
            {
                _people[id] = null;
            }
            foreach (var person in found)
            {
                _people[person.ExternalId!] = person.Id;
            }
        }
    }

    /// <summary>The person with this external id, if <see cref="LoadPeopleAsync"/> was given it and the organisation has them.</summary>
    public Guid? Person(string externalId) => _people.GetValueOrDefault(externalId);

    private static List<string> Missing<T>(Dictionary<string, T> cache, IEnumerable<string> keys)
    {
        // Most batches name only what earlier batches loaded: those cost one lookup each and nothing else.
        HashSet<string>? missing = null;
        foreach (var key in keys)
        {
            if (!cache.ContainsKey(key))
            {
                (missing ??= new HashSet<string>(StringComparer.Ordinal)).Add(key);
            }
        }
        if (missing is null)
        {
            return [];
        }
        if (cache.Count + missing.Count > Bound)
        {
            cache.Clear();
            return [.. keys.Distinct(StringComparer.Ordinal)];
        }
        return [.. missing];
    }
}
