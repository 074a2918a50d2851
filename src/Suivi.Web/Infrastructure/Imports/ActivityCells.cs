using Suivi.Domain;
using static Suivi.Infrastructure.Imports.ImportText;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// The cells the activity kinds' rows share (appointments, contacts, alarms, attendance), read the same way
/// by each of their importers on the reading thread. A problem is reported under its column and clears
/// <c>valid</c>, so that one pass over a row lists every error it has.
/// </summary>
internal static class ActivityCells
{
    /// <summary>The external id of the row (required: it is what makes a re-import change nothing).</summary>
    public static string ExternalId(ImportRow row, ImportContext context, ImportColumn column, ref bool valid)
    {
        var id = row[column];
        if (id?.Length > 100)
        {
            valid = false;
            context.Error(row.Line, column, TextKey("This field is too long."));
        }
        return id ?? "";
    }

    public static OrganisationCodes.ServiceCode? Service(ImportRow row, ImportContext context, ImportColumn column, ref bool valid)
    {
        if (row[column] is not { } code)
        {
            return null;
        }
        if (context.Codes.Service(code) is { } service)
        {
            return service;
        }
        valid = false;
        context.Error(row.Line, column, TextKey("Unknown service code {0}."), code);
        return null;
    }

    /// <summary>A service that must be of one kind (a day centre, a residence, the alarm service); <paramref name="otherKind"/> says so, with {0} the code given.</summary>
    public static OrganisationCodes.ServiceCode? Service(ImportRow row, ImportContext context, ImportColumn column, ServiceKind kind,
        string otherKind, ref bool valid)
    {
        var service = Service(row, context, column, ref valid);
        if (service is not null && service.Kind != kind)
        {
            valid = false;
            context.Error(row.Line, column, otherKind, service.Code);
            return null;
        }
        return service;
    }

    public static DateOnly? Date(ImportRow row, ImportContext context, ImportColumn column, ref bool valid)
    {
        if (row[column] is not { } text)
        {
            return null;
        }
        if (ImportValues.TryDate(text, out var date))
        {
            return date;
        }
        valid = false;
        context.Error(row.Line, column, TextKey("Give the date as 2024-01-31 or 31/01/2024."));
        return null;
    }

    public static TimeOnly? Time(ImportRow row, ImportContext context, ImportColumn column, ref bool valid)
    {
        if (row[column] is not { } text)
        {
            return null;
        }
        if (ImportValues.TryTime(text, out var time))
        {
            return time;
        }
        valid = false;
        context.Error(row.Line, column, TextKey("Give the time as 09:30."));
        return null;
    }

    /// <summary>A whole number of at least zero.</summary>
    public static int? Count(ImportRow row, ImportContext context, ImportColumn column, ref bool valid)
    {
        if (row[column] is not { } text)
        {
            return null;
        }
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count))
        {
            return count;
        }
        valid = false;
        context.Error(row.Line, column, TextKey("Give a whole number: 3."));
        return null;
    }

    /// <summary>
    /// One of the values of <typeparamref name="T"/> as a file writes it: helpline_call, helpline-call, Helpline call
    /// or HelplineCall; <paramref name="unknown"/> (with {0} the text given) otherwise.
    /// </summary>
    public static T? Word<T>(ImportRow row, ImportContext context, ImportColumn column, string unknown, ref bool valid)
        where T : struct, Enum
    {
        if (row[column] is not { } text)
        {
            return null;
        }
        var compact = string.Concat(text.Where(c => c is not ('_' or '-' or ' ')));
        if (Enum.GetNames<T>().FirstOrDefault(name => string.Equals(name, compact, StringComparison.OrdinalIgnoreCase)) is { } name)
        {
            return Enum.Parse<T>(name);
        }
        valid = false;
        context.Error(row.Line, column, unknown, text);
        return null;
    }

    /// <summary>
    /// A list entry by code: the service's own or the organisation's, not retired on <paramref name="day"/> (the
    /// day of the record), so that history keeps the entries it was recorded with.
    /// </summary>
    public static Guid? ListEntry(ImportRow row, ImportContext context, ImportColumn column, ListKind list,
        OrganisationCodes.ServiceCode? service, DateOnly? day, ref bool valid)
    {
        if (row[column] is not { } code || service is null)
        {
            return null;
        }
        switch (context.Codes.ListEntry(list, service.Id, code))
        {
            case null:
                valid = false;
                context.Error(row.Line, column, TextKey("Unknown code {0} for the service {1}."), code, service.Code);
                return null;
            case { } item when day is { } on && item.IsRetiredOn(on):
                valid = false;
                context.Error(row.Line, column, TextKey("The code {0} was retired on {1}: it is not used for later records."), code, item.RetiredOn!.Value);
                return null;
            case { } item:
                return item.Id;
        }
    }

    /// <summary>A staff member by full name or id, as deliveries name them.</summary>
    public static Guid? Staff(ImportRow row, ImportContext context, ImportColumn column, ref bool valid)
    {
        if (row[column] is not { } text)
        {
            return null;
        }
        if (DeliveriesImporter.Staff(row, context, column, text, out var id))
        {
            return id;
        }
        valid = false;
        return null;
    }

    /// <summary>Looks up, in one query, the people a batch names by external id (the reading thread's <see cref="ImportContext.Lookups"/>).</summary>
    public static Task LoadPeopleAsync<TRecord>(ImportBatch<TRecord> batch, ImportContext context, Func<TRecord, IEnumerable<string>> people,
        CancellationToken cancellationToken)
    {
        var named = batch.SelectMany(e => people(e.Record)).ToList();
        return named.Count == 0 ? Task.CompletedTask : context.Lookups.LoadPeopleAsync(named, cancellationToken);
    }

    /// <summary>A person loaded by <see cref="LoadPeopleAsync"/>, or an error under <paramref name="column"/>.</summary>
    public static Guid? Person(ImportContext context, long line, ImportColumn column, string externalId, ref bool valid)
    {
        if (context.Lookups.Person(externalId) is { } id)
        {
            return id;
        }
        valid = false;
        context.Error(line, column, TextKey("No person has the external id {0}: import the people first."), externalId);
        return null;
    }
}
