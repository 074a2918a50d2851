using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Suivi.Infrastructure;

/// <summary>A tag helper about one bound field: its full name in the form and the id of its error message.</summary>
public abstract class FieldTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    protected abstract ModelExpression Field { get; }

    protected string FieldName => ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(Field.Name);

    protected string MessageId => TagBuilder.CreateSanitizedId(FieldName, "_") + "-error";
}

/// <summary>
/// Tells assistive technology which fields are wrong and where their message is: a field bound with
/// asp-for that has errors gets aria-invalid="true" and aria-describedby pointing at its message.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class ValidationAriaTagHelper : FieldTagHelper
{
    // After the built-in input/select/textarea tag helpers, which write the id and name.
    public override int Order => 100;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    protected override ModelExpression Field => For;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (ViewContext.ModelState.TryGetValue(FieldName, out var entry) && entry.Errors.Count > 0)
        {
            output.Attributes.SetAttribute("aria-invalid", "true");
            output.Attributes.SetAttribute("aria-describedby", MessageId);
        }
    }
}

/// <summary>Gives each field message the id the field's aria-describedby points at.</summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class ValidationMessageIdTagHelper : FieldTagHelper
{
    [HtmlAttributeName("asp-validation-for")]
    public ModelExpression For { get; set; } = null!;

    protected override ModelExpression Field => For;

    public override void Process(TagHelperContext context, TagHelperOutput output) =>
        output.Attributes.SetAttribute("id", MessageId);
}
