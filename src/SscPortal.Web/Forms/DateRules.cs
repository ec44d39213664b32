using FluentValidation;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Forms;

/// <summary>
/// Dates a cooperation record can plausibly hold (year 0 or 9999 is a typing slip, not a plan), and the order of a
/// start and an end. The order is the domain's rule (<see cref="RuleCode.EndBeforeStart"/>); checking it here too means
/// the form reports it together with every other mistake, not only once the rest has been fixed.
/// </summary>
public static class DateRules
{
    public static readonly DateOnly Earliest = new(1950, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    public static IRuleBuilderOptions<T, DateOnly?> IsPlausibleDate<T>(this IRuleBuilder<T, DateOnly?> rule, IStringLocalizer<SharedResource> L) =>
        rule.Must(date => date is null || (date >= Earliest && date <= Latest))
            .WithMessage(L["Enter a date between {0} and {1}.", Earliest.Year, Latest.Year]);

    /// <summary>An end date on or after its start date, when both are given, with the domain rule's message.</summary>
    public static IRuleBuilderOptions<T, DateOnly?> IsNotBefore<T>(this IRuleBuilder<T, DateOnly?> rule, Func<T, DateOnly?> start, IStringLocalizer<SharedResource> L) =>
        rule.Must((input, end) => end is null || start(input) is not { } from || end >= from)
            .WithMessage(RuleMessages.For(RuleCode.EndBeforeStart, L));

    /// <summary>An actual (not planned) date that has already come, with the domain rule's message.</summary>
    public static IRuleBuilderOptions<T, DateOnly?> IsNotInFuture<T>(this IRuleBuilder<T, DateOnly?> rule, DateOnly today, IStringLocalizer<SharedResource> L) =>
        rule.Must(date => date is null || date <= today)
            .WithMessage(RuleMessages.For(RuleCode.ActualDateInFuture, L));
}
