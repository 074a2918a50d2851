using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Suivi.Tests.Features;

/// <summary>Reads a form the way a browser submits it: every named field with the value it shows.</summary>
internal static class HtmlForms
{
    /// <summary>The fields of <paramref name="form"/>, without the antiforgery token (<see cref="Infrastructure.TestClient"/> adds it).</summary>
    public static Dictionary<string, string> FieldsOf(IElement form)
    {
        var fields = new Dictionary<string, string>();
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            switch (element)
            {
                case IHtmlInputElement { Type: "submit" or "button" or "reset" }:
                case IHtmlInputElement { Type: "checkbox" or "radio", IsChecked: false }:
                    break;
                case IHtmlInputElement input:
                    fields[name] = input.Value;
                    break;
                case IHtmlSelectElement select:
                    fields[name] = select.Value ?? "";
                    break;
                case IHtmlTextAreaElement textArea:
                    fields[name] = textArea.Value;
                    break;
            }
        }
        fields.Remove("__RequestVerificationToken");
        return fields;
    }
}
