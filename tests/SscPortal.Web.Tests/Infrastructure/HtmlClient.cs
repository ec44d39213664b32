using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SscPortal.Web.Tests.Infrastructure;

/// <summary>Drives pages as a person with a browser would: fetch a page, fill its rendered form, submit it.</summary>
public sealed class HtmlClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http => http;

    public sealed record Page(HttpResponseMessage Response, IHtmlDocument Document)
    {
        public HttpStatusCode Status => Response.StatusCode;
        public string Text => Document.Body?.TextContent ?? "";
        public Uri Address => Response.RequestMessage!.RequestUri!;

        /// <summary>Whether the page is shown to a signed-in person (the header offers "Sign out").</summary>
        public bool IsSignedIn => Document.QuerySelector(".account-nav form button") is not null;
    }

    /// <summary>Signs in through the sign-in page.</summary>
    public async Task<Page> SignInAsync(string email, string password) =>
        await SubmitAsync(await GetOkAsync("/account/login"), "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password,
        });

    public async Task<Page> GetAsync(string url)
    {
        var response = await http.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));
        return await ParseAsync(response);
    }

    /// <summary>Fetches a page that must answer 200.</summary>
    public async Task<Page> GetOkAsync(string url)
    {
        var page = await GetAsync(url);
        Assert.True(page.Status == HttpStatusCode.OK, $"GET {url} answered {(int)page.Status}");
        return page;
    }

    /// <summary>Follows a link on a page, as a click would.</summary>
    public async Task<Page> FollowAsync(Page page, string linkSelector)
    {
        var href = page.Document.QuerySelector(linkSelector)?.GetAttribute("href")
                   ?? throw new InvalidOperationException($"No link matches {linkSelector} on {page.Address}");
        return await GetOkAsync(new Uri(page.Address, href).ToString());
    }

    /// <summary>Submits a form as rendered (hidden fields and the antiforgery token included), with some fields filled in.</summary>
    /// <summary>Submits a form with a file, as multipart/form-data (the form's other fields as rendered, then <paramref name="values"/>).</summary>
    public async Task<Page> UploadAsync(Page page, string formSelector, IReadOnlyDictionary<string, string> values, string fileField, string fileName, byte[] content)
    {
        var form = page.Document.QuerySelector<IHtmlFormElement>(formSelector)
                   ?? throw new InvalidOperationException($"No form matches {formSelector} on {page.Address}");
        using var body = new MultipartFormDataContent();
        foreach (var element in form.Elements)
        {
            if (element is IHtmlInputElement { Type: "checkbox" or "radio", IsChecked: false } or IHtmlInputElement { Type: "submit" or "button" or "file" } or IHtmlButtonElement) continue;
            var (name, value) = element switch
            {
                IHtmlInputElement input => (input.Name, input.Value),
                IHtmlSelectElement select => (select.Name, select.Value ?? ""),
                IHtmlTextAreaElement area => (area.Name, area.Value),
                _ => (null, null),
            };
            if (!string.IsNullOrEmpty(name) && !values.ContainsKey(name)) body.Add(new StringContent(value ?? ""), name);
        }
        foreach (var (name, value) in values) body.Add(new StringContent(value), name);
        body.Add(new ByteArrayContent(content), fileField, fileName);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? page.Address : new Uri(page.Address, form.GetAttribute("action"));
        return await ParseAsync(await http.PostAsync(action, body));
    }

    public async Task<Page> SubmitAsync(Page page, string formSelector, IReadOnlyDictionary<string, string> values, string? submitterSelector = null)
    {
        var form = page.Document.QuerySelector<IHtmlFormElement>(formSelector)
                   ?? throw new InvalidOperationException($"No form matches {formSelector} on {page.Address}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio", IsChecked: false }:
                case IHtmlInputElement { Type: "submit" or "button" }:
                case IHtmlButtonElement:
                    continue;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    fields.Add(new(input.Name, input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
            }
        }
        fields.RemoveAll(f => values.ContainsKey(f.Key));
        fields.AddRange(values);
        var submitter = submitterSelector is null ? null : page.Document.QuerySelector<IHtmlButtonElement>(submitterSelector)
                        ?? throw new InvalidOperationException($"No button matches {submitterSelector} on {page.Address}");
        if (submitter is { Name.Length: > 0 }) fields.Add(new(submitter.Name!, submitter.Value));

        // A button's formaction wins over its form's action, as in a browser.
        var target = submitter?.GetAttribute("formaction") is { Length: > 0 } formAction ? formAction : form.GetAttribute("action");
        var action = string.IsNullOrEmpty(target) ? page.Address : new Uri(page.Address, target);
        using var content = new FormUrlEncodedContent(fields);
        var response = form.Method.Equals("get", StringComparison.OrdinalIgnoreCase)
            ? await http.GetAsync(new UriBuilder(action) { Query = await content.ReadAsStringAsync() }.Uri.ToString())
            : await http.PostAsync(action, content);
        return await ParseAsync(response);
    }

    private static async Task<Page> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return new Page(response, await Parser.ParseDocumentAsync(html));
    }

    public void Dispose() => http.Dispose();
}
