using System.Text;
using System.Text.RegularExpressions;

namespace SscPortal.Web.Evidence.Inspection;

/// <summary>Reads the start of a file as text to tell HTML/XML/SVG and scripts from other text.</summary>
internal static partial class TextSniffer
{
    private static readonly string[] HtmlAnywhere = ["<script", "<html", "<svg", "<iframe", "<object", "<embed", "<body", "javascript:"];

    /// <summary>Html, Script, or null when the start is not such text.</summary>
    public static Refusal? Classify(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("#!"u8)) return Refusal.Script;
        var text = Decode(head);
        if (text is null) return null;
        var trimmed = text.TrimStart().ToLowerInvariant();
        // Text that opens with markup (<html, <svg, <?xml, <!doctype, <!--, <p …) is what browsers sniff as HTML or XML.
        if (trimmed.Length > 1 && trimmed[0] == '<' && (char.IsAsciiLetter(trimmed[1]) || trimmed[1] is '!' or '?')) return Refusal.Html;
        if (HtmlAnywhere.Any(s => trimmed.Contains(s, StringComparison.Ordinal))) return Refusal.Html;
        if (trimmed.StartsWith("#!", StringComparison.Ordinal)) return Refusal.Script;
        var score = 0;
        foreach (var (pattern, weight) in ScriptSigns)
        {
            if (pattern.IsMatch(text)) score += weight;
            if (score >= 2) return Refusal.Script;
        }
        return null;
    }

    /// <summary>The text, if the bytes look like text (a BOM, or no control bytes other than tab and line breaks).</summary>
    private static string? Decode(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) head = head[3..];
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.Unicode.GetString(head[2..(head.Length & ~1)]);
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode.GetString(head[2..(head.Length & ~1)]);
        foreach (var b in head)
        {
            if (b < 0x20 && b is not (9 or 10 or 12 or 13 or 0x1B)) return null;
        }
        return Encoding.UTF8.GetString(head);
    }

    private static readonly (Regex Pattern, int Weight)[] ScriptSigns =
    [
        (BatchStrong(), 2),
        (PowerShellStrong(), 2),
        (JavaScriptStrong(), 2),
        (ShellStrong(), 2),
        (Declaration(), 1),
        (ArrowOrCall(), 1),
        (ShellLine(), 1),
        (BatchLine(), 1),
    ];

    [GeneratedRegex(@"^\s*@?echo\s+off\b|%~dp0|%comspec%|\bcmd(\.exe)?\s+/[ck]\b", RegexOptions.IgnoreCase | RegexOptions.Multiline, 200)]
    private static partial Regex BatchStrong();

    [GeneratedRegex(@"\$env:\w+|\b(Invoke-Expression|Invoke-WebRequest|Invoke-RestMethod|Set-ExecutionPolicy|New-Object|Start-Process|Write-Host|Get-ChildItem|Add-Type)\b|\bpowershell(\.exe)?\s+-", RegexOptions.IgnoreCase, 200)]
    private static partial Regex PowerShellStrong();

    [GeneratedRegex(@"\bfunction\s*[\w$]*\s*\([^)]*\)\s*\{|\bconsole\.log\s*\(|\bmodule\.exports\b|\bdocument\.(write|cookie|getElementById)\b|\bWScript\.|ActiveXObject|\beval\s*\(", RegexOptions.None, 200)]
    private static partial Regex JavaScriptStrong();

    [GeneratedRegex(@"/bin/(ba|z|k)?sh\b|^\s*(sudo|chmod|wget|curl)\s+\S+|\brm\s+-rf?\b|^\s*(fi|esac|done)\s*$", RegexOptions.Multiline, 200)]
    private static partial Regex ShellStrong();

    [GeneratedRegex(@"^\s*(var|let|const)\s+[A-Za-z_$][\w$]*\s*=", RegexOptions.Multiline, 200)]
    private static partial Regex Declaration();

    [GeneratedRegex(@"=>\s*\{|\brequire\s*\(\s*['""]|\bwindow\.\w+", RegexOptions.None, 200)]
    private static partial Regex ArrowOrCall();

    [GeneratedRegex(@"^\s*(if\s+\[|export\s+\w+=|echo\s+""?\$|cd\s+\S+\s*&&|then\s*$)", RegexOptions.Multiline, 200)]
    private static partial Regex ShellLine();

    [GeneratedRegex(@"^\s*(rem\s|set\s+\w+=|goto\s+:?\w+|call\s+:?\w+|setlocal\b|if\s+(not\s+)?exist\b)", RegexOptions.IgnoreCase | RegexOptions.Multiline, 200)]
    private static partial Regex BatchLine();
}
