using Microsoft.AspNetCore.Razor.TagHelpers;

namespace SscPortal.Web.Forms;

/// <summary>
/// <c>&lt;form method="post" submit-once&gt;</c>: the form carries a key made when it is rendered, so that sending it
/// twice creates one record (<see cref="SubmitOnce"/>). Shown again after a mistake, it keeps the key it was sent with.
/// </summary>
[HtmlTargetElement("form", Attributes = AttributeName)]
public sealed class SubmitOnceTagHelper(SubmitOnce once) : TagHelper
{
    public const string AttributeName = "submit-once";

    /// <summary>Runs after the framework's form tag helper, so the key sits beside the antiforgery token.</summary>
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.RemoveAll(AttributeName);
        output.PostContent.AppendHtml($"<input type=\"hidden\" name=\"{SubmitOnce.FieldName}\" value=\"{once.KeyForForm()}\">");
    }
}
