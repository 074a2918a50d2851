using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Suivi.Domain;

namespace Suivi.Features.People;

/// <summary>Shows a rule the entity refused next to the field it concerns, in the reader's language.</summary>
public static class FormErrors
{
    public static void Add(ModelStateDictionary modelState, string prefix, DomainRuleException rule, IStringLocalizer localizer) =>
        modelState.AddModelError(rule.Field is null ? "" : $"{prefix}.{rule.Field}", localizer[rule.Message]);
}
