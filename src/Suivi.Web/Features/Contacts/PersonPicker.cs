using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;

namespace Suivi.Features.Contacts;

/// <summary>
/// Choosing the person a contact, an appointment or an alarm subscription is about (_PersonPicker.cshtml).
/// Without script the form posts to itself to search (handler "Search") and the people found are offered
/// as choices; with script (wwwroot/js/person-search.js) the same choices appear while the name is typed,
/// from the people API. <see cref="NoneLabel"/>, when given, offers "nobody": an anonymous call.
/// </summary>
public sealed record PersonPicker(string Field, string Legend, Guid? Chosen, IReadOnlyList<PersonPicker.Person> Offered, string? Find,
    bool Searched, string? NoneLabel)
{
    public sealed record Person(Guid Id, string Name, DateOnly? BirthDate);

    /// <summary>How many people a search offers; the type-ahead offers the same.</summary>
    public const int MostFound = 20;

    /// <summary>The person chosen (if they are found), then, after a search, the people whose name matches.</summary>
    public static async Task<IReadOnlyList<Person>> OfferAsync(SuiviDbContext db, Guid? chosen, string? find, bool searched, CancellationToken ct)
    {
        var offered = chosen is { } id
            ? await db.Beneficiaries.Where(b => b.Id == id).Select(b => new Person(b.Id, b.FirstName + " " + b.LastName, b.BirthDate)).ToListAsync(ct)
            : [];
        if (searched && SearchText.Fold(find).Length > 0)
        {
            offered.AddRange(await db.Beneficiaries.Matching(find).Where(b => b.Id != chosen).InListOrder().Take(MostFound)
                .Select(b => new Person(b.Id, b.FirstName + " " + b.LastName, b.BirthDate)).ToListAsync(ct));
        }
        return offered;
    }
}
