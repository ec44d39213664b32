using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SscPortal.Web.Forms;

public static class ValidationExtensions
{
    /// <summary>Copies FluentValidation's errors into ModelState under the form's prefix, so each shows next to its field.</summary>
    public static void AddErrors(this ModelStateDictionary modelState, ValidationResult result, string prefix = "Input")
    {
        foreach (var error in result.Errors)
            modelState.AddModelError(string.IsNullOrEmpty(prefix) ? error.PropertyName : $"{prefix}.{error.PropertyName}", error.ErrorMessage);
    }
}
