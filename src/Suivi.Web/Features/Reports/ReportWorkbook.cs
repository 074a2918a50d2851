using System.Globalization;
using ClosedXML.Excel;
using Microsoft.Extensions.Localization;
using Suivi.Infrastructure;

namespace Suivi.Features.Reports;

/// <summary>
/// The report as an XLSX workbook: one sheet per table, the figures as numbers rounded as printed (so a spreadsheet
/// sum shows what a reader would add up), with the number format of the table, and "/" where a row did not exist.
/// Figures disclosure control hides are texts ("&lt; 5", "x"): the published workbook holds no hidden number. The exact
/// one holds them, shaded, with the legend under each table.
/// </summary>
public static class ReportWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly XLColor Marked = XLColor.FromHtml("#FCE4C4");

    public static byte[] Write(ReportDocument report, IStringLocalizer<SharedResource> localizer)
    {
        // The legends are in the report's language, whatever the language of the request.
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Localization.Culture(report.Language);
        try
        {
            return Workbook(report, localizer);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    private static byte[] Workbook(ReportDocument report, IStringLocalizer localizer)
    {
        using var workbook = new XLWorkbook();
        var cover = workbook.AddWorksheet(SheetName("Report", workbook));
        cover.Cell(1, 1).SetValue(report.Title).Style.Font.SetBold().Font.SetFontSize(14);
        cover.Cell(2, 1).SetValue(report.Year);
        cover.Cell(3, 1).SetValue(string.Join(", ", report.Organisations.Select(o => o.Name)));
        if (report.Disclosure is { Exact: true })
        {
            cover.Cell(4, 1).SetValue(localizer["Exact figures, for internal use only: the published report hides the marked figures."].Value).Style.Font.SetBold();
        }
        var line = 5;
        foreach (var section in report.Sections)
        {
            cover.Cell(line++, 1).SetValue(section.Title).Style.Font.SetBold();
            foreach (var block in section.Blocks)
            {
                if (block.Type == "text")
                {
                    cover.Cell(line++, 1).SetValue(block.Text);
                }
                else if (block.Type == "chart")
                {
                    // The chart's figures are its table's, on that table's sheet.
                    cover.Cell(line++, 1).SetValue($"{block.Id} — {block.Title} ({block.Of})");
                }
                else
                {
                    cover.Cell(line++, 1).SetValue($"{block.Id} — {block.Title}");
                    Table(workbook, block, report, localizer);
                }
            }
            line++;
        }
        cover.Column(1).Width = 100;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Table(XLWorkbook workbook, BlockDocument block, ReportDocument report, IStringLocalizer localizer)
    {
        var sheet = workbook.AddWorksheet(SheetName(block.Id, workbook));
        sheet.Cell(1, 1).SetValue(block.Title).Style.Font.SetBold();
        var headings = block.Type == "crosstab"
            ? block.Columns ?? []
            : [.. (block.Years ?? []).Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. block.ProgressionHeading is { } p ? new[] { p } : []];
        for (var c = 0; c < headings.Count; c++)
        {
            sheet.Cell(3, c + 2).SetValue(headings[c]).Style.Font.SetBold();
        }
        var row = 4;
        foreach (var figures in block.Rows ?? [])
        {
            sheet.Cell(row, 1).SetValue(figures.Label);
            var cells = figures.Values.ToList();
            for (var c = 0; c < cells.Count; c++)
            {
                Figure(sheet.Cell(row, c + 2), cells[c], percent: false);
            }
            if (figures.Progression is { } progression)
            {
                Figure(sheet.Cell(row, cells.Count + 2), progression, percent: true);
            }
            if (figures.Total)
            {
                sheet.Row(row).Style.Font.SetBold();
            }
            row++;
        }
        if (report.Disclosure is { } disclosure)
        {
            row++;
            foreach (var (_, text) in Disclosure.Legend(block, disclosure, report.Language, localizer))
            {
                var legend = sheet.Cell(row++, 1).SetValue(text);
                if (disclosure.Exact)
                {
                    legend.Style.Fill.SetBackgroundColor(Marked);
                }
            }
        }
        sheet.Column(1).Width = 60;
        sheet.Columns(2, headings.Count + 1).Width = 14;
    }

    private static void Figure(IXLCell cell, FigureDocument figure, bool percent)
    {
        if (figure.Suppressed is not null && figure.Value is not null)
        {
            cell.Style.Fill.SetBackgroundColor(Marked);
        }
        if (figure.Value is not { } value)
        {
            cell.SetValue(figure.Text);
            cell.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);
            return;
        }
        var decimals = figure.Decimals;
        var shown = percent ? Math.Round(value * 100, decimals, MidpointRounding.AwayFromZero) / 100 : Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        cell.SetValue((double)shown);
        var fraction = decimals > 0 ? "." + new string('0', decimals) : "";
        cell.Style.NumberFormat.Format = percent ? $"0{fraction}%" : $"#,##0{fraction}";
    }

    private static string SheetName(string name, XLWorkbook workbook)
    {
        var clean = new string([.. name.Select(c => "[]:*?/\\".Contains(c) ? '-' : c)]);
        clean = clean.Length > 31 ? clean[..31] : clean;
        var candidate = clean;
        for (var i = 2; workbook.Worksheets.Contains(candidate); i++)
        {
            candidate = $"{clean[..Math.Min(clean.Length, 28)]}-{i}";
        }
        return candidate;
    }
}
