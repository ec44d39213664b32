using FluentValidation;
using Microsoft.Extensions.Localization;

namespace SscPortal.Web.Forms;

/// <summary>Dates a cooperation record can plausibly hold: year 0 or 9999 is a typing slip, not a plan.</summary>
public static class DateRules
{
    public static readonly DateOnly Earliest = new(1950, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    public static IRuleBuilderOptions<T, DateOnly?> IsPlausibleDate<T>(this IRuleBuilder<T, DateOnly?> rule, IStringLocalizer<SharedResource> L) =>
        rule.Must(date => date is null || (date >= Earliest && date <= Latest))
            .WithMessage(L["Enter a date between {0} and {1}.", Earliest.Year, Latest.Year]);
}
