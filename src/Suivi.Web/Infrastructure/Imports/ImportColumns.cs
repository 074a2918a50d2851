using System.Collections;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// A column of an import file: its name in the header row (English snake_case), whether every file must
/// have it, and what it holds (an English text key, shown translated on the import page).
/// </summary>
public sealed record ImportColumn(int Index, string Name, bool Required, string Description);

/// <summary>The columns of one kind of import, in the order the documentation lists them.</summary>
public sealed class ImportColumns : IReadOnlyList<ImportColumn>
{
    private readonly List<ImportColumn> _columns = [];

    public ImportColumn Required(string name, string description) => Add(name, true, description);

    public ImportColumn Optional(string name, string description) => Add(name, false, description);

    public ImportColumn? Find(string name) =>
        _columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    public ImportColumn this[int index] => _columns[index];

    public int Count => _columns.Count;

    public IEnumerator<ImportColumn> GetEnumerator() => _columns.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ImportColumn Add(string name, bool required, string description)
    {
        var column = new ImportColumn(_columns.Count, name, required, description);
        _columns.Add(column);
        return column;
    }
}
