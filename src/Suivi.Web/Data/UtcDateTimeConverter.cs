using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Suivi.Data;

/// <summary>Keeps every stored <see cref="DateTime"/> in UTC and marks values read back as UTC.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(v => ToStore(v), v => DateTime.SpecifyKind(v, DateTimeKind.Utc))
{
    private static DateTime ToStore(DateTime value) =>
        value.Kind == DateTimeKind.Utc ? value : throw new InvalidOperationException("Times are stored in UTC.");
}
